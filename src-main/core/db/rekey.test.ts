/**
 * Key rotation of the database file (rekey.ts): the data is identical
 * afterwards, only the new key opens it, and however the rotation stops —
 * killed at any step, cancelled, out of disk space — the file opens with
 * exactly one of the two keys and holds all the data.
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../contract/errors';
import { newClient, anotherPerson } from '../test-support/test-clients';
import { databaseKeyFor, openRawDatabase } from '../test-support/raw-database';
import { type TestVault, createTestVault, makeTempDir } from '../test-support/temp-vault';
import { vaultPaths } from '../platform/vault-paths';
import { openDatabase } from './open-database';
import { REKEY_PAGES_PER_STEP, type RekeyIo, cleanRekeyLeftovers, rekeyDatabaseFile, rekeyDatabaseFileWith, rekeyTempPath } from './rekey';
import { PAGE_SIZE } from './sqlcipher-pages';

const ROOT = join(__dirname, '..', '..', '..');
let fixture: TestVault;
let fixturePath: string;
let oldKey: Buffer;
let expected: Record<string, unknown[]>;
const work = makeTempDir('cv-rekey-');
let n = 0;

/** Every table's rows, in file order. */
function dumpAll(path: string, key: Buffer): Record<string, unknown[]> {
  const db = openDatabase(path, key, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];
    return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}"`).all()]));
  } finally {
    db.close();
  }
}

