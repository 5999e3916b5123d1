/**
 * SQLite's structural check on a thread of its own (started by
 * structure-check.ts): `PRAGMA quick_check` on one table takes seconds on a
 * large vault and cannot be split, so here it never stalls the main process.
 * It opens its own read-only connection with the same cipher settings as
 * src-main/core/db/open-database.ts, checks each table with its indexes, and
 * reports after each one.
 *
 * Runs as it is under Node (type stripping) and tsx, and is bundled on its own
 * for Electron (electron.vite.config.ts), so it imports nothing of the app's.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3-multiple-ciphers';

interface Job {
  dbPath: string;
  key: Uint8Array;
  maxProblems: number;
}

const codeOf = (err: unknown) => (err as { code?: string }).code ?? 'error';

function run(job: Job): void {
  const problems: string[] = [];
  const key = Buffer.from(job.key);
  job.key.fill(0);
  let db: InstanceType<typeof Database> | null = null;
  try {
    db = new Database(job.dbPath, { readonly: true, fileMustExist: true });
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`key="x'${key.toString('hex')}'"`);
    key.fill(0);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];
    for (const [i, table] of tables.entries()) {
      parentPort!.postMessage({ type: 'progress', done: i, total: tables.length });
      try {
        const rows = db.pragma(`quick_check("${table.replaceAll('"', '""')}")`) as { quick_check: string }[];
        problems.push(...rows.map((r) => r.quick_check).filter((m) => m !== 'ok'));
      } catch (err) {
        // A page that cannot be decrypted stops the check of that table outright (SQLITE_CORRUPT).
        problems.push(`SQLite could not read all of ${table} (${codeOf(err)})`);
      }
      if (problems.length >= job.maxProblems) break;
    }
    parentPort!.postMessage({ type: 'progress', done: tables.length, total: tables.length });
  } catch (err) {
    problems.push(`SQLite could not read the list of tables (${codeOf(err)})`);
  } finally {
    key.fill(0);
    db?.close();
  }
  parentPort!.postMessage({ type: 'done', problems: problems.slice(0, job.maxProblems) });
}

run(workerData as Job);
