import { afterEach, describe, expect, it } from 'vitest';
import { addStaffMember, createTestVault, type TestVault } from '../test-support/temp-vault';
import { openRawDatabase } from '../test-support/raw-database';

let tv: TestVault | undefined;
afterEach(() => {
  tv?.cleanup();
  tv = undefined;
});

/** Signs out and back in a few times so the log has entries to tamper with. */
async function vaultWithHistory(): Promise<TestVault> {
  const v = await createTestVault();
  for (let i = 0; i < 3; i++) {
    await v.api.call('session.lock', undefined);
    await v.api.call('session.signIn', { username: 'olivia', password: 'correct horse battery' });
  }
  return v;
}

describe('audit log', () => {
  it('chains every entry and verifies intact', async () => {
    tv = await vaultWithHistory();
    const result = await tv.api.call('audit.verify', undefined);
    expect(result).toEqual({ ok: true, entriesChecked: expect.any(Number), firstBrokenSeq: null, problem: null, anchoredToSeq: expect.any(Number) });
    expect(result.entriesChecked).toBeGreaterThanOrEqual(9);
  });

  it('refuses updates and deletes through SQL: the table is append-only', async () => {
    tv = await vaultWithHistory();
    const raw = await openRawDatabase(tv.vaultDir, tv.recoveryKey);
    expect(() => raw.prepare(`UPDATE audit_log SET action = 'x' WHERE seq = 2`).run()).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);
    raw.close();
  });

  it('names the first broken entry when a row is edited directly', async () => {
    tv = await vaultWithHistory();
    const raw = await openRawDatabase(tv.vaultDir, tv.recoveryKey);
    raw.exec('DROP TRIGGER audit_log_no_update');
    raw.prepare(`UPDATE audit_log SET staff_id = 'st_someoneelse' WHERE seq = 4`).run();
    raw.close();
    const result = await tv.api.call('audit.verify', undefined);
    expect(result.ok).toBe(false);
    expect(result.firstBrokenSeq).toBe(4);
    expect(result.entriesChecked).toBe(3);
    expect(result.problem).toMatch(/altered/);
  });

  it('detects a deleted entry in the middle of the chain', async () => {
    tv = await vaultWithHistory();
    const raw = await openRawDatabase(tv.vaultDir, tv.recoveryKey);
    raw.exec('DROP TRIGGER audit_log_no_delete');
    raw.prepare('DELETE FROM audit_log WHERE seq = 3').run();
    raw.close();
    const result = await tv.api.call('audit.verify', undefined);
    // The signed checkpoint names the missing entry itself; the chain walk notices it at the next one.
    expect(result).toMatchObject({ ok: false, firstBrokenSeq: 3 });
    expect(result.problem).toMatch(/entry #3 has been removed/i);
    expect(result.problem).toMatch(/the chain breaks at entry #4: entries before #4 are missing/);
  });

  it('detects an entry rewritten with a recomputed hash, at the entry after it', async () => {
    tv = await vaultWithHistory();
    const raw = await openRawDatabase(tv.vaultDir, tv.recoveryKey);
    raw.exec('DROP TRIGGER audit_log_no_update');
    raw.prepare(`UPDATE audit_log SET hash = ? WHERE seq = 5`).run('f'.repeat(64));
    raw.close();
    const result = await tv.api.call('audit.verify', undefined);
    expect(result.firstBrokenSeq).toBe(5);
  });

  it('filters by action, by staff member, by London calendar day, and pages older entries', async () => {
    tv = await vaultWithHistory();
    const api = tv.api;
    const locks = await api.call('audit.list', { limit: 100, action: 'session.locked' });
    expect(locks.entries).toHaveLength(3);
    expect(locks.entries.every((e) => e.staffName === 'Olivia Owner')).toBe(true);
    const sessionGroup = await api.call('audit.list', { limit: 100, action: 'session.' });
    expect(sessionGroup.entries.every((e) => e.action.startsWith('session.'))).toBe(true);
    const page1 = await api.call('audit.list', { limit: 2 });
    expect(page1.entries.map((e) => e.seq)).toEqual([page1.entries[0]!.seq, page1.entries[0]!.seq - 1]);
    const page2 = await api.call('audit.list', { limit: 2, beforeSeq: page1.nextBeforeSeq! });
    expect(page2.entries[0]!.seq).toBe(page1.entries[1]!.seq - 1);
    expect((await api.call('audit.list', { limit: 100, from: '2026-11-22', to: '2026-11-22' })).entries.length).toBeGreaterThan(0);
    expect((await api.call('audit.list', { limit: 100, from: '2026-11-23' })).entries).toHaveLength(0);
  });

  it('filters by member of staff: only their entries, none of anyone else\'s', async () => {
    tv = await vaultWithHistory();
    const api = tv.api;
    const me = (await api.call('app.status', undefined)).session!.staffId;
    const priya = await addStaffMember(api, 'practitioner');
    await api.call('session.lock', undefined);
    await api.call('session.signIn', { username: priya.username, password: priya.password });
    await api.call('session.lock', undefined);
    await api.call('session.signIn', { username: 'olivia', password: 'correct horse battery' });
    const all = (await api.call('audit.list', { limit: 500 })).entries;
    const mine = (await api.call('audit.list', { limit: 500, staffId: me })).entries;
    const hers = (await api.call('audit.list', { limit: 500, staffId: priya.id })).entries;
    // Both have entries, and the log holds both: a filter that did nothing would return the whole log for each.
    expect(hers.map((e) => e.action)).toEqual(['session.locked', 'session.signed_in']);
    expect(mine.length).toBeGreaterThan(hers.length);
    expect(mine.map((e) => e.seq)).toEqual(all.filter((e) => e.staffId === me).map((e) => e.seq));
    expect(hers.map((e) => e.seq)).toEqual(all.filter((e) => e.staffId === priya.id).map((e) => e.seq));
    expect(hers.every((e) => e.staffName === 'priya test')).toBe(true);
  });

  it('keeps names out of the log: only ids and action names are stored', async () => {
    tv = await vaultWithHistory();
    await tv.api.call('staff.add', { username: 'zofia', displayName: 'Zofia Wiśniewska', role: 'practitioner', password: 'zofia-password-1' });
    const raw = await openRawDatabase(tv.vaultDir, tv.recoveryKey);
    const rows = JSON.stringify(raw.prepare('SELECT * FROM audit_log').all());
    raw.close();
    expect(rows).not.toMatch(/Zofia|Wiśniewska|zofia|Olivia|olivia/);
  });
});
