/**
 * A consistent copy of vault.db made by copying the file's bytes as they lie
 * on disk, without decrypting or re-encrypting a page. The pages are already
 * SQLCipher ciphertext (each with its own IV and HMAC), so the copy is as
 * encrypted as the vault and opens with the same key. It replaces VACUUM INTO
 * (vacuum-copy.ts), which decrypts and re-encrypts every page and was most of a
 * snapshot's time on a large vault (docs/backups.md, Figures).
 *
 * Why the bytes are one consistent state although the core keeps writing
 * (SQLite's WAL rules, https://www.sqlite.org/wal.html and wal.c):
 *
 *  1. A TRUNCATE checkpoint on the core's own connection moves every committed
 *     page into vault.db and empties the WAL. It is tried without waiting
 *     (busy_timeout 0): if another connection holds a read transaction it
 *     cannot finish, and the caller falls back to VACUUM INTO.
 *  2. Still on this thread, before any other call can write, a second,
 *     read-only connection opens a read transaction. The WAL is empty, so that
 *     reader reads vault.db alone (read-lock slot 0, read mark 0).
 *  3. While it holds that transaction no checkpoint can write a page into
 *     vault.db: a checkpoint copies WAL frames into the file only up to the
 *     oldest reader's mark, and only after taking READ_LOCK(0) exclusively,
 *     which a reader of the file alone holds shared. Writes meanwhile go to
 *     the WAL only; vault.db's bytes stay those of step 1.
 *  4. The file is copied (in 1 MB reads on the core thread, which stays free
 *     between them), then the transaction ends.
 *
 * The copy's header still says WAL mode; a read-only open of a WAL file makes
 * -wal and -shm files beside it, so before it is hashed the copy is switched to
 * rollback-journal mode (page 1 is rewritten, nothing else), on a worker
 * thread (vacuum-copy.ts) because it fsyncs.
 */
import { statSync } from 'node:fs';
import { openDatabase } from '../db/open-database';
import type { Db } from '../db/types';
import { copyToTemp, sha256OfFile } from './durable-files';
import { toRollbackJournal } from './vacuum-copy';

/** Whether a checkpoint could be made at once; false means another reader is busy and VACUUM INTO is used instead. */
function checkpointNow(db: Db): boolean {
  const previous = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    const [r] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
    return r !== undefined && r.busy === 0 && r.log <= 0;
  } catch {
    return false;
  } finally {
    db.pragma(`busy_timeout = ${previous}`);
  }
}

function walBytes(dbPath: string): number {
  try {
    return statSync(`${dbPath}-wal`).size;
  } catch {
    return 0;
  }
}

/**
 * Runs `fn` while vault.db's bytes are held still at a consistent point (steps
 * 1-3 above), with the read-only connection that holds them, which reads
 * exactly that state. Returns null when that cannot be started now (another
 * reader blocks the checkpoint): the caller then uses VACUUM INTO.
 */
export async function withStillDatabase<T>(db: Db, dbPath: string, key: Buffer, fn: (reader: Db) => Promise<T>, signal?: AbortSignal): Promise<{ value: T } | null> {
  signal?.throwIfAborted();
  if (!checkpointNow(db)) return null;
  const reader = openDatabase(dbPath, key, { readonly: true });
  try {
    reader.prepare('BEGIN').run();
    reader.prepare('SELECT count(*) FROM sqlite_master').get();
    // Nothing can have been written between the checkpoint and here (one thread, no await), but
    // if the WAL were not empty the reader would read frames the file copy would miss.
    if (walBytes(dbPath) !== 0) return null;
    return { value: await fn(reader) };
  } finally {
    if (reader.inTransaction) reader.prepare('COMMIT').run();
    reader.close();
  }
}

/**
 * Copies the live database `db` (at `dbPath`, keyed with `key`) to `target`
 * as one file. Returns null when a consistent raw copy cannot be started now
 * (the caller then uses VACUUM INTO); otherwise the copy's size and SHA-256.
 * (Snapshots store the database as chunks instead: database-chunks.ts.)
 */
export async function copyDatabaseRaw(db: Db, dbPath: string, key: Buffer, target: string, signal?: AbortSignal): Promise<{ sha256: string; size: number } | null> {
  const copied = await withStillDatabase(db, dbPath, key, () => copyToTemp(dbPath, target, signal), signal);
  if (!copied) return null;
  await toRollbackJournal(target, key, signal);
  return sha256OfFile(target, signal);
}
