/**
 * The database copy of a snapshot on a thread of its own (started by
 * vacuum-copy.ts), and the switch of a raw copy (raw-copy.ts) out of WAL mode. `VACUUM INTO` is one synchronous SQLite call that takes
 * seconds on a large vault; on the core worker's thread it would hold every
 * other call for that long (docs/core-worker.md), so it runs here, on its own
 * read-only connection. In WAL mode that connection reads one consistent
 * snapshot of the database while the core keeps writing.
 *
 * SQLite3 Multiple Ciphers writes the copy under the main database's cipher
 * and key, so it is a SQLCipher 4 file like vault.db (checked by the tests).
 * `db.backup()` cannot be used: it copies pages between two connections and
 * does not carry the encryption across.
 *
 * Runs as it is under Node (type stripping) and tsx, and is bundled on its own
 * for Electron (electron.vite.config.ts), so it imports nothing of the app's.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3-multiple-ciphers';

interface Job {
  /** 'vacuum': VACUUM INTO target; 'rollback-journal': switch the raw copy at dbPath out of WAL mode (raw-copy.ts). */
  action: 'vacuum' | 'rollback-journal';
  dbPath: string;
  target: string;
  key: Uint8Array;
}

function run(job: Job): void {
  const key = Buffer.from(job.key);
  job.key.fill(0);
  let db: InstanceType<typeof Database> | null = null;
  try {
    db = new Database(job.dbPath, { readonly: job.action === 'vacuum', fileMustExist: true });
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`key="x'${key.toString('hex')}'"`);
    key.fill(0);
    if (job.action === 'vacuum') db.prepare('VACUUM INTO ?').run(job.target);
    else {
      // Rewrites page 1 (and fsyncs): seconds under load on a busy disk, so not on the core's thread.
      const mode = db.pragma('journal_mode = DELETE', { simple: true }) as string;
      if (mode !== 'delete') throw new Error(`the database copy stayed in ${mode} mode`);
    }
    parentPort!.postMessage({ type: 'done' });
  } catch (err) {
    parentPort!.postMessage({ type: 'failed', code: (err as { code?: string }).code ?? 'error', message: (err as Error).message });
  } finally {
    key.fill(0);
    db?.close();
  }
}

run(workerData as Job);
