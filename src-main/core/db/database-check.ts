/**
 * The whole-database check behind verify and the owner's quick check
 * (docs/integrity-checks.md):
 *
 *  1. the write-ahead log, frame by frame, before anything merges it;
 *  2. a TRUNCATE checkpoint, so vault.db holds every committed page;
 *  3. every page of vault.db against its SQLCipher HMAC, in steps;
 *  4. for a full check, SQLite's own structural check (PRAGMA quick_check,
 *     table by table, in a worker thread: structure-check.ts).
 *
 * Damage is named by page number and, where it can be told, by the table or
 * index the page belongs to.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { DamagedPage, DatabaseCheckResult } from '../../contract/types';
import { pageOwners } from './page-owners';
import { pageKeysForFile, scanDatabasePages } from './page-check';
import { checkStructure } from './structure-check';
import { wipePageKeys } from './sqlcipher-pages';
import type { Db } from './types';
import { checkWal } from './wal-frames';

export type CheckPhase = 'wal' | 'pages' | 'sqlite';

export interface DatabaseCheckOptions {
  /** 'full' adds SQLite's quick_check, table by table (seconds on a large vault). */
  depth: 'quick' | 'full';
  onProgress?(phase: CheckPhase, done: number, total: number): void;
  signal?: AbortSignal;
}

const MAX_LISTED = 100;
const MAX_SQLITE_PROBLEMS = 20;

function readWal(dbPath: string): Buffer | null {
  const path = `${dbPath}-wal`;
  return existsSync(path) ? readFileSync(path) : null;
}

export async function checkDatabase(db: Db, dbPath: string, key: Buffer, opts: DatabaseCheckOptions): Promise<DatabaseCheckResult> {
  const damaged: DamagedPage[] = [];

  // Read the log and merge it in one synchronous stretch: no write can land between.
  opts.onProgress?.('wal', 0, 1);
  const wal = readWal(dbPath);
  let walFramesChecked = 0;
  if (wal && wal.length > 0) {
    const keys = await pageKeysForFile(dbPath, key);
    try {
      const walCheck = checkWal(wal, keys);
      walFramesChecked = walCheck.framesChecked;
      for (const d of walCheck.damaged) damaged.push({ page: d.page, location: 'wal', frame: d.frame, belongsTo: null });
    } finally {
      wipePageKeys(keys);
    }
  }
  // SQLite3 Multiple Ciphers decrypts each frame as it merges it, so a damaged
  // frame stops the merge (SQLITE_CORRUPT); the pages are then checked as they stand.
  let mergeProblem: string | null = null;
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (err) {
    mergeProblem = `The write-ahead log could not be merged into vault.db (${(err as { code?: string }).code ?? 'error'})`;
  }
  opts.onProgress?.('wal', 1, 1);

  const scan = await scanDatabasePages(dbPath, key, {
    signal: opts.signal,
    onProgress: (done, total) => opts.onProgress?.('pages', done, total),
  });
  for (const page of scan.damaged) damaged.push({ page, location: 'database', belongsTo: null });

  if (damaged.length > 0) {
    const owners = pageOwners(db, [...new Set(damaged.map((d) => d.page))]);
    for (const d of damaged) d.belongsTo = owners.get(d.page) ?? null;
  }

  let sqliteCheck: DatabaseCheckResult['sqliteCheck'] = null;
  if (opts.depth === 'full') {
    opts.signal?.throwIfAborted();
    sqliteCheck = await checkStructure(dbPath, key, {
      maxProblems: MAX_SQLITE_PROBLEMS,
      signal: opts.signal,
      onProgress: (done, total) => opts.onProgress?.('sqlite', done, total),
    });
  }

  if (mergeProblem) sqliteCheck = { ok: false, problems: [mergeProblem, ...(sqliteCheck?.problems ?? [])] };

  return {
    ok: damaged.length === 0 && (sqliteCheck?.ok ?? true),
    pagesChecked: scan.pagesChecked,
    walFramesChecked,
    damagedPages: damaged.slice(0, MAX_LISTED),
    damagedPageCount: damaged.length,
    sqliteCheck,
  };
}
