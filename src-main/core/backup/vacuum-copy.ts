/**
 * A consistent, still-encrypted copy of vault.db, made by `VACUUM INTO` in a
 * worker thread (vacuum-worker.ts) so the core's own thread stays free for
 * other calls while it runs. Stopping the call ends the thread; the caller
 * removes the part-written file.
 */
import { Worker } from 'node:worker_threads';
import { AppError } from '../../contract/errors';
import { VACUUM_WORKER } from './vacuum-worker-path';

type Message = { type: 'done' } | { type: 'failed'; code: string; message: string };

export function copyDatabase(dbPath: string, key: Buffer, target: string, signal?: AbortSignal): Promise<void> {
  return runDatabaseJob('vacuum', dbPath, key, target, signal);
}

/** Switches a raw copy (raw-copy.ts) from WAL to rollback-journal mode, on the same kind of thread. */
export function toRollbackJournal(path: string, key: Buffer, signal?: AbortSignal): Promise<void> {
  return runDatabaseJob('rollback-journal', path, key, '', signal);
}

function runDatabaseJob(action: 'vacuum' | 'rollback-journal', dbPath: string, key: Buffer, target: string, signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted();
  return new Promise<void>((resolve, reject) => {
    // The worker gets its own copy of the key and wipes it once the connection is keyed.
    const worker = new Worker(VACUUM_WORKER, { workerData: { action, dbPath, target, key: new Uint8Array(key) } });
    let settled = false;
    const finish = (err: Error | null) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      if (err) reject(err);
      else resolve();
    };
    const onAbort = () => finish(signal!.reason instanceof Error ? signal!.reason : new Error('aborted'));
    signal?.addEventListener('abort', onAbort);
    worker.on('message', (m: Message) => {
      if (m.type === 'done') finish(null);
      else if (m.code === 'SQLITE_FULL') finish(new AppError('BACKUP_DESTINATION_FULL'));
      else if (m.code === 'SQLITE_CANTOPEN' || m.code === 'SQLITE_READONLY') finish(new AppError('BACKUP_DESTINATION_READ_ONLY'));
      else finish(new Error(`the database copy failed (${m.code}): ${m.message}`));
    });
    worker.on('error', (err) => finish(err));
    worker.on('exit', (code) => finish(new Error(`the database copy stopped early (exit code ${code})`)));
  });
}
