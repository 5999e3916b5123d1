/**
 * SQLite's structural check (PRAGMA quick_check, table by table) in a worker
 * thread (structure-worker.ts), so the seconds it takes on a large vault do not
 * hold the main process. quick_check rather than integrity_check: at 50,000
 * clients the latter takes ~30 s (21 s on one table) because it looks every
 * index entry up in its table, against ~4 s; what it adds (index entries that
 * disagree with their rows) comes from software bugs, not damaged disks. The
 * per-table form leaves out the free-list and page-accounting pass; free pages'
 * contents are covered by the HMAC pass (page-check.ts).
 */
import { Worker } from 'node:worker_threads';
import { STRUCTURE_WORKER } from './structure-worker-path';

type Message = { type: 'progress'; done: number; total: number } | { type: 'done'; problems: string[] };

export interface StructureCheck {
  ok: boolean;
  problems: string[];
}

export function checkStructure(
  dbPath: string,
  key: Buffer,
  opts: { maxProblems: number; onProgress?(done: number, total: number): void; signal?: AbortSignal },
): Promise<StructureCheck> {
  opts.signal?.throwIfAborted();
  return new Promise<StructureCheck>((resolve, reject) => {
    // The worker gets its own copy of the key and wipes it once the connection is keyed.
    const worker = new Worker(STRUCTURE_WORKER, { workerData: { dbPath, key: new Uint8Array(key), maxProblems: opts.maxProblems } });
    let settled = false;
    const finish = (result: StructureCheck | Error) => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const onAbort = () => finish(opts.signal!.reason instanceof Error ? opts.signal!.reason : new Error('aborted'));
    opts.signal?.addEventListener('abort', onAbort);
    worker.on('message', (m: Message) => {
      if (m.type === 'progress') opts.onProgress?.(m.done, m.total);
      else finish({ ok: m.problems.length === 0, problems: m.problems });
    });
    worker.on('error', (err) => finish({ ok: false, problems: [`SQLite's check could not run (${err.message})`] }));
    worker.on('exit', (code) => finish({ ok: false, problems: [`SQLite's check stopped early (exit code ${code})`] }));
  });
}
