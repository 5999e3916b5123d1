/**
 * Someone holding the database key can write to vault.db. Sealed values are
 * bound to their place, so copying one client's sealed history, treatment,
 * photo key or dispute onto another client's record gives a clear "looks
 * damaged" error instead of showing the wrong client's health data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreApi } from '../app';
import { openRawDatabase } from '../test-support/raw-database';
import { type TestVault, addStaffMember, createTestVault, errorCodeOf } from '../test-support/temp-vault';
import { CLINICAL, type ClinicalScenario, recordClinicalClient } from '../test-support/sealing-test-support';

let tv: TestVault;
let api: CoreApi;
let a: ClinicalScenario;
let b: ClinicalScenario;
const priya = { username: 'priya', password: 'priya-password-123' };

beforeAll(async () => {
  tv = await createTestVault();
  await addStaffMember(tv.api, 'practitioner');
  a = await recordClinicalClient(tv.api);
  b = await recordClinicalClient(tv.api, { firstName: 'Amara', lastName: 'Okafor', email: 'amara@example.co.uk', mobile: '07700 900777' });
  tv.reopen();
  const db = await openRawDatabase(tv.vaultDir, tv.recoveryKey);
  const copy = (sql: string, ...args: unknown[]) => db.prepare(sql).run(...args);
  copy(`UPDATE client_sections SET data = (SELECT data FROM client_sections WHERE client_id = ? AND section = 'medical') WHERE client_id = ? AND section = 'medical'`, a.clientId, b.clientId);
  copy(`UPDATE client_sections SET data = (SELECT data FROM client_sections WHERE client_id = ? AND section = 'medical') WHERE client_id = ? AND section = 'lifestyle'`, a.clientId, a.clientId);
  copy(`UPDATE treatments SET details_sealed = (SELECT details_sealed FROM treatments WHERE id = ?) WHERE id = ?`, a.treatmentId, b.treatmentId);
  copy(`UPDATE field_disputes SET note = (SELECT note FROM field_disputes WHERE id = ?) WHERE id = ?`, a.disputeId, b.disputeId);
  // A whole change-history row moved to the other client, its own id kept.
  copy(`UPDATE field_changes SET client_id = ? WHERE id = (SELECT id FROM field_changes WHERE client_id = ? AND field = 'conditions')`, b.clientId, a.clientId);
  const fileOf = (photoId: string) => (db.prepare('SELECT file_id FROM photos WHERE id = ?').get(photoId) as { file_id: string }).file_id;
  copy(`UPDATE files SET file_key = (SELECT file_key FROM files WHERE id = ?) WHERE id = ?`, fileOf(a.photoId), fileOf(b.photoId));
  db.close();
  api = tv.reopen();
  await api.call('session.signIn', priya);
}, 60_000);

afterAll(() => tv.cleanup());

describe('a sealed value moved to another place', () => {
  it('does not open on the other client’s record, nor in another section of the same record', async () => {
    expect(await errorCodeOf(() => api.call('medical.get', { clientId: b.clientId }))).toBe('RECORD_DAMAGED');
    expect(await errorCodeOf(() => api.call('lifestyle.get', { clientId: a.clientId }))).toBe('RECORD_DAMAGED');
    expect(await errorCodeOf(() => api.call('treatments.list', { clientId: b.clientId }))).toBe('RECORD_DAMAGED');
    expect(await errorCodeOf(() => api.call('photos.get', { photoId: b.photoId }))).toBe('RECORD_DAMAGED');
    expect(await errorCodeOf(() => api.call('clients.history', { clientId: b.clientId }))).toBe('RECORD_DAMAGED');
  });

  it('leaves the values that were not moved readable', async () => {
    expect((await api.call('medical.get', { clientId: a.clientId })).conditions).toBe(CLINICAL.conditions);
    expect((await api.call('treatments.list', { clientId: a.clientId }))[0]!.notes).toBe(CLINICAL.treatmentNotes);
    expect((await api.call('photos.get', { photoId: a.photoId })).photo.area).toBe(CLINICAL.photoArea);
  });

  it('the error tells the desk the record looks damaged, not that they lack a permission', async () => {
    const result = await api.dispatch('medical.get', { clientId: b.clientId });
    expect(result).toMatchObject({ ok: false, error: { code: 'RECORD_DAMAGED' } });
    expect(!result.ok && result.error.message).toMatch(/looks damaged, or it was moved here from another record/);
  });
});
