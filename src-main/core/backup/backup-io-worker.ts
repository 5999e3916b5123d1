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
 *  - chunk: one piece of the database file, hashed; unless the set holds it
 *    already, every page's SQLCipher HMAC checked and the piece written to a
 *    temp name (not yet fsynced);
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
import { closeSync, fsyncSync, mkdirSync, openSync, readSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { PAGE_SIZE, pageKeys, verifyPage, wipePageKeys } from '../db/sqlcipher-pages';
import type { IoJob } from './backup-io-jobs';
import { blobAt } from './set-layout';

/** 8 MB reads: a 4 MB photo is one read, a 2 MB database chunk one read. */
const READ_BYTES = 8 * 1024 * 1024;
const buf = Buffer.allocUnsafe(READ_BYTES);

function readInto(fd: number, into: Buffer, position: number): number {
  let got = 0;
  while (got < into.length) {
    const n = readSync(fd, into, got, into.length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return got;
}

function writeAll(fd: number, bytes: Buffer, position: number): void {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done, position + done);
}

function hashFile(path: string): { size: number; sha256: string } {
  const fd = openSync(path, 'r');
  try {
    const hash = createHash('sha256');
    let size = 0;
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, size);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
      size += n;
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

/** Writes `temp` (which must not exist) with `write`; a failure removes it. */
function writeTemp(temp: string, write: (fd: number) => void): void {
  const out = openSync(temp, 'wx', 0o600);
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
  const src = openSync(from, 'r');
  try {
    const hash = createHash('sha256');
    let size = 0;
    writeTemp(temp, (out) => {
      for (;;) {
        const n = readSync(src, buf, 0, buf.length, size);
        if (n === 0) break;
        hash.update(buf.subarray(0, n));
        writeAll(out, buf.subarray(0, n), size);
        size += n;
      }
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
  const piece = buf.subarray(0, job.length);
  const fd = openSync(job.path, 'r');
  try {
    if (readInto(fd, piece, job.offset) !== job.length) throw new Error('the database file became shorter while it was being copied');
  } finally {
    closeSync(fd);
  }
  // The thread's copy of the key is taken and its message's copy wiped, whatever follows.
  const key = Buffer.from(job.key);
  job.key.fill(0);
  const sha256 = createHash('sha256').update(piece).digest('hex');
  const target = blobAt(job.blobsDir, sha256);
  if (sizeAt(target) === job.length) {
    key.fill(0);
    return { sha256, stored: false };
  }
  // Every page authenticated with the database key before it goes into the set (db/sqlcipher-pages.ts); the
  // settle job then proves the bytes on the drive are these bytes.
  const keys = pageKeys(key, Buffer.from(job.salt));
  key.fill(0);
  try {
    const whole = Math.floor(piece.length / PAGE_SIZE);
    for (let i = 0; i < whole; i++) {
      if (!verifyPage(keys, piece.subarray(i * PAGE_SIZE, (i + 1) * PAGE_SIZE), job.firstPage + i)) return { sha256, stored: false, badPage: job.firstPage + i };
    }
    if (piece.length % PAGE_SIZE !== 0) return { sha256, stored: false, badPage: job.firstPage + whole };
  } finally {
    wipePageKeys(keys);
  }
  writeTemp(job.temp, (out) => writeAll(out, piece, 0));
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
    const back = hashFile(job.temp);
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
      return hashFile(job.path);
    case 'copy':
      return copy(job.from, job.temp);
    case 'chunk':
      return chunk(job);
    case 'settle':
      return settle(job);
  }
}

parentPort!.on('message', (job: IoJob & { id: number }) => {
  try {
    parentPort!.postMessage({ id: job.id, result: run(job) });
  } catch (err) {
    const e = err as { code?: string; message?: string; path?: string };
    parentPort!.postMessage({ id: job.id, error: { code: e.code ?? 'EIO', message: String(e.message), path: e.path } });
  }
});
