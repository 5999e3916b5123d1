/**
 * Issue #8 item 5: verify reads every page. A flipped byte in a page no query
 * reads (a table the app never queries, a free page) or in the write-ahead log
 * is named by page number; a good vault passes.
 */
import { statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { newClient } from '../test-support/test-clients';
import { addFreePages, addUnreadTable, flipByte, middleOfPage } from '../test-support/page-damage';
import { OWNER, type TestVault, createTestVault } from '../test-support/temp-vault';
import { vaultPaths } from '../platform/vault-paths';
import { PAGE_SIZE } from './sqlcipher-pages';

let tv: TestVault | null = null;
afterEach(() => {
  tv?.cleanup();
  tv = null;
});

async function signInAgain(t: TestVault) {
  const api = t.reopen();
  await api.call('session.signIn', { username: OWNER.username, password: OWNER.password });
  return api;
}

describe('vault.verify reads every database page', () => {
  it('passes a good vault, having checked every page and SQLite structure', async () => {
    tv = await createTestVault();
    await tv.api.call('clients.create', newClient());
    const result = await tv.api.call('vault.verify', undefined);
    expect(result.ok).toBe(true);
    expect(result.database).toMatchObject({ ok: true, damagedPageCount: 0, damagedPages: [], sqliteCheck: { ok: true, problems: [] } });
    expect(result.database.pagesChecked).toBe(statSync(vaultPaths(tv.vaultDir).database).size / PAGE_SIZE);
  });

  it('names a damaged page of a table no query reads, with the table', async () => {
    tv = await createTestVault();
    tv.reopen();
    const page = await addUnreadTable(tv.vaultDir, tv.recoveryKey);
    flipByte(vaultPaths(tv.vaultDir).database, middleOfPage(page));
    const api = await signInAgain(tv);
    // The app works as before: nothing it reads touches that page.
    await api.call('clients.create', newClient());
    const result = await api.call('vault.verify', undefined);
    expect(result.ok).toBe(false);
    expect(result.database.ok).toBe(false);
    expect(result.database.damagedPages).toEqual([{ page, location: 'database', belongsTo: 'unused_table' }]);
    expect(result.database.sqliteCheck?.ok).toBe(false);
    // The audit and file checks still ran, and found nothing wrong of their own.
    expect(result.audit.ok).toBe(true);
  });

  it('names a damaged free page', async () => {
    tv = await createTestVault();
    tv.reopen();
    const page = await addFreePages(tv.vaultDir, tv.recoveryKey);
    flipByte(vaultPaths(tv.vaultDir).database, middleOfPage(page));
    const api = await signInAgain(tv);
    const result = await api.call('vault.verify', undefined);
    expect(result.ok).toBe(false);
    expect(result.database.damagedPages).toEqual([{ page, location: 'database', belongsTo: 'free' }]);
    // SQLite's own check reads no free page's contents: only the page check sees this.
    expect(result.database.sqliteCheck).toEqual({ ok: true, problems: [] });
  });

  it('catches a flipped byte in the write-ahead log before it is merged', async () => {
    tv = await createTestVault();
    const wal = `${vaultPaths(tv.vaultDir).database}-wal`;
    await tv.api.call('clients.create', newClient());
    const frames = Math.floor((statSync(wal).size - 32) / (24 + PAGE_SIZE));
    expect(frames).toBeGreaterThan(2);
    flipByte(wal, 32 + (frames - 1) * (24 + PAGE_SIZE) + 24 + 2000);
    const result = await tv.api.call('vault.verify', undefined);
    expect(result.ok).toBe(false);
    const inWal = result.database.damagedPages.filter((d) => d.location === 'wal');
    expect(inWal).toHaveLength(1);
    expect(inWal[0]).toMatchObject({ frame: frames });
    expect(inWal[0]!.page).toBeGreaterThan(0);
  });

  it('records the check in the audit log with counts only', async () => {
    tv = await createTestVault();
    await tv.api.call('vault.verify', undefined);
    const { entries } = await tv.api.call('audit.list', { action: 'vault.verified', limit: 1 });
    expect(entries[0]?.detail).toMatchObject({ ok: true, damagedPages: 0 });
  });
});
