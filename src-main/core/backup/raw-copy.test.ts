/**
 * The raw database copy (raw-copy.ts): what it copies is one consistent state
 * of the database even when the core writes and checkpoints while the bytes
 * are being copied, it stays encrypted, it opens read-only without leaving
 * -wal/-shm files beside it, and it steps aside (null) when another reader
 * keeps the checkpoint from finishing.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDatabase, openDatabase } from '../db/open-database';
import type { Db } from '../db/types';
import { scanDatabasePages } from '../db/page-check';
import { copyDatabaseRaw } from './raw-copy';

let dir: string | null = null;
let live: Db | null = null;
afterEach(() => {
  live?.close();
  live = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

function liveDatabase(): { db: Db; path: string; key: Buffer; out: string } {
  dir = mkdtempSync(join(tmpdir(), 'cv-raw-copy-'));
  const key = randomBytes(32);
  const path = join(dir, 'vault.db');
  const db = (live = createDatabase(path, key));
  db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO notes (body) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 2000; i++) insert.run(`note ${i} ${'x'.repeat(200)}`);
  })();
  return { db, path, key, out: join(dir, 'copy', 'vault.db') };
}

const count = (db: Db) => (db.prepare('SELECT count(*) AS n FROM notes').get() as { n: number }).n;

describe('the raw database copy', () => {
  it('holds the state at its start although the core writes and checkpoints during the copy', async () => {
    const { db, path, key, out } = liveDatabase();
    const copying = copyDatabaseRaw(db, path, key, out);
    // The copy has started (its consistent point is fixed) but has not read the file yet.
    db.prepare('DELETE FROM notes WHERE id <= 1000').run();
    db.prepare(`UPDATE notes SET body = 'changed' WHERE id > 1000`).run();
    // A checkpoint that, without the copy's reader, would write these pages into vault.db now.
    db.pragma('wal_checkpoint(PASSIVE)');
    const entry = await copying;
    expect(entry).not.toBeNull();
    expect(entry!.size).toBe(readFileSync(out).length);

    const copy = openDatabase(out, key, { readonly: true });
    try {
      expect(count(copy)).toBe(2000);
      expect(copy.prepare(`SELECT count(*) AS n FROM notes WHERE body = 'changed'`).pluck().get()).toBe(0);
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      copy.close();
    }
    expect(readdirSync(join(dir!, 'copy'))).toEqual(['vault.db']);
    expect((await scanDatabasePages(out, key, {})).damaged).toEqual([]);
    expect(count(db)).toBe(1000);
  });

  it('is still encrypted: the copy does not open without the key, nor with another', async () => {
    const { db, path, key, out } = liveDatabase();
    expect(await copyDatabaseRaw(db, path, key, out)).not.toBeNull();
    expect(readFileSync(out).includes(Buffer.from('note 1 '))).toBe(false);
    expect(() => openDatabase(out, randomBytes(32), { readonly: true })).toThrow();
  });

  it('steps aside when another reader keeps the checkpoint from finishing', async () => {
    const { db, path, key, out } = liveDatabase();
    const reader = openDatabase(path, key, { readonly: true });
    try {
      reader.prepare('BEGIN').run();
      reader.prepare('SELECT count(*) FROM notes').get();
      db.prepare(`INSERT INTO notes (body) VALUES ('after the reader began')`).run();
      expect(await copyDatabaseRaw(db, path, key, out)).toBeNull();
    } finally {
      reader.prepare('COMMIT').run();
      reader.close();
    }
    // The core's connection is as it was: writes still work and wait for locks as before.
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.prepare(`INSERT INTO notes (body) VALUES ('later')`).run();
  });
});
