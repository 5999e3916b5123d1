/**
 * The page format in sqlcipher-pages.ts against files SQLCipher itself wrote
 * (a vault made by the app), and the other way round: a file written by our
 * encoder opens in SQLite.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { vaultPaths } from '../platform/vault-paths';
import { databaseKeyFor } from '../test-support/raw-database';
import { type TestVault, createTestVault } from '../test-support/temp-vault';
import { newClient } from '../test-support/test-clients';
import { openDatabase } from './open-database';
import { PAGE_SIZE, RESERVE_SIZE, decryptPage, encryptPage, freshPageKeys, headerLayout, pageKeys, saltOf, verifyPage } from './sqlcipher-pages';

let tv: TestVault | null = null;
afterEach(() => {
  tv?.cleanup();
  tv = null;
});

/** A real vault, closed (so vault.db holds every page), its file and its key. */
async function closedVault(): Promise<{ file: Buffer; key: Buffer; dbPath: string }> {
  tv = await createTestVault();
  await tv.api.call('clients.create', newClient());
  tv.reopen();
  const dbPath = vaultPaths(tv.vaultDir).database;
  return { file: readFileSync(dbPath), key: await databaseKeyFor(tv.vaultDir, tv.recoveryKey), dbPath };
}

const pageOf = (file: Buffer, pgno: number) => file.subarray((pgno - 1) * PAGE_SIZE, pgno * PAGE_SIZE);

describe('SQLCipher 4 pages', () => {
  it('decrypts page 1 of a vault the app made into a valid SQLite header', async () => {
    const { file, key } = await closedVault();
    const keys = pageKeys(key, saltOf(file));
    const plain = decryptPage(keys, pageOf(file, 1), 1);
    expect(plain.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    expect(headerLayout(plain)).toEqual({ pageSize: PAGE_SIZE, reserve: RESERVE_SIZE });
    // The header's page count (offset 28) matches the file.
    expect(plain.readUInt32BE(28)).toBe(file.length / PAGE_SIZE);
  });

  it('verifies every page of that file, and no page under another key or position', async () => {
    const { file, key } = await closedVault();
    const keys = pageKeys(key, saltOf(file));
    const count = file.length / PAGE_SIZE;
    expect(count).toBeGreaterThan(10);
    for (let p = 1; p <= count; p++) expect(verifyPage(keys, pageOf(file, p), p)).toBe(true);
    const wrong = pageKeys(randomBytes(32), saltOf(file));
    expect(verifyPage(wrong, pageOf(file, 2), 2)).toBe(false);
    // A page copied to another position fails: the page number is inside the HMAC.
    expect(verifyPage(keys, pageOf(file, 2), 3)).toBe(false);
  });

  it('fails a page with one flipped bit anywhere: ciphertext, IV or HMAC', async () => {
    const { file, key } = await closedVault();
    const keys = pageKeys(key, saltOf(file));
    for (const offset of [0, 2000, PAGE_SIZE - RESERVE_SIZE + 3, PAGE_SIZE - 1]) {
      const page = Buffer.from(pageOf(file, 2));
      page[offset] = page[offset]! ^ 1;
      expect(verifyPage(keys, page, 2), `offset ${offset}`).toBe(false);
      expect(() => decryptPage(keys, page, 2)).toThrow(/HMAC/);
    }
  });

  it('a file re-encrypted page by page under a new key opens in SQLite with the same rows', async () => {
    const { file, key, dbPath } = await closedVault();
    const oldKeys = pageKeys(key, saltOf(file));
    const newKey = randomBytes(32);
    const newKeys = freshPageKeys(newKey);
    const out = Buffer.alloc(file.length);
    for (let p = 1; p <= file.length / PAGE_SIZE; p++) {
      encryptPage(newKeys, decryptPage(oldKeys, pageOf(file, p), p), p).copy(out, (p - 1) * PAGE_SIZE);
    }
    expect(saltOf(out).equals(saltOf(file))).toBe(false);
    const copy = join(tv!.vaultDir, 'copy.db');
    writeFileSync(copy, out);
    const before = openDatabase(dbPath, key, { readonly: true });
    const after = openDatabase(copy, newKey, { readonly: true });
    try {
      const sql = 'SELECT first_name, last_name FROM clients ORDER BY id';
      expect(after.prepare(sql).all()).toEqual(before.prepare(sql).all());
      expect(after.prepare(sql).all()).toHaveLength(1);
      expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      before.close();
      after.close();
    }
    expect(() => openDatabase(copy, key, { readonly: true })).toThrow(expect.objectContaining({ code: 'DATABASE_DAMAGED' }));
  });
});
