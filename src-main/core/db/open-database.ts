/**
 * Opens the vault's SQLCipher database with a raw 256-bit key. The key is
 * random (not a password), so SQLCipher's own KDF is skipped by passing it as
 * x'hex'; our slot KDF already did the slow work.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../contract/errors';
import { toFsAppError } from '../platform/fs-errors';
import { restrictDatabaseFiles } from '../platform/fs-permissions';
import type { Db } from './types';

function applyKey(db: Db, key: Buffer): void {
  if (key.length !== 32) throw new Error('database key must be 32 bytes');
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${key.toString('hex')}'"`);
}

/**
 * 128 MB of decrypted pages (SQLite's default is 2 MB). Every page read from
 * the file is decrypted and its HMAC checked; a page in this cache is not. At
 * 200,000 clients the search's working set (the search index, client_recency
 * and the rows shown) is about 130 MB, and the marketing list reads the whole
 * clients table (68 MB) with its id index: with 64 MB each list decrypted
 * nearly all of it again, 1.5-2.1x the unencrypted copy with the same cache;
 * with 128 MB a repeated list costs what the plain copy does (1.0-1.1x,
 * bench/consent-scale.ts, docs/consent-scale.md). The cache fills only with
 * pages actually read, so a 50,000-client vault uses a fraction of it and a
 * 200,000-client one stays inside the 300 MB memory budget.
 */
export const VAULT_CACHE_KIB = 131_072;

function configure(db: Db): void {
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode is durable across application crashes and loses at most
  // the last commits on power loss; FULL would halve audit-append throughput.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('secure_delete = ON');
  db.pragma(`cache_size = -${VAULT_CACHE_KIB}`);
}

/**
 * Opens an existing database. A key that does not fit (the file is garbage or
 * was replaced) is reported as DATABASE_DAMAGED: callers only get here with a
 * key whose GCM tag already verified, so a wrong password never reaches this.
 */
export function openDatabase(path: string, key: Buffer, opts: { readonly?: boolean } = {}): Db {
  let db: Db | null = null;
  try {
    restrictDatabaseFiles(path); // a vault from an older build may have them 0644
    db = new Database(path, { fileMustExist: true, readonly: opts.readonly ?? false });
    applyKey(db, key);
    // The first real read is what fails on a wrong key or a damaged file.
    db.prepare('SELECT count(*) AS n FROM sqlite_master').get();
    if (!opts.readonly) configure(db);
    return db;
  } catch (err) {
    db?.close();
    const mapped = toFsAppError(err);
    if (mapped instanceof AppError) throw mapped;
    throw new AppError('DATABASE_DAMAGED', undefined, { cause: err });
  }
}

/** Creates a new, empty encrypted database. Refuses to touch an existing file. */
export function createDatabase(path: string, key: Buffer): Db {
  let db: Db | null = null;
  try {
    db = new Database(path, { fileMustExist: false });
    // Before WAL mode makes the -wal and -shm, which take the database file's mode.
    restrictDatabaseFiles(path);
    applyKey(db, key);
    if ((db.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n !== 0) {
      throw new AppError('VAULT_EXISTS');
    }
    configure(db);
    return db;
  } catch (err) {
    db?.close();
    throw toFsAppError(err);
  }
}
