/**
 * Test support (not shipped code): a real SQLCipher database with the foundation
 * schema in a fresh temp folder, and a FileStore over it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { migration0001 } from '../db/migrations/0001-foundation';
import type { Db } from '../db/types';
import type { Clock } from '../platform/ports';
import { FileStore, type FileStoreOptions } from '../files/file-store';

export interface TestVault {
  dir: string;
  db: Db;
  store: FileStore;
  clock: Clock;
  /** A second store over the same database and folder, with other options. */
  storeWith(opts: Partial<FileStoreOptions>): FileStore;
  blobPathOf(fileId: string): string;
  cleanup(): void;
}

export function createTestVault(): TestVault {
  const dir = mkdtempSync(join(tmpdir(), 'cv-files-'));
  const db = new Database(join(dir, 'vault.db'));
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${randomBytes(32).toString('hex')}'"`);
  db.pragma('journal_mode = WAL');
  migration0001.up(db);
  const clock: Clock = { now: () => new Date('2025-03-04T10:00:00.000Z') };
  const base: FileStoreOptions = { db, vaultDir: dir, clock };
  return {
    dir,
    db,
    clock,
    store: new FileStore(base),
    storeWith: (opts) => new FileStore({ ...base, ...opts }),
    blobPathOf(fileId) {
      const row = db.prepare('SELECT blob_name FROM files WHERE id = ?').get(fileId) as { blob_name: string };
      return join(dir, 'blobs', row.blob_name.slice(0, 2), `${row.blob_name}.blob`);
    },
    cleanup() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
