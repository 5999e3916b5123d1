/**
 * One of the backup's file threads (started by hash-pool.ts): reads, hashes,
 * writes, fsyncs and reads back files of a backup set, so the gigabytes a
 * snapshot, a verify or a drill moves are never hashed on the core's thread
 * and a thread waiting for the disk holds up nothing else (docs/backups.md,
 * "Making a snapshot").
 *
 * Jobs (each answered once, in a message carrying its id):
 *  - hash: a file's size and SHA-256;
 *  - copy: a file copied to a temp name with its SHA-256 (a settle job, or
 *    the caller, takes it from there);
 *  - chunk: one piece of the database file, hashed and, unless the set holds
 *    it already, written to a temp name (not yet fsynced). Its pages are
 *    checked against the database key by the structure check after the
 *    snapshot (structure-check-after.ts), so the key never comes here;
 *  - settle: a temp file fsynced, read back and hashed again (the check after
 *    writing), then renamed to its content address.
 *
 * Why writes and fsyncs are separate jobs: an fsync straight after each write
 * makes the disk finish each file before the next starts; files written first
 * and fsynced a few dozen megabytes later have mostly reached the disk by then,
 * and the fsync only confirms it (bench/backup.ts: about 3× on the development
 * machine's disk).
 *
 * Runs from the source tree under tsx (hash-pool.ts passes it on) and is
 * bundled on its own for Electron (electron.vite.config.ts).
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import { parentPort } from 'node:worker_threads';
import type { IoJob } from './backup-io-jobs';
import { BLOCK, DirectBuffers, finishFile, openNew, openToRead, writeAt } from './direct-io';
import { blobAt } from './set-layout';
import { lowerThisThreadsPriority } from '../platform/thread-priority';

/** 8 MB reads: a 4 MB photo is one read, a 2 MB database chunk one read. */
const READ_BYTES = 8 * 1024 * 1024;
/** This thread's buffer, placed for direct I/O on each file system it writes to (direct-io.ts). */
const buffers = new DirectBuffers(READ_BYTES);

function readInto(fd: number, into: Buffer, position: number): number {
  let got = 0;
  while (got < into.length) {
    const n = readSync(fd, into, got, into.length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return got;
}

/** A file's size and SHA-256, read into `buf`: straight from the drive when `direct` (the check after writing). */
function hashFile(path: string, buf: Buffer, direct: boolean): { size: number; sha256: string } {
  const fd = openToRead(path, direct);
  try {
    const hash = createHash('sha256');
    let size = 0;
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, size);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
      size += n;
      // A direct read short of a whole block is the file's end (the next offset would not be aligned).
      if (direct && n % BLOCK !== 0) break;
    }
    return { size, sha256: hash.digest('hex') };
  } finally {
    closeSync(fd);
  }
}

/** Removes a temp file this thread made, whatever went wrong. */
function discard(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/** Writes `temp` (which must not exist), direct when `direct`, with `write`; a failure removes it. */
function writeTemp(temp: string, direct: boolean, write: (fd: number) => void): void {
  const out = openNew(temp, direct);
  try {
    write(out);
  } catch (err) {
    closeSync(out);
    discard(temp);
    throw err;
  }
  closeSync(out);
}

function copy(from: string, temp: string) {
  const { buf, direct } = buffers.forFolder(dirname(temp));
  const src = openSync(from, 'r');
  try {
    const hash = createHash('sha256');
    let size = 0;
    writeTemp(temp, direct, (out) => {
      for (;;) {
        // Whole reads, so every write but the last starts and ends on a block (direct-io.ts).
        const n = readInto(src, buf, size);
        if (n === 0) break;
        hash.update(buf.subarray(0, n));
        writeAt(out, buf, n, size, direct);
        size += n;
        if (n < buf.length) break;
      }
      finishFile(out, size, direct);
    });
    return { size, sha256: hash.digest('hex') };
  } finally {
    closeSync(src);
  }
}

function sizeAt(path: string): number | null {
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
}

function chunk(job: Extract<IoJob, { op: 'chunk' }>) {
  // This thread's read buffer (a piece is at most 2 MB): a fresh 2 MB each time cost its page faults, per piece.
  const { buf, direct } = buffers.forFolder(dirname(job.temp));
  const piece = buf.subarray(0, job.length);
  const fd = openSync(job.path, 'r');
  try {
    if (readInto(fd, piece, job.offset) !== job.length) throw new Error('the database file became shorter while it was being copied');
  } finally {
    closeSync(fd);
  }
  const sha256 = createHash('sha256').update(piece).digest('hex');
  const target = blobAt(job.blobsDir, sha256);
  if (sizeAt(target) === job.length) return { sha256, stored: false };
  // The settle job then proves the bytes on the drive are these bytes.
  writeTemp(job.temp, direct, (out) => writeAt(out, buf, job.length, 0, direct));
  return { sha256, stored: true, temp: job.temp, target };
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function settle(job: Extract<IoJob, { op: 'settle' }>) {
  try {
    fsyncPath(job.temp);
    const { buf, direct } = buffers.forFolder(dirname(job.temp));
    const back = hashFile(job.temp, buf, direct);
    if (back.size !== job.size || back.sha256 !== job.sha256) {
      discard(job.temp);
      return { ok: false };
    }
    if (sizeAt(job.target) === job.size) {
      // The same bytes are there already (another file of this run, or an earlier run): this copy is not needed.
      discard(job.temp);
      return { ok: true };
    }
    mkdirSync(dirname(job.target), { recursive: true, mode: 0o700 });
    renameSync(job.temp, job.target);
    return { ok: true };
  } catch (err) {
    discard(job.temp);
    throw err;
  }
}

function run(job: IoJob): unknown {
  switch (job.op) {
    case 'hash':
      return hashFile(job.path, buffers.forReading(), false);
    case 'copy':
      return copy(job.from, job.temp);
    case 'chunk':
      return chunk(job);
    case 'settle':
      return settle(job);
  }
}

// Backup work gives way to the threads that answer staff (platform/thread-priority.ts).
lowerThisThreadsPriority();

parentPort!.on('message', (job: IoJob & { id: number }) => {
  try {
    parentPort!.postMessage({ id: job.id, result: run(job) });
  } catch (err) {
    const e = err as { code?: string; message?: string; path?: string };
    parentPort!.postMessage({ id: job.id, error: { code: e.code ?? 'EIO', message: String(e.message), path: e.path } });
  }
});
