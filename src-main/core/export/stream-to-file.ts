/**
 * Writes a long export (a CSV of tens of thousands of rows) to a file whole or
 * not at all, without holding it in memory: the text comes in pieces from an
 * iterator, goes out in chunks of about 256 KB to a temporary file beside the
 * target, is flushed to disk, then renamed into place (and the folder flushed,
 * so the rename is durable). A reader sees no file or the whole file.
 *
 * After each chunk the cancel is checked (an AbortSignal, or `stopRequested`
 * for a caller whose cancel arrives outside the event loop); a cancel, an
 * error or a full disk removes the temporary file and leaves any earlier file
 * at the target as it was.
 *
 * Two forms: the async one lets the event loop run between chunks (for pieces
 * read a page at a time); the sync one does not, for pieces that come from one
 * open database statement, which must not be left open while other calls run
 * on the same connection.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { AppError } from '../../contract/errors';
import { fsyncDirectory } from '../platform/atomic-file';

const CHUNK_CHARS = 256 * 1024;

export interface StreamOptions {
  signal?: AbortSignal;
  /** A synchronous cancel check, polled after each chunk. */
  stopRequested?: () => boolean;
  /** How much text to gather before each write (default about 256 KB). */
  chunkChars?: number;
  /** Called after each chunk with the pieces written so far. */
  onProgress?: (pieces: number) => void;
}

class TempFileWriter {
  readonly target: string;
  readonly temp: string;
  private fd: number | null;
  private buffer: string[] = [];
  private buffered = 0;
  pieces = 0;
  bytes = 0;

  constructor(
    file: string,
    private readonly opts: StreamOptions,
  ) {
    this.target = resolve(file);
    this.temp = `${this.target}.tmp-${randomBytes(6).toString('hex')}`;
    this.checkNotCancelled();
    this.fd = openSync(this.temp, 'wx', 0o600);
  }

  checkNotCancelled(): void {
    if (this.opts.signal?.aborted || this.opts.stopRequested?.()) throw new AppError('CANCELLED');
  }

  /** True when a chunk was written (the moment to check for a cancel or let others run). */
  add(piece: string): boolean {
    this.buffer.push(piece);
    this.buffered += piece.length;
    this.pieces++;
    if (this.buffered < (this.opts.chunkChars ?? CHUNK_CHARS)) return false;
    this.flush();
    return true;
  }

  flush(): void {
    if (this.buffered === 0) return;
    const data = Buffer.from(this.buffer.join(''), 'utf8');
    this.buffer = [];
    this.buffered = 0;
    let written = 0;
    while (written < data.length) written += writeSync(this.fd!, data, written, data.length - written);
    this.bytes += data.length;
    this.opts.onProgress?.(this.pieces);
    this.checkNotCancelled();
  }

  commit(): number {
    this.flush();
    this.checkNotCancelled();
    fsyncSync(this.fd!);
    closeSync(this.fd!);
    this.fd = null;
    renameSync(this.temp, this.target);
    fsyncDirectory(dirname(this.target));
    return this.bytes;
  }

  discard(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    rmSync(this.temp, { force: true });
  }
}

/** Returns the bytes written. */
export async function streamToFileAtomically(file: string, pieces: Iterable<string>, opts: StreamOptions = {}): Promise<number> {
  const w = new TempFileWriter(file, opts);
  try {
    for (const piece of pieces) {
      if (w.add(piece)) {
        await nextTurn();
        w.checkNotCancelled();
      }
    }
    return w.commit();
  } catch (err) {
    w.discard();
    throw err;
  }
}

/** The same without giving up the thread: returns the bytes written. */
export function streamToFileAtomicallySync(file: string, pieces: Iterable<string>, opts: StreamOptions = {}): number {
  const w = new TempFileWriter(file, opts);
  try {
    for (const piece of pieces) w.add(piece);
    return w.commit();
  } catch (err) {
    w.discard();
    throw err;
  }
}
