/**
 * STAND-IN, replaced at integration by the whole-file re-encryption built for
 * issue #8 (same file, same signature). It re-encrypts vault.db from oldKey to
 * newKey with SQLCipher's own `PRAGMA rekey` on a connection of its own (the
 * vault's connection is closed first). The rekey runs as one rollback-journal
 * transaction, so a crash leaves the file wholly under one key or the other;
 * the journal mode goes back to WAL afterwards.
 *
 * The contract the key rotation relies on (src-main/core/vault/key-rotation.ts):
 * when this returns, the file is wholly under newKey; if the process dies
 * part-way, the file is wholly under oldKey or wholly under newKey.
 */
import { openDatabase } from './open-database';

export interface RekeyProgress {
  pagesDone: number;
  pagesTotal: number;
}

export interface RekeyOptions {
  onProgress?: (progress: RekeyProgress) => void;
  signal?: AbortSignal;
}

export async function rekeyDatabaseFile(dbPath: string, oldKey: Buffer, newKey: Buffer, opts: RekeyOptions = {}): Promise<void> {
  opts.signal?.throwIfAborted();
  if (newKey.length !== 32) throw new Error('database key must be 32 bytes');
  const db = openDatabase(dbPath, oldKey);
  try {
    const pagesTotal = db.pragma('page_count', { simple: true }) as number;
    opts.onProgress?.({ pagesDone: 0, pagesTotal });
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    db.pragma(`rekey="x'${newKey.toString('hex')}'"`);
    db.pragma('journal_mode = WAL');
    opts.onProgress?.({ pagesDone: pagesTotal, pagesTotal });
  } finally {
    db.close();
  }
}
