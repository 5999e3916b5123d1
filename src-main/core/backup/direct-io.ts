/**
 * Direct I/O for a backup file thread (backup-io-worker.ts): files written
 * into a backup set, and read back by the check after writing, go straight
 * between the thread's buffer and the drive, past the operating system's file
 * cache, wherever the platform and the set's file system allow it (Linux's
 * O_DIRECT; elsewhere, or on a file system that refuses it, the thread falls
 * back to ordinary writes and reads).
 *
 * Why (docs/backups.md, "Writing fast and safely"):
 *  - the check after writing then reads what is on the drive, not the copy
 *    still in memory that an ordinary read would return;
 *  - the gigabytes of a first snapshot do not pass through the file cache.
 *    Filling new cache pages was most of a first snapshot's CPU on the
 *    development machine: 2 GB of photos written in 4 MB files took 9–10 s of
 *    system time written through the cache, 0.3–0.4 s written direct (and
 *    2.5 s against 11–13 s of wall time, each file fsynced).
 *
 * Direct I/O asks for buffers, file offsets and lengths that are multiples of
 * the drive's block size. Every offset and length here is a multiple of
 * BLOCK (4096, the largest block size in use); a file's last partial block is
 * written padded with zeros and the file then cut to its size. Node cannot
 * say where a buffer lies in memory, so the aligned place in the thread's
 * buffer is found by trying, once per file system, where a direct write succeeds.
 */
import { closeSync, constants, ftruncateSync, openSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export const BLOCK = 4096;

/** Linux only: undefined on Windows and macOS, where every file is written through the cache. */
const O_DIRECT: number | undefined = (constants as { O_DIRECT?: number }).O_DIRECT;

const REFUSED = new Set(['EINVAL', 'EOPNOTSUPP', 'ENOTSUP']);

/** `n` rounded up to a whole number of blocks. */
export const wholeBlocks = (n: number): number => Math.ceil(n / BLOCK) * BLOCK;

/** A thread's I/O buffer, and how direct I/O goes on each file system it writes to. */
export class DirectBuffers {
  private readonly raw: Buffer;
  /**
   * File system (its device number) → the offset in `raw` where direct I/O works there, or null where it does
   * not: both depend on the file system, not the folder, so a drill writing into 256 blob folders probes once.
   */
  private readonly placeOn = new Map<number, number | null>();

  constructor(private readonly bytes: number) {
    if (bytes % BLOCK !== 0) throw new Error('the buffer must be whole blocks');
    this.raw = Buffer.allocUnsafeSlow(bytes + BLOCK);
  }

  /** The buffer for files in `dir`, and whether they take direct I/O. */
  forFolder(dir: string): { buf: Buffer; direct: boolean } {
    const device = statSync(dir).dev;
    if (!this.placeOn.has(device)) this.placeOn.set(device, this.probe(dir));
    const at = this.placeOn.get(device) ?? null;
    return { buf: this.raw.subarray(at ?? 0, (at ?? 0) + this.bytes), direct: at !== null };
  }

  /** The buffer for ordinary reads. */
  forReading(): Buffer {
    return this.raw.subarray(0, this.bytes);
  }

  /** Where in `raw` a one-block direct write to a file in `dir` succeeds; null if none does (or the platform has no O_DIRECT). */
  private probe(dir: string): number | null {
    if (O_DIRECT === undefined) return null;
    const path = join(dir, `${randomBytes(8).toString('hex')}.direct-probe.tmp`);
    let fd: number;
    try {
      fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_DIRECT, 0o600);
    } catch (err) {
      // What a file system that does not do direct I/O answers (EINVAL on Linux; some network file systems the others).
      if (REFUSED.has((err as { code?: string }).code ?? '')) return null;
      throw err;
    }
    try {
      // Buffers are at least 16-byte aligned, so an aligned place is one of these.
      for (let at = 0; at < BLOCK; at += 16) {
        try {
          writeSync(fd, this.raw, at, BLOCK, 0);
          return at;
        } catch (err) {
          if ((err as { code?: string }).code !== 'EINVAL') throw err;
        }
      }
      return null;
    } finally {
      closeSync(fd);
      unlinkSync(path);
    }
  }
}

const directFlag = (direct: boolean): number => (direct && O_DIRECT !== undefined ? O_DIRECT : 0);

/** Opens a new file (which must not exist) for writing, direct when `direct`. */
export function openNew(path: string, direct: boolean): number {
  return openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | directFlag(direct), 0o600);
}

/** Opens a file for reading, direct when `direct`. */
export function openToRead(path: string, direct: boolean): number {
  return openSync(path, constants.O_RDONLY | directFlag(direct));
}

/** Writes all of `bytes` at `position`. */
function writeWhole(fd: number, bytes: Buffer, position: number): void {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done, position + done);
}

/**
 * Writes the first `length` bytes of `buf` at `position` (a multiple of BLOCK when direct). A direct write of a
 * last partial block writes it padded with zeros (`buf` has room: it is whole blocks); finishFile() then cuts
 * the file to its size.
 */
export function writeAt(fd: number, buf: Buffer, length: number, position: number, direct: boolean): void {
  const written = direct ? wholeBlocks(length) : length;
  buf.fill(0, length, written);
  writeWhole(fd, buf.subarray(0, written), position);
}

/** Cuts a directly written file to `size` (its last block may have been padded). */
export function finishFile(fd: number, size: number, direct: boolean): void {
  if (direct && size % BLOCK !== 0) ftruncateSync(fd, size);
}