function opensWith(path: string, key: Buffer): boolean {
  try {
    openDatabase(path, key, { readonly: true }).close();
    return true;
  } catch (err) {
    if (err instanceof AppError && err.code === 'DATABASE_DAMAGED') return false;
    throw err;
  }
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A fresh copy of the fixture's closed database, alone in its folder. */
function copyOfFixture(): string {
  const dir = join(work.dir, `copy-${n++}`);
  mkdirSync(dir);
  const path = join(dir, 'vault.db');
  copyFileSync(fixturePath, path);
  return path;
}

beforeAll(async () => {
  fixture = await createTestVault();
  for (let i = 0; i < 5; i++) await fixture.api.call('clients.create', newClient({ firstName: `Client${'abcde'[i]}`, ...anotherPerson(i) }));
  fixture.api.close();
  // About 4 MB more, so a rotation takes several steps.
  const db = await openRawDatabase(fixture.vaultDir, fixture.recoveryKey);
  db.exec('CREATE TABLE bulk (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
  db.transaction(() => {
    for (let i = 0; i < 2000; i++) db.prepare('INSERT INTO bulk (body) VALUES (randomblob(2000))').run();
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  fixturePath = vaultPaths(fixture.vaultDir).database;
  oldKey = await databaseKeyFor(fixture.vaultDir, fixture.recoveryKey);
  expected = dumpAll(fixturePath, oldKey);
  expect(readFileSync(fixturePath).length / PAGE_SIZE).toBeGreaterThan(1000);
});
afterAll(() => {
  fixture.cleanup();
  work.cleanup();
});

describe('rekeyDatabaseFile', () => {
  it('re-encrypts every page: same data, the old key no longer opens it, SQLite finds it sound', async () => {
    const path = copyOfFixture();
    const newKey = randomBytes(32);
    const seen: [number, number][] = [];
    await rekeyDatabaseFile(path, oldKey, newKey, { onProgress: (done, total) => seen.push([done, total]) });
    expect(opensWith(path, oldKey)).toBe(false);
    expect(dumpAll(path, newKey)).toEqual(expected);
    const db = openDatabase(path, newKey);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      // Still writable under the new key.
      db.prepare("INSERT INTO bulk (body) VALUES (x'00')").run();
    } finally {
      db.close();
    }
    const total = readFileSync(fixturePath).length / PAGE_SIZE;
    expect(seen[0]).toEqual([0, total]);
    expect(seen.at(-1)).toEqual([total, total]);
    expect(seen.length).toBeGreaterThan(3);
    expect(existsSync(rekeyTempPath(path))).toBe(false);
  });

  it.each(['1', '2', '4', 'last', 'after'])('killed at progress report %s: opens with exactly one key and holds all the data', (at) => {
    const path = copyOfFixture();
    const newKey = randomBytes(32);
    const reports = Math.ceil(readFileSync(path).length / PAGE_SIZE / REKEY_PAGES_PER_STEP) + 1;
    const killAt = at === 'last' ? String(reports) : at;
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src-main/core/test-support/rekey-child.ts', path, oldKey.toString('hex'), newKey.toString('hex'), killAt], { cwd: ROOT, encoding: 'utf8' });
    expect(r.signal, r.stderr).toBe('SIGKILL');
    const withOld = opensWith(path, oldKey);
    const withNew = opensWith(path, newKey);
    expect(withOld !== withNew).toBe(true);
    expect(withNew).toBe(at === 'after');
    expect(dumpAll(path, withNew ? newKey : oldKey)).toEqual(expected);
    // A run killed before the rename leaves its temp file; cleanRekeyLeftovers removes it.
    if (!withNew) {
      expect(existsSync(rekeyTempPath(path))).toBe(true);
      cleanRekeyLeftovers(path);
      expect(existsSync(rekeyTempPath(path))).toBe(false);
    }
  });

  it('a leftover temp file from a killed run is removed by the next rotation', async () => {
    const path = copyOfFixture();
    writeFileSync(rekeyTempPath(path), 'half-written');
    const newKey = randomBytes(32);
    await rekeyDatabaseFile(path, oldKey, newKey, {});
    expect(readdirSync(join(path, '..'))).toEqual(['vault.db']);
    expect(dumpAll(path, newKey)).toEqual(expected);
  });

  it('cancelled part-way: the old file is untouched and no temp file is left', async () => {
    const path = copyOfFixture();
    const before = sha(path);
    const ac = new AbortController();
    let reports = 0;
    const run = rekeyDatabaseFile(path, oldKey, randomBytes(32), {
      signal: ac.signal,
      onProgress: () => {
        if (++reports === 2) ac.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(sha(path)).toBe(before);
    expect(existsSync(rekeyTempPath(path))).toBe(false);
  });

  it('disk full while writing the temp file: DISK_FULL, the old file untouched, no temp file', async () => {
    const path = copyOfFixture();
    const before = sha(path);
    let writes = 0;
    const fullDisk: RekeyIo = {
      async write(file, data, position) {
        if (++writes === 3) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        await file.write(data, 0, data.length, position);
      },
    };
    await expect(rekeyDatabaseFileWith(fullDisk, path, oldKey, randomBytes(32))).rejects.toMatchObject({ code: 'DISK_FULL' });
    expect(sha(path)).toBe(before);
    expect(existsSync(rekeyTempPath(path))).toBe(false);
    expect(opensWith(path, oldKey)).toBe(true);
  });

  it('refuses a damaged page rather than sealing it under the new key', async () => {
    const path = copyOfFixture();
    const bytes = readFileSync(path);
    bytes[500 * PAGE_SIZE + 1234] = bytes[500 * PAGE_SIZE + 1234]! ^ 0xff;
    writeFileSync(path, bytes);
    const before = sha(path);
    await expect(rekeyDatabaseFile(path, oldKey, randomBytes(32))).rejects.toMatchObject({ code: 'DATABASE_DAMAGED', message: expect.stringContaining('page 501') });
    expect(sha(path)).toBe(before);
    expect(existsSync(rekeyTempPath(path))).toBe(false);
  });

  it('refuses the wrong old key, changing nothing', async () => {
    const path = copyOfFixture();
    const before = sha(path);
    await expect(rekeyDatabaseFile(path, randomBytes(32), randomBytes(32))).rejects.toMatchObject({ code: 'DATABASE_DAMAGED' });
    expect(sha(path)).toBe(before);
  });
});
