/**
 * The database as chunks (database-chunks.ts): a second store of a database
 * with one row changed writes only the chunks holding the changed pages; the
 * rebuilt file is byte for byte the original; a page that does not check
 * against the key is named when the file is rebuilt with the key (the check
 * after a snapshot), and so is a damaged stored chunk; a file that is not
 * whole pages is refused.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDatabase } from '../db/open-database';
import { pageKeysForFile } from '../db/page-check';
import { PAGE_SIZE } from '../db/sqlcipher-pages';
import type { Db } from '../db/types';
import { CHUNK_BYTES, assembleDatabase, isChunkCheckFailure, pageKeysForChunks, storeDatabaseChunks } from './database-chunks';
import { blobInSet, setLayout } from './set-layout';

let dir: string | null = null;
let live: Db | null = null;
afterEach(() => {
  live?.close();
  live = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

function database() {
  dir = mkdtempSync(join(tmpdir(), 'cv-chunks-'));
  const key = randomBytes(32);
  const path = join(dir, 'vault.db');
  const db = (live = createDatabase(path, key));
  db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO notes (body) VALUES (?)');
  // About 13 MB: six chunks and more.
  db.transaction(() => {
    for (let i = 0; i < 40_000; i++) insert.run(`note ${i} ${randomBytes(150).toString('hex')}`);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  const set = setLayout(join(dir, 'set'));
  mkdirSync(set.tmp, { recursive: true });
  mkdirSync(set.blobs, { recursive: true });
  return { db, path, key, set };
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('the database as chunks', () => {
  it('stores only the chunks that changed the second time, and rebuilds the file byte for byte', async () => {
    const { db, path, key, set } = database();
    const keys = await pageKeysForFile(path, key);
    const first = await storeDatabaseChunks(path, set);
    expect(first.chunks.length).toBe(Math.ceil(readFileSync(path).length / CHUNK_BYTES));
    expect(first.chunks.length).toBeGreaterThan(5);
    expect(first.written.size).toBe(new Set(first.chunks).size);
    expect(first.writtenBytes).toBe(readFileSync(path).length);
    expect(first.file.sha256).toBe(sha(readFileSync(path)));

    db.prepare('UPDATE notes SET body = ? WHERE id = 39990').run('changed');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const second = await storeDatabaseChunks(path, set);
    // Page 1 (its change counter) and the pages of the row: a few chunks, not the file.
    expect(second.written.size).toBeGreaterThan(0);
    expect(second.written.size).toBeLessThanOrEqual(3);
    expect(second.chunks.filter((c) => !first.chunks.includes(c))).toEqual([...second.written]);

    const problems: string[] = [];
    const out = join(dir!, 'rebuilt.db');
    expect(await assembleDatabase(set, second.chunks, second.file, out, { keys, problems })).toBe(true);
    expect(problems).toEqual([]);
    expect(readFileSync(out).equals(readFileSync(path))).toBe(true);
  });

  it('names a page that does not check against the key when the stored file is rebuilt with the key, and leaves no file', async () => {
    const { path, key, set } = database();
    const bytes = readFileSync(path);
    bytes[3 * CHUNK_BYTES + 10 * PAGE_SIZE + 100]! ^= 0xff;
    writeFileSync(path, bytes);
    const stored = await storeDatabaseChunks(path, set);
    const keys = await pageKeysForChunks(set, stored.chunks, key);
    const problems: string[] = [];
    const out = join(dir!, 'rebuilt.db');
    expect(await assembleDatabase(set, stored.chunks, stored.file, out, { keys, problems })).toBe(false);
    expect(problems).toEqual([`vault.db: 1 damaged page(s), first page ${(3 * CHUNK_BYTES) / PAGE_SIZE + 10 + 1}`]);
    expect(() => readFileSync(out)).toThrow();
  });

  it('refuses a database file that is not whole pages, and writes nothing', async () => {
    const { path, set } = database();
    writeFileSync(path, Buffer.concat([readFileSync(path), Buffer.alloc(100)]));
    const err = await storeDatabaseChunks(path, set).catch((e: unknown) => e);
    expect(isChunkCheckFailure(err)).toBe(true);
    expect((err as Error).message).toContain('not a whole number of 4096-byte pages');
    expect(readdirSync(set.blobs)).toEqual([]);
  });

  it('names a damaged stored chunk when the file is rebuilt, and leaves no file', async () => {
    const { path, set } = database();
    const stored = await storeDatabaseChunks(path, set);
    const victim = stored.chunks[2]!;
    const bytes = readFileSync(blobInSet(set, victim));
    bytes[500]! ^= 1;
    writeFileSync(blobInSet(set, victim), bytes);
    const problems: string[] = [];
    const out = join(dir!, 'rebuilt.db');
    expect(await assembleDatabase(set, stored.chunks, stored.file, out, { problems })).toBe(false);
    expect(problems).toEqual([`blobs/${victim.slice(0, 2)}/${victim}.blob (piece 3 of the database) is damaged (its SHA-256 does not match the manifest)`]);
    expect(() => readFileSync(out)).toThrow();
  });
});
