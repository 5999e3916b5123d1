/**
 * The clinic setting receptionSeesVisitSummary, enforced in the core: with it
 * off, reception's client record and search hits carry no treatment count, no
 * photo count and no last visit date (not even through a direct contract
 * call); practitioners and the owner still get them; on (the default) reception
 * sees them as before.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OWNER, type TestVault, addStaffMember, createTestVault } from '../test-support/temp-vault';
import { newClient } from '../test-support/test-clients';

let tv: TestVault;
let clientId: string;
let lastName: string;
let reception: { username: string; password: string };
let practitioner: { username: string; password: string };

beforeEach(async () => {
  tv = await createTestVault();
  reception = await addStaffMember(tv.api, 'reception');
  practitioner = await addStaffMember(tv.api, 'practitioner');
  const client = await tv.api.call('clients.create', newClient());
  clientId = client.id;
  lastName = client.lastName;
  await tv.api.call('treatments.create', { clientId, treatedOn: '2026-11-20', typeId: 'tt_chemical_peel', medicalHistoryReviewed: true });
});
afterEach(() => tv.cleanup());

async function as(who: { username: string; password: string }) {
  await tv.api.call('session.signOut', undefined);
  await tv.api.call('session.signIn', { username: who.username, password: who.password });
}

async function seen() {
  const record = await tv.api.call('clients.get', { clientId });
  const hit = (await tv.api.call('clients.search', { query: lastName, limit: 10 })).results.find((h) => h.id === clientId)!;
  return { record, hit };
}

describe('receptionSeesVisitSummary', () => {
  it('is on for a vault whose settings predate it, and reception sees the summary', async () => {
    // Settings as an older build stored them: no receptionSeesVisitSummary key at all.
    const db = tv.api.core.requireSession().vault.db;
    const row = db.prepare(`SELECT value FROM settings WHERE key = 'clinic'`).get() as { value: string };
    const { receptionSeesVisitSummary: _dropped, ...older } = JSON.parse(row.value) as Record<string, unknown>;
    db.prepare(`UPDATE settings SET value = ? WHERE key = 'clinic'`).run(JSON.stringify(older));
    expect((await tv.api.call('settings.get', undefined)).receptionSeesVisitSummary).toBe(true);
    await as(reception);
    const { record, hit } = await seen();
    expect(record).toMatchObject({ treatmentCount: 1, photoCount: 0, lastVisitOn: '2026-11-20' });
    expect(hit.lastVisitOn).toBe('2026-11-20');
  });

  it('when off, reception gets no counts and no last visit, in the record or in search', async () => {
    await tv.api.call('settings.update', { receptionSeesVisitSummary: false });
    await as(reception);
    const { record, hit } = await seen();
    expect(record.id).toBe(clientId);
    expect(record.lastName).toBe(lastName);
    for (const key of ['treatmentCount', 'photoCount', 'lastVisitOn']) expect(record).not.toHaveProperty(key);
    expect(hit).not.toHaveProperty('lastVisitOn');
    // A change reception makes returns the record the same way.
    const updated = await tv.api.call('clients.update', { clientId, changes: { notes: 'Prefers mornings' } });
    expect(updated).not.toHaveProperty('treatmentCount');
    // And through the dispatcher as the renderer calls it (JSON), nothing comes back either.
    const raw = await tv.api.dispatch('clients.get', { clientId });
    expect(JSON.stringify(raw)).not.toMatch(/treatmentCount|photoCount|lastVisitOn|2026-11-20/);
  });

  it('when off, practitioners and the owner still see the summary', async () => {
    await tv.api.call('settings.update', { receptionSeesVisitSummary: false });
    for (const who of [practitioner, OWNER]) {
      await as(who);
      const { record, hit } = await seen();
      expect(record, who.username).toMatchObject({ treatmentCount: 1, photoCount: 0, lastVisitOn: '2026-11-20' });
      expect(hit.lastVisitOn).toBe('2026-11-20');
    }
  });

  it('only the owner changes it, it is audit-logged by name, and a non-boolean is refused', async () => {
    const bad = await tv.api.dispatch('settings.update', { receptionSeesVisitSummary: 'no' as unknown as boolean });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await tv.api.call('settings.get', undefined)).receptionSeesVisitSummary).toBe(true);
    await tv.api.call('settings.update', { receptionSeesVisitSummary: false });
    const log = await tv.api.call('audit.list', { limit: 5, action: 'settings.updated' });
    expect(log.entries[0]!.detail).toEqual({ fields: 'receptionSeesVisitSummary' });
    await as(reception);
    expect(await tv.api.dispatch('settings.update', { receptionSeesVisitSummary: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await as(OWNER);
    expect((await tv.api.call('settings.get', undefined)).receptionSeesVisitSummary).toBe(false);
  });

  it('turned back on, reception sees the summary again', async () => {
    await tv.api.call('settings.update', { receptionSeesVisitSummary: false });
    await tv.api.call('settings.update', { receptionSeesVisitSummary: true });
    await as(reception);
    expect((await seen()).record).toMatchObject({ treatmentCount: 1, lastVisitOn: '2026-11-20' });
  });
});
