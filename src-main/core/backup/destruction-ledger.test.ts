/**
 * The destruction ledger (issue #14 item 6): a client erased or destroyed
 * after a snapshot was taken is destroyed again when that snapshot is
 * restored, exactly the categories that were destroyed, before the restored
 * folder becomes a vault; a ledger edited by hand is refused.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ERASED_CATEGORIES, DESTRUCTION_CATEGORIES } from '../destruction/categories';
import { destroyClientData } from '../destruction/destroy-client';
import { vaultPaths } from '../platform/vault-paths';
import { type BackupTestVault, addClientWithPhoto, createBackupTestVault, setBlobFiles } from '../test-support/backup-test-support';
import { ERASED_PERSON, erasedNeedles, needlesFound, readAllPages, seedErasableClient } from '../test-support/erasure-test-support';
import { databaseKeyFor } from '../test-support/raw-database';
import { serviceContextOf } from '../test-support/service-context-test-support';
import { OWNER, errorCodeOf, openTestCore } from '../test-support/temp-vault';
import type { CoreApi } from '../app';

let tv: BackupTestVault | null = null;
afterEach(() => {
  tv?.cleanup();
  tv = null;
});

async function setUp(): Promise<BackupTestVault> {
  tv = await createBackupTestVault();
  await tv.api.call('backup.saveSettings', { destination: tv.dest });
  return tv;
}

async function snapshot(t: BackupTestVault): Promise<string> {
  t.clock.advance(60_000);
  const run = (await t.api.call('backup.now', {})).runs[0]!;
  expect(run.verification.ok).toBe(true);
  return run.snapshot.id;
}

async function withRestored<T>(t: BackupTestVault, to: string, fn: (api: CoreApi) => Promise<T>): Promise<T> {
  const api = openTestCore(to, t.clock, join(t.restoreRoot, `${to.split('/').at(-1)}-state`));
  try {
    await api.call('session.signIn', { username: OWNER.username, password: OWNER.password });
    return await fn(api);
  } finally {
    api.close();
  }
}

const rows = (api: CoreApi, sql: string, ...args: unknown[]) => api.core.requireSession().vault.db.prepare(sql).all(...args);

describe('the destruction ledger', () => {
  it('is written in the destruction’s own transaction: a destruction that fails leaves no entry', async () => {
    const t = await setUp();
    const clientId = await addClientWithPhoto(t, 'Kept', 1);
    const ctx = serviceContextOf(t.api);
    expect(() =>
      destroyClientData(ctx, clientId, ERASED_CATEGORIES, {
        auditAction: 'erasure.applied',
        alsoInTransaction: () => {
          throw new Error('stop');
        },
      }),
    ).toThrow('stop');
    expect(rows(t.api, 'SELECT * FROM destruction_ledger')).toEqual([]);
    destroyClientData(ctx, clientId, ERASED_CATEGORIES, { auditAction: 'erasure.applied' });
    expect(rows(t.api, 'SELECT client_id, scope, categories, replayed_at FROM destruction_ledger')).toEqual([
      { client_id: clientId, scope: JSON.stringify([clientId]), categories: JSON.stringify(ERASED_CATEGORIES), replayed_at: null },
    ]);
    // Append-only.
    expect(() => t.api.core.requireSession().vault.db.prepare('DELETE FROM destruction_ledger').run()).toThrow('append-only');
  });

  it('an erasure after snapshot A is made again when A is restored: no trace of the person, the clinical record kept, and the restore says so', async () => {
    const t = await setUp();
    const { clientId } = await seedErasableClient(t.api, 2);
    await addClientWithPhoto(t, 'Bystander', 3);
    const a = await snapshot(t);
    await t.api.call('erasure.apply', { clientId, confirmation: 'ERASE' });
    await snapshot(t);
    const ledger = JSON.parse(readFileSync(join(t.dest, 'destructions.json'), 'utf8')) as { entries: { clientId: string; categories: string[] }[] };
    expect(ledger.entries).toEqual([expect.objectContaining({ clientId, categories: [...ERASED_CATEGORIES] })]);
    expect(JSON.stringify(ledger)).not.toContain('Quarrington');

    const to = join(t.restoreRoot, 'a');
    const restored = await t.api.call('restore.run', { from: t.dest, snapshotId: a, to, recoveryKey: t.recoveryKey });
    expect(restored.destructionsReapplied).toEqual({ entries: 1, clients: 1 });
    t.api.close();

    // As an attacker with the database key would read the restored file: every page, free pages included.
    const key = await databaseKeyFor(to, t.recoveryKey);
    const scan = readAllPages(vaultPaths(to).database, key);
    expect(scan.unreadable).toBe(0);
    expect(needlesFound(scan.pages, erasedNeedles())).toEqual([]);
    expect(needlesFound(scan.pages, ['p3@example.com'])).toEqual(['p3@example.com']);

    await withRestored(t, to, async (api) => {
      for (const query of ['Quarrington', 'Wiesława', ERASED_PERSON.email, '07700 900456', 'BS8 1TH']) {
        expect((await api.call('clients.search', { query })).results).toEqual([]);
      }
      expect((await api.call('clients.search', { query: 'Bystander' })).results).toHaveLength(1);
      // Exactly the erasure's categories: the clinical record (treatment, photos) is kept, the contact details are not.
      expect(rows(api, 'SELECT count(*) AS n FROM photos WHERE client_id = ?', clientId)).toEqual([{ n: 2 }]);
      expect(rows(api, 'SELECT count(*) AS n FROM treatments WHERE client_id = ?', clientId)).toEqual([{ n: 1 }]);
      expect(rows(api, 'SELECT categories FROM client_erasures WHERE client_id = ?', clientId)).toEqual([{ categories: JSON.stringify(ERASED_CATEGORIES) }]);
      expect(rows(api, "SELECT email, mobile, postcode FROM clients WHERE id = ?", clientId)).toEqual([{ email: '', mobile: '', postcode: '' }]);
      expect(rows(api, "SELECT count(*) AS n FROM consent_events WHERE client_id = ? AND purpose_id = 'marketing.email'", clientId)).toEqual([{ n: 0 }]);
      // Recorded under the entry's own id, so a later snapshot of this vault carries it once.
      expect(rows(api, 'SELECT count(*) AS n FROM destruction_ledger WHERE replayed_at IS NOT NULL')).toEqual([{ n: 1 }]);
      const log = rows(api, "SELECT action, detail FROM audit_log WHERE action IN ('backup.destruction_reapplied', 'restore.completed') ORDER BY seq") as { action: string; detail: string }[];
      expect(log.map((e) => e.action)).toEqual(['backup.destruction_reapplied', 'restore.completed']);
      expect(JSON.parse(log[1]!.detail)).toMatchObject({ destructionsReapplied: 1, clientsDestroyedAgain: 1 });
    });
  });

  it('a full destruction after the snapshot removes the client, their photos and their blobs from the restore', async () => {
    const t = await setUp();
    const gone = await addClientWithPhoto(t, 'Destroyed', 1);
    await addClientWithPhoto(t, 'Stays', 2);
    const a = await snapshot(t);
    const blobsOfGone = (rows(t.api, 'SELECT f.blob_name AS b FROM photos p JOIN files f ON f.id IN (p.file_id, p.thumb_file_id) WHERE p.client_id = ?', gone) as { b: string }[]).map((r) => r.b);
    expect(blobsOfGone.length).toBeGreaterThan(0);
    destroyClientData(serviceContextOf(t.api), gone, DESTRUCTION_CATEGORIES, { auditAction: 'erasure.applied' });
    await snapshot(t);
    const to = join(t.restoreRoot, 'full');
    const restored = await t.api.call('restore.run', { from: t.dest, snapshotId: a, to, password: OWNER.password });
    expect(restored.destructionsReapplied).toEqual({ entries: 1, clients: 1 });
    expect(restored.counts.clients).toBe(1);
    for (const b of blobsOfGone) expect(existsSync(join(to, 'blobs', b.slice(0, 2), `${b}.blob`))).toBe(false);
    t.api.close();
    await withRestored(t, to, async (api) => {
      expect((await api.call('clients.search', { query: '' })).results.map((c) => c.lastName)).toEqual(['Stays']);
      expect(rows(api, 'SELECT count(*) AS n FROM photos WHERE client_id = ?', gone)).toEqual([{ n: 0 }]);
    });
  });

  it('a client under a legal hold in the snapshot, released and then destroyed, is destroyed again on restore', async () => {
    const t = await setUp();
    const held = await addClientWithPhoto(t, 'Held', 1);
    await t.api.call('holds.place', { clientId: held, kind: 'claim', reason: 'Solicitor’s letter' });
    const a = await snapshot(t);
    await t.api.call('holds.release', { clientId: held, reason: 'Claim settled' });
    destroyClientData(serviceContextOf(t.api), held, DESTRUCTION_CATEGORIES, { auditAction: 'erasure.applied' });
    await snapshot(t);
    const to = join(t.restoreRoot, 'held');
    const restored = await t.api.call('restore.run', { from: t.dest, snapshotId: a, to, password: OWNER.password });
    expect(restored.destructionsReapplied).toEqual({ entries: 1, clients: 1 });
    t.api.close();
    await withRestored(t, to, async (api) => {
      expect(rows(api, 'SELECT count(*) AS n FROM clients WHERE id = ?', held)).toEqual([{ n: 0 }]);
    });
  });

  it('restoring a snapshot that already holds the destruction re-applies nothing', async () => {
    const t = await setUp();
    const clientId = await addClientWithPhoto(t, 'Early', 1);
    destroyClientData(serviceContextOf(t.api), clientId, ERASED_CATEGORIES, { auditAction: 'erasure.applied' });
    const after = await snapshot(t);
    const restored = await t.api.call('restore.run', { from: t.dest, snapshotId: after, to: join(t.restoreRoot, 'b'), recoveryKey: t.recoveryKey });
    expect(restored.destructionsReapplied).toEqual({ entries: 0, clients: 0 });
  });

  it('refuses a ledger edited by hand, or deleted, with a clear message, and restores nothing', async () => {
    const t = await setUp();
    const clientId = await addClientWithPhoto(t, 'Erased', 1);
    const a = await snapshot(t);
    destroyClientData(serviceContextOf(t.api), clientId, ERASED_CATEGORIES, { auditAction: 'erasure.applied' });
    await snapshot(t);
    const path = join(t.dest, 'destructions.json');
    const original = readFileSync(path, 'utf8');
    // Someone takes the erased client out of the list, to bring them back with the old backup.
    const edited = JSON.parse(original) as { entries: unknown[] };
    writeFileSync(path, JSON.stringify({ ...edited, entries: [] }));
    const to = join(t.restoreRoot, 'c');
    const err = await t.api.call('restore.run', { from: t.dest, snapshotId: a, to, recoveryKey: t.recoveryKey }).catch((e: Error) => e);
    expect(err).toMatchObject({ code: 'BACKUP_LEDGER_ALTERED' });
    expect((err as Error).message).toContain('destructions.json');
    expect((err as Error).message).toContain('has been changed since it was written');
    expect(existsSync(to)).toBe(false);
    // The check of the set names it too.
    const verify = await t.api.call('backup.verify', {});
    expect(verify.ok).toBe(false);
    expect(verify.checked[0]!.check.problems.join()).toContain('destructions.json');

    rmSync(path);
    expect(await errorCodeOf(() => t.api.call('restore.run', { from: t.dest, snapshotId: a, to, recoveryKey: t.recoveryKey }))).toBe('BACKUP_LEDGER_ALTERED');
    expect(existsSync(to)).toBe(false);

    // Put back as written, the restore goes ahead and erases the client again.
    writeFileSync(path, original);
    expect((await t.api.call('restore.run', { from: t.dest, snapshotId: a, to, recoveryKey: t.recoveryKey })).destructionsReapplied.entries).toBe(1);
  });

  it('a ledger damaged in the set is replaced at the next snapshot from the vault’s own, and that is logged', async () => {
    const t = await setUp();
    const clientId = await addClientWithPhoto(t, 'Erased', 1);
    destroyClientData(serviceContextOf(t.api), clientId, ERASED_CATEGORIES, { auditAction: 'erasure.applied' });
    await snapshot(t);
    writeFileSync(join(t.dest, 'destructions.json'), '{"not": "a ledger"');
    await snapshot(t);
    const ledger = JSON.parse(readFileSync(join(t.dest, 'destructions.json'), 'utf8')) as { entries: { clientId: string }[] };
    expect(ledger.entries.map((e) => e.clientId)).toEqual([clientId]);
    expect(rows(t.api, "SELECT detail FROM audit_log WHERE action = 'backup.ledger_replaced'")).toEqual([{ detail: JSON.stringify({ entries: 1 }) }]);
    expect(setBlobFiles(t.dest).length).toBeGreaterThan(0);
  });
});
