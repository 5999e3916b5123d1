/**
 * Test helpers for damaged pages: a table no query of the app reads, a free
 * page, and flipping one byte in the middle of either, the way a failing disk
 * (or someone with a hex editor) would.
 */
import { openSync, readSync, writeSync, closeSync } from 'node:fs';
import { openRawDatabase } from './raw-database';
import { PAGE_SIZE } from '../db/sqlcipher-pages';

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
