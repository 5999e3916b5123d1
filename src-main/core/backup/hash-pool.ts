/**
 * The backup's file threads (backup-io-worker.ts): SHA-256 of whole files for
 * `backup verify` (docs/backups.md, "Checking"), and a snapshot's copies,
 * database pieces and settles (copy, fsync, read back, hash again). A set is
 * gigabytes; hashed on the core's thread it would be read, then hashed, one
 * step after the other, at the speed of one core, and every hash would hold
 * the thread's other calls. Here each thread reads a file in large sequential
 * reads and hashes it, and with two or more threads one is reading (or waiting
 * for an fsync) while another hashes, so the work keeps up with the disk and
 * the core's thread only waits for answers.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ChunkResult, FileCopy, FileHash, IoJob, SettleResult } from './backup-io-jobs';
import { BACKUP_IO_WORKER } from './backup-io-worker-path';

export type { ChunkResult, FileCopy, FileHash } from './backup-io-jobs';

type Job = IoJob;
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
   * Copies `from` to `temp` (which must not exist), hashing on the way, not fsynced (a snapshot settles it,
   * settle-queue.ts). `missing` if `from` is not there; on any failure the temp file is removed.
   */
  copy(from: string, temp: string): Promise<FileCopy> {
    return this.run({ op: 'copy', from, temp }, from) as Promise<FileCopy>;
  }

  /** One piece of a database file, hashed and written to `temp` unless the set has it (backup-io-worker.ts). */
  chunk(job: Omit<Extract<IoJob, { op: 'chunk' }>, 'op'>): Promise<ChunkResult> {
    return this.run({ op: 'chunk', ...job }, `${job.path}\0`) as Promise<ChunkResult>;
  }

  /** `temp` fsynced, read back, its SHA-256 compared, then renamed to `target` (the check after writing). */
  settle(temp: string, target: string, entry: { size: number; sha256: string }): Promise<SettleResult> {
    return this.run({ op: 'settle', temp, target, ...entry }, `${temp}\0`) as Promise<SettleResult>;
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
    // From the source tree (tsx, vitest, the CLI) the thread needs tsx too; the Electron build's is plain JS.
    const worker = new Worker(BACKUP_IO_WORKER, { execArgv: String(BACKUP_IO_WORKER).endsWith('.ts') ? ['--import', 'tsx'] : undefined });
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
