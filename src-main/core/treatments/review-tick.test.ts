/**
 * The "I have reviewed the medical history today" tick (issue #10 item 3):
 * enforced in the core, recorded with the treatment, and it brings the
 * history's review date to today. The test clock's London day is 22/11/2026.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../contract/schemas';
import type { CoreApi } from '../app';
import { createTestVault, type TestVault } from '../test-support/temp-vault';
import { signInAs } from '../test-support/test-clients';
import { createTestClient } from '../test-support/treatment-test-clients';

let tv: TestVault | undefined;
afterEach(() => {
  tv?.cleanup();
  tv = undefined;
});

const peel = (clientId: string, ticked?: boolean): MethodInput<'treatments.create'> => ({
  clientId,
  treatedOn: '2026-11-20',
  typeId: 'tt_chemical_peel',
  ...(ticked === undefined ? {} : { medicalHistoryReviewed: ticked }),
});

const db = (api: CoreApi) => api.core.requireSession().vault.db;
const count = (api: CoreApi, sql: string) => (db(api).prepare(sql).get() as { n: number }).n;

async function refusal(api: CoreApi, input: MethodInput<'treatments.create'>) {
  const r = await api.dispatch('treatments.create', input);
  if (r.ok) throw new Error('expected the treatment to be refused');
  return r.error;
}

describe('the review tick', () => {
  it.each([
    ['never reviewed', null, /never been reviewed/],
    ['reviewed more than 12 months ago', '2025-11-21', /last reviewed on 21\/11\/2025, more than 12 months ago/],
  ])('is required when the history was %s: refused without it, nothing stored', async (_name, reviewedOn, why) => {
    tv = await createTestVault();
    const clientId = await createTestClient(tv.api);
    if (reviewedOn) await tv.api.call('medical.update', { clientId, changes: { reviewedOn }, reason: '' });
    await signInAs(tv.api, 'practitioner');
    const before = { treatments: count(tv.api, 'SELECT count(*) AS n FROM treatments'), audit: count(tv.api, 'SELECT count(*) AS n FROM audit_log') };

    for (const input of [peel(clientId), peel(clientId, false)]) {
      const error = await refusal(tv.api, input);
      expect(error.code).toBe('VALIDATION');
      expect(error.issues).toEqual([{ field: 'medicalHistoryReviewed', message: expect.stringMatching(why) as string }]);
      expect(error.message).toMatch(/I have reviewed the medical history today/);
    }
    expect(count(tv.api, 'SELECT count(*) AS n FROM treatments')).toBe(before.treatments);
    expect(count(tv.api, 'SELECT count(*) AS n FROM audit_log')).toBe(before.audit);
    expect((await tv.api.call('medical.get', { clientId })).reviewedOn).toBe(reviewedOn);
  });

  it('is recorded with the treatment and brings the review date to today, in the change history', async () => {
    tv = await createTestVault();
    const clientId = await createTestClient(tv.api);
    await tv.api.call('medical.update', { clientId, changes: { allergies: 'Latex', reviewedOn: '2024-03-01' }, reason: '' });
    const priya = await signInAs(tv.api, 'practitioner');
    const t = await tv.api.call('treatments.create', peel(clientId, true));
    expect(t.medicalHistoryReviewedOn).toBe('2026-11-22');
    expect((await tv.api.call('treatments.get', { treatmentId: t.id })).medicalHistoryReviewedOn).toBe('2026-11-22');

    const medical = await tv.api.call('medical.get', { clientId });
    expect(medical).toMatchObject({ reviewedOn: '2026-11-22', allergies: 'Latex' });
    const { changes } = await tv.api.call('clients.history', { clientId });
    expect(changes[0]).toMatchObject({
      section: 'medical',
      field: 'reviewedOn',
      oldValue: '2024-03-01',
      newValue: '2026-11-22',
      changedById: priya,
      reason: 'Reviewed with the client when recording a treatment.',
    });
    expect((await tv.api.call('clients.clinicalAlerts', { clientId })).reviewRequired).toBe(false);

    // Now reviewed today: the next treatment needs no tick, and records none.
    const next = await tv.api.call('treatments.create', peel(clientId));
    expect(next.medicalHistoryReviewedOn).toBeNull();
  });

  it('is not needed within the period, and the treatment then records no review', async () => {
    tv = await createTestVault();
    const clientId = await createTestClient(tv.api);
    await tv.api.call('medical.update', { clientId, changes: { reviewedOn: '2025-11-22' }, reason: '' });
    const t = await tv.api.call('treatments.create', peel(clientId));
    expect(t.medicalHistoryReviewedOn).toBeNull();
    expect((await tv.api.call('medical.get', { clientId })).reviewedOn).toBe('2025-11-22');
  });

  it('follows the clinic setting: a 3-month period asks for a review of June', async () => {
    tv = await createTestVault();
    const clientId = await createTestClient(tv.api);
    await tv.api.call('medical.update', { clientId, changes: { reviewedOn: '2026-06-15' }, reason: '' });
    expect((await tv.api.call('treatments.create', peel(clientId))).medicalHistoryReviewedOn).toBeNull();
    await tv.api.call('settings.update', { medicalReviewMonths: 3 });
    const error = await refusal(tv.api, peel(clientId));
    expect(error.issues?.[0]?.message).toMatch(/15\/06\/2026, more than 3 months ago/);
  });

  it('is listed with the form’s other problems, after the under-18 refusal', async () => {
    tv = await createTestVault();
    const teen = await createTestClient(tv.api, { dateOfBirth: '2010-01-01' });
    const toxin = { clientId: teen, treatedOn: '2026-11-20', typeId: 'tt_toxin', product: 'Azzalure', batchNumber: 'B1', batchExpiry: '2027-01-01' };
    expect((await refusal(tv.api, toxin)).code).toBe('UNDER_18');
    const adult = await createTestClient(tv.api, { firstName: 'Grown', dateOfBirth: '1980-01-01', email: 'grown@example.com', mobile: '07700 900456' });
    const error = await refusal(tv.api, { ...toxin, clientId: adult, batchNumber: '' });
    expect(error.issues?.map((i) => i.field)).toEqual(['batchNumber', 'medicalHistoryReviewed']);
  });
});
