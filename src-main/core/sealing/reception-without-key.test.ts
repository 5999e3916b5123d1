/**
 * A reception session holds no clinical key (crypto/vault-keys.ts). Everything
 * reception does today must keep working without it, and what needs the key
 * must be refused as FORBIDDEN, never answered from the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreApi } from '../app';
import { clientServices } from '../clients/client-services';
import { signInAsOwner } from '../test-support/test-clients';
import { PDF_BYTES, stage } from '../test-support/consent-test-support';
import { type TestVault, addStaffMember, createTestVault, errorCodeOf } from '../test-support/temp-vault';
import { dropClinicalKey } from '../test-support/without-clinical-key';
import { type ClinicalScenario, recordClinicalClient } from '../test-support/sealing-test-support';

let tv: TestVault;
let api: CoreApi;
let scenario: ClinicalScenario;
const desk = { username: 'rachel', password: 'rachel-password-123' };

async function signIn(who: { username: string; password: string }): Promise<void> {
  await api.call('session.signOut', undefined);
  await api.call('session.signIn', who);
}

beforeAll(async () => {
  tv = await createTestVault();
  api = tv.api;
  await addStaffMember(api, 'reception');
  const priya = await addStaffMember(api, 'practitioner');
  await signIn(priya);
  scenario = await recordClinicalClient(api);
  await signIn(desk);
  dropClinicalKey(api);
}, 60_000);

afterAll(() => tv.cleanup());

describe('reception without the clinical key', () => {
  it('finds the client, opens the overview with the counts, and sees no clinical dispute', async () => {
    const { results } = await api.call('clients.search', { query: 'zoe hartley', limit: 20 });
    expect(results.map((r) => r.id)).toEqual([scenario.clientId]);
    const record = await api.call('clients.get', { clientId: scenario.clientId });
    expect(record).toMatchObject({ firstName: 'Zoë', treatmentCount: 1, photoCount: 1, lastVisitOn: '2026-11-20', openDisputes: [] });
  });

  it('changes contact details, notes an identity dispute, and reads that history (none of the clinical one)', async () => {
    await api.call('clients.update', { clientId: scenario.clientId, changes: { mobile: '07700 900456' }, reason: 'New phone' });
    const dispute = await api.call('clients.addDispute', { clientId: scenario.clientId, section: 'identity', field: 'gender', note: 'Prefers not to say' });
    const history = await api.call('clients.history', { clientId: scenario.clientId });
    expect(history.changes.map((c) => [c.section, c.field, c.oldValue, c.newValue])).toEqual([['identity', 'mobile', '+447700900123', '+447700900456']]);
    expect(history.disputes.map((d) => d.note)).toEqual(['Prefers not to say']);
    expect((await api.call('clients.get', { clientId: scenario.clientId })).openDisputes.map((d) => d.id)).toEqual([dispute.id]);
    await api.call('clients.resolveDispute', { clientId: scenario.clientId, disputeId: dispute.id });
  });

  it('records marketing consent with a scanned form, whose file stays readable with the database key', async () => {
    const evidenceUploadId = await stage(api, PDF_BYTES, 'form.pdf');
    const event = await api.call('consent.record', { clientId: scenario.clientId, purposeId: 'marketing.email', state: 'granted', method: 'paper-form', evidenceUploadId });
    const files = api.core.requireSession().vault.files;
    expect(files.isClinical(event.evidenceFileId!)).toBe(false);
    expect((await files.readToBuffer(event.evidenceFileId!)).equals(PDF_BYTES)).toBe(true);
    const current = await api.call('consent.current', { clientId: scenario.clientId });
    expect(current.current.find((c) => c.purpose.id === 'marketing.email')?.state).toBe('granted');
    const history = await api.call('consent.history', { clientId: scenario.clientId });
    expect(history.map((e) => e.purposeId)).toContain('marketing.email');
    await api.call('consent.withdraw', { clientId: scenario.clientId, purposeId: 'marketing.email', method: 'phone' });
  });

  it('is refused medical and lifestyle history, treatments, photos and the clinical dispute', async () => {
    for (const call of [
      () => api.call('medical.get', { clientId: scenario.clientId }),
      () => api.call('lifestyle.get', { clientId: scenario.clientId }),
      () => api.call('treatments.list', { clientId: scenario.clientId }),
      () => api.call('photos.get', { photoId: scenario.photoId }),
      () => api.call('clients.resolveDispute', { clientId: scenario.clientId, disputeId: scenario.disputeId }),
      () => api.call('consent.record', { clientId: scenario.clientId, purposeId: 'photo.training', state: 'granted', method: 'paper-form' }),
    ]) {
      expect(await errorCodeOf(call)).toBe('FORBIDDEN');
    }
  });

  it('without the key even the core’s own stores refuse: the role check is not the only lock', async () => {
    const { vault } = api.core.requireSession();
    const services = clientServices(vault);
    expect(await errorCodeOf(() => services.sections.get(scenario.clientId, 'medical'))).toBe('FORBIDDEN');
    expect(await errorCodeOf(() => services.history.list(scenario.clientId, new Set(['medical'])))).toBe('FORBIDDEN');
    expect(await errorCodeOf(() => services.disputes.get(scenario.disputeId))).toBe('FORBIDDEN');
    const fileId = (vault.db.prepare('SELECT file_id FROM photos WHERE id = ?').get(scenario.photoId) as { file_id: string }).file_id;
    expect(await errorCodeOf(() => vault.files.readToBuffer(fileId))).toBe('FORBIDDEN');
  });

  it('the owner’s marketing export and recall need no clinical key either', async () => {
    await signInAsOwner(api);
    dropClinicalKey(api);
    const list = await api.call('marketing.export', { channel: 'email' });
    expect(list.included + Object.values(list.excluded).reduce((a, b) => a + b, 0)).toBe(1);
    const recall = await api.call('recall.byBatch', { batchNumber: 'AB1234' });
    expect(recall.hits.map((h) => h.clientId)).toEqual([scenario.clientId]);
  });
});
