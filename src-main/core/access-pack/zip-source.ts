/** What the pack's ZIP writers (pack-zip.ts, pack-zip-zipjs.ts) take: the files to put in, and how to report and stop. */
import type { Readable } from 'node:stream';

export interface ZipSource {
  zipPath: string;
  mediaType: string;
  /** The file's size in bytes, known before it is read (the file store's row, the PDF's stat). */
  size: number;
  /** A stream of the file's bytes (memory holds a chunk or two of it, not the file). */
  open(): Readable;
}

export interface ZipWriteOptions {
  password: string | null;
  signal: AbortSignal;
  /** The entries' modification time. */
  modified: Date;
  /** Called after each file with the number done. */
  onFile(done: number, total: number): void;
  throwIfStopped(): void;
}
