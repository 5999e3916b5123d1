/**
 * SHA-256 of whole files on threads of their own, for `backup verify`
 * (docs/backups.md, "Checking"). A set is gigabytes; hashed on the core's
 * thread it would be read, then hashed, one step after the other, at the speed
 * of one core. Here each thread reads a file in large sequential reads and
 * hashes it, and with two or more threads one is reading while another hashes,
 * so verify keeps up with the disk and the core's thread only waits for answers.
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
const { openSync, readSync, closeSync } = require('node:fs');
const { createHash } = require('node:crypto');
const buf = Buffer.allocUnsafe(${READ_BYTES});
parentPort.on('message', (job) => {
  let fd = -1;
  try {
    fd = openSync(job.path, 'r');
    const hash = createHash('sha256');
    let size = 0;
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, size);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
      size += n;
    }
    parentPort.postMessage({ id: job.id, size, sha256: hash.digest('hex') });
  } catch (err) {
    parentPort.postMessage({ id: job.id, error: { code: (err && err.code) || 'EIO', message: String(err && err.message) } });
  } finally {
    if (fd >= 0) closeSync(fd);
  }
});
`;

export type FileHash = { size: number; sha256: string } | { missing: true };

type Reply = { id: number; size: number; sha256: string } | { id: number; error: { code: string; message: string } };

interface Pending {
  resolve(v: FileHash): void;
  reject(e: Error): void;
}

export class HashPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: { id: number; path: string }[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  /** Two threads at least (one reads while the other hashes); at most four (a disk gains nothing from more). */
  constructor(readonly threads = Math.min(4, Math.max(2, availableParallelism() - 1))) {}

  /** The file's size and SHA-256, or `missing` if it is not there. Other read errors reject. */
  hash(path: string): Promise<FileHash> {
    if (this.closed) return Promise.reject(new Error('the hashing threads have been stopped'));
    return new Promise<FileHash>((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      this.queue.push({ id, path });
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
        if (!('error' in m)) p.resolve({ size: m.size, sha256: m.sha256 });
        else if (m.error.code === 'ENOENT') p.resolve({ missing: true });
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
