/**
 * SHA-256 of whole files on threads of their own, for `backup verify`
 * (docs/backups.md, "Checking"), and the blob copies of a snapshot (copy,
 * fsync, read back, hash again). A set is gigabytes; hashed on the core's
 * thread it would be read, then hashed, one step after the other, at the speed
 * of one core. Here each thread reads a file in large sequential reads and
 * hashes it, and with two or more threads one is reading (or waiting for an
 * fsync) while another hashes, so the work keeps up with the disk and the
 * core's thread only waits for answers.
 *
 * The worker is plain JavaScript given to `new Worker(..., { eval: true })`:
 * it needs only node:fs and node:crypto, and this way it runs the same under
 * tsx, vitest and the Electron bundle without a build entry of its own (the
 * other workers need one in electron.vite.config.ts).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** 8 MB reads: a 4 MB photo is one read, a 2 MB database chunk one read. */
const READ_BYTES = 8 * 1024 * 1024;

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { openSync, readSync, writeSync, fsyncSync, closeSync, unlinkSync } = require('node:fs');
const { createHash } = require('node:crypto');
const buf = Buffer.allocUnsafe(${READ_BYTES});
function hashFile(path) {
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
function copy(job) {
  const from = openSync(job.from, 'r');
  let out = -1;
  try {
    out = openSync(job.temp, 'wx', 0o600);
    const hash = createHash('sha256');
    let size = 0;
    for (;;) {
      const n = readSync(from, buf, 0, buf.length, size);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
      let w = 0;
      while (w < n) w += writeSync(out, buf, w, n - w, size + w);
      size += n;
    }
    fsyncSync(out);
    closeSync(out);
    out = -1;
    return { size, sha256: hash.digest('hex'), back: hashFile(job.temp) };
  } catch (err) {
    if (out >= 0) closeSync(out);
    out = -1;
    try { unlinkSync(job.temp); } catch {}
    throw err;
  } finally {
    if (out >= 0) closeSync(out);
    closeSync(from);
  }
}
parentPort.on('message', (job) => {
  try {
    parentPort.postMessage({ id: job.id, result: job.op === 'copy' ? copy(job) : hashFile(job.path) });
  } catch (err) {
    parentPort.postMessage({ id: job.id, error: { code: (err && err.code) || 'EIO', message: String(err && err.message), path: err && err.path } });
  }
});
`;

export type FileHash = { size: number; sha256: string } | { missing: true };
/** A copy made by copy(): what was read and written, and what the fsynced copy read back as. */
export type FileCopy = { size: number; sha256: string; back: { size: number; sha256: string } } | { missing: true };

type Job = { op: 'hash'; path: string } | { op: 'copy'; from: string; temp: string };
type Reply = { id: number; result: unknown } | { id: number; error: { code: string; message: string; path?: string } };

interface Pending {
  /** The file whose absence means `missing` (any other file missing is an error). */
  source: string;
  resolve(v: unknown): void;
  reject(e: Error): void;
}

export class HashPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: (Job & { id: number })[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  /** Two threads at least (one reads while the other hashes); at most four (a disk gains nothing from more). */
  constructor(readonly threads = Math.min(4, Math.max(2, availableParallelism() - 1))) {}

  /** The file's size and SHA-256, or `missing` if it is not there. Other read errors reject. */
  hash(path: string): Promise<FileHash> {
    return this.run({ op: 'hash', path }, path) as Promise<FileHash>;
  }

  /**
   * Copies `from` to `temp` (which must not exist), hashing on the way, fsyncs it, then reads the copy back and
   * hashes it again (the check after writing, snapshot.ts). `missing` if `from` is not there; on any failure
   * the temp file is removed.
   */
  copy(from: string, temp: string): Promise<FileCopy> {
    return this.run({ op: 'copy', from, temp }, from) as Promise<FileCopy>;
  }

  private run(job: Job, source: string): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('the hashing threads have been stopped'));
    return new Promise<unknown>((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { source, resolve, reject });
      this.queue.push({ ...job, id });
      this.pump();
    });
  }

  /** Ends the threads; anything still waiting is rejected. */
  async close(): Promise<void> {
    this.closed = true;
    this.failAll(new Error('the hashing threads have been stopped'));
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
    this.idle.length = 0;
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? (this.workers.length < this.threads ? this.start() : null);
      if (!worker) return;
      worker.postMessage(this.queue.shift());
    }
  }

  private start(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    this.workers.push(worker);
    worker.on('message', (m: Reply) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      this.idle.push(worker);
      if (p) {
        if (!('error' in m)) p.resolve(m.result);
        else if (m.error.code === 'ENOENT' && m.error.path === p.source) p.resolve({ missing: true });
        else p.reject(Object.assign(new Error(m.error.message), { code: m.error.code }));
      }
      this.pump();
    });
    // A thread that fails ends the pool: what it was hashing is rejected, and so is any later file.
    worker.on('error', (err) => this.broken(err));
    worker.on('exit', () => {
      if (!this.closed) this.broken(new Error('a hashing thread stopped early'));
    });
    return worker;
  }

  private broken(err: Error): void {
    this.closed = true;
    this.failAll(err);
    for (const w of this.workers) void w.terminate();
  }

  private failAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    this.queue.length = 0;
  }
}
