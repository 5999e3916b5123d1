/**
 * Test helpers for damaged pages: a table no query of the app reads, a free
 * page, and flipping one byte in the middle of either, the way a failing disk
 * (or someone with a hex editor) would; and a page whose b-tree is broken but
 * whose encryption and HMAC are valid, the way a software fault would write it.
 */
import { openSync, readSync, writeSync, closeSync } from 'node:fs';
import { databaseKeyFor, openRawDatabase } from './raw-database';
import { PAGE_SIZE, SALT_SIZE, decryptPage, encryptPage, pageKeys } from '../db/sqlcipher-pages';
import { vaultPaths } from '../platform/vault-paths';

export function flipByte(path: string, offset: number): void {
  const fd = openSync(path, 'r+');
  try {
    const b = Buffer.alloc(1);
    readSync(fd, b, 0, 1, offset);
    b[0] = b[0]! ^ 0x5a;
    writeSync(fd, b, 0, 1, offset);
  } finally {
    closeSync(fd);
  }
}

/** The byte offset of the middle of page `pgno` (its ciphertext, away from IV and HMAC). */
export const middleOfPage = (pgno: number) => (pgno - 1) * PAGE_SIZE + 2000;

/**
 * Adds a table the app never queries, with ~40 pages of rows, and returns a
 * page from its middle. The vault's core must be closed (the raw connection
 * checkpoints into vault.db when it closes).
 */
export async function addUnreadTable(vaultDir: string, recoveryKey: string): Promise<number> {
  const db = await openRawDatabase(vaultDir, recoveryKey);
  try {
    db.exec('CREATE TABLE unused_table (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO unused_table (body) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 300; i++) insert.run(`row ${i} `.padEnd(500, '.'));
    })();
    const pages = db.prepare("SELECT pageno FROM dbstat WHERE name = 'unused_table' AND pagetype = 'leaf' ORDER BY pageno").pluck().all() as number[];
    db.pragma('wal_checkpoint(TRUNCATE)');
    return pages[Math.floor(pages.length / 2)]!;
  } finally {
    db.close();
  }
}

/** Fills and drops a table so the file holds free pages; returns one of them. */
export async function addFreePages(vaultDir: string, recoveryKey: string): Promise<number> {
  const db = await openRawDatabase(vaultDir, recoveryKey);
  try {
    db.exec('CREATE TABLE scratch (body BLOB NOT NULL)');
    const insert = db.prepare('INSERT INTO scratch (body) VALUES (randomblob(3000))');
    db.transaction(() => {
      for (let i = 0; i < 40; i++) insert.run();
    })();
    const pages = db.prepare("SELECT pageno FROM dbstat WHERE name = 'scratch' ORDER BY pageno").pluck().all() as number[];
    db.exec('DROP TABLE scratch');
    if ((db.pragma('freelist_count', { simple: true }) as number) < 10) throw new Error('expected free pages');
    db.pragma('wal_checkpoint(TRUNCATE)');
    // Every page the dropped table used is now on the free list.
    return pages[Math.floor(pages.length / 2)]!;
  } finally {
    db.close();
  }
}

/**
 * Rewrites page `pgno` of a closed test vault's database with its b-tree header claiming far more cells than
 * the page holds, encrypted and authenticated under the vault's key: every page's HMAC still checks, and only
 * SQLite's structure check can tell.
 */
export async function breakTreePage(vaultDir: string, recoveryKey: string, pgno: number): Promise<void> {
  const path = vaultPaths(vaultDir).database;
  const key = await databaseKeyFor(vaultDir, recoveryKey);
  const fd = openSync(path, 'r+');
  try {
    const salt = Buffer.alloc(SALT_SIZE);
    readSync(fd, salt, 0, SALT_SIZE, 0);
    const keys = pageKeys(key, salt);
    const page = Buffer.alloc(PAGE_SIZE);
    readSync(fd, page, 0, PAGE_SIZE, (pgno - 1) * PAGE_SIZE);
    const plain = decryptPage(keys, page, pgno);
    // The b-tree page header's cell count (SQLite file format, offset 3 of a page other than page 1).
    plain.writeUInt16BE(0xfff0, 3);
    writeSync(fd, encryptPage(keys, plain, pgno), 0, PAGE_SIZE, (pgno - 1) * PAGE_SIZE);
  } finally {
    closeSync(fd);
  }
}
