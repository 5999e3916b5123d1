/**
 * The under-18 rule end to end (Botulinum Toxin and Cosmetic Fillers (Children)
 * Act 2021): the age arithmetic itself is table-tested in treatment-rules.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '../../contract/errors';
import type { MethodInput } from '../../contract/schemas';
import type { CoreApi } from '../app';
import { createTestVault, type TestVault } from '../test-support/temp-vault';
import { createTestClient, insertClientWithoutDob } from '../test-support/treatment-test-clients';

let tv: TestVault | undefined;
afterEach(() => {
  tv?.cleanup();
  tv = undefined;
});

// 17 on 20/11/2026: the 18th birthday is 21/11/2026.
const SEVENTEEN = { firstName: 'Young', lastName: 'Client', dateOfBirth: '2008-11-21' };
const DOCTOR = { doctorName: 'Dr Jane Smith', gmcNumber: '1234567', assessedOn: '2026-11-18', reason: 'Congenital lip asymmetry affecting speech.' };

function filler(clientId: string, change: Partial<MethodInput<'treatments.create'>> = {}): MethodInput<'treatments.create'> {
  return {
    clientId,
    treatedOn: '2026-11-20',
    typeId: 'tt_filler',
    areas: ['Lips'],
    product: 'Juvederm Volbella',
    batchNumber: 'V123',
    batchExpiry: '2027-01-31',
    amount: 1,
    amountUnit: 'ml',
    medicalHistoryReviewed: true,
    ...change,
  };
}

const db = (api: CoreApi) => api.core.requireSession().vault.db;
const stored = (api: CoreApi) => (db(api).prepare('SELECT count(*) AS n FROM treatments').get() as { n: number }).n;
const clientState = async (api: CoreApi, clientId: string) => {
  const c = await api.call('clients.get', { clientId });
  return [c.lastVisitOn, c.lastInteractionAt, c.treatmentCount];
};

async function setUp() {
  tv = await createTestVault();
  return { api: tv.api, clientId: await createTestClient(tv.api, SEVENTEEN) };
}

describe('the under-18 rule', () => {
  it("refuses filler for a 17-year-old with the Act's message, logs the refusal and stores nothing", async () => {
    const { api, clientId } = await setUp();
    tv!.clock.advance(60_000);
    const before = await clientState(api, clientId);
    const r = await api.dispatch('treatments.create', filler(clientId));
    expect(r).toEqual({ ok: false, error: { code: 'UNDER_18', message: ERROR_MESSAGES.UNDER_18 } });
    expect(ERROR_MESSAGES.UNDER_18).toMatch(/Botulinum Toxin and Cosmetic Fillers \(Children\) Act 2021/);
    expect(stored(api)).toBe(0);
    expect(await clientState(api, clientId)).toEqual(before);
    const refusals = await api.call('audit.list', { limit: 5, action: 'treatment.refused_under_18' });
    expect(refusals.entries).toHaveLength(1);
    expect(refusals.entries[0]).toMatchObject({ subjectType: 'client', subjectId: clientId, detail: null });
    // The refusal comes first, even when the form has other problems too.
    const alsoIncomplete = await api.dispatch('treatments.create', filler(clientId, { batchNumber: '', typeId: 'tt_toxin' }));
    expect(!alsoIncomplete.ok && alsoIncomplete.error.code).toBe('UNDER_18');
  });

  it('accepts it with a registered doctor’s approval, and keeps the approval with the treatment', async () => {
    const { api, clientId } = await setUp();
    const t = await api.call('treatments.create', filler(clientId, { doctorException: DOCTOR }));
    expect(t.doctorException).toEqual(DOCTOR);
    expect((await api.call('treatments.get', { treatmentId: t.id })).doctorException).toEqual(DOCTOR);
    expect((await api.call('audit.list', { limit: 5, action: 'treatment.refused_under_18' })).entries).toHaveLength(0);
  });

  it('checks the GMC number’s form', async () => {
    const { api, clientId } = await setUp();
    const r = await api.dispatch('treatments.create', filler(clientId, { doctorException: { ...DOCTOR, gmcNumber: '12345' } }));
    expect(!r.ok && r.error.issues).toEqual([{ field: 'doctorException.gmcNumber', message: 'GMC numbers are 7 digits.' }]);
  });

  it("needs the date of the doctor's assessment, on or before the treatment, and their reason", async () => {
    const { api, clientId } = await setUp();
    const late = await api.dispatch('treatments.create', filler(clientId, { doctorException: { ...DOCTOR, assessedOn: '2026-11-21' } }));
    expect(!late.ok && late.error.issues).toEqual([
      { field: 'doctorException.assessedOn', message: "The doctor's assessment must be on or before the treatment date (20/11/2026)." },
    ]);
    const noReason = await api.dispatch('treatments.create', filler(clientId, { doctorException: { ...DOCTOR, reason: '  ' } }));
    expect(!noReason.ok && noReason.error.issues?.map((i) => i.field)).toEqual(['doctorException.reason']);
    const { assessedOn: _omitted, ...noDate } = DOCTOR;
    const undated = await api.dispatch('treatments.create', filler(clientId, { doctorException: noDate as typeof DOCTOR }));
    expect(!undated.ok && undated.error.issues?.map((i) => i.field)).toEqual(['doctorException.assessedOn']);
    expect(stored(api)).toBe(0);
    // On the treatment day itself is fine.
    const sameDay = await api.call('treatments.create', filler(clientId, { doctorException: { ...DOCTOR, assessedOn: '2026-11-20' } }));
    expect(sameDay.doctorException).toMatchObject({ assessedOn: '2026-11-20', reason: DOCTOR.reason });
  });

  it('allows toxin from the 18th birthday itself', async () => {
    const { api, clientId } = await setUp();
    const t = await api.call('treatments.create', filler(clientId, { typeId: 'tt_toxin', treatedOn: '2026-11-21', amount: 20, amountUnit: 'units' }));
    expect(t.doctorException).toBeNull();
  });

  it('refuses an approval where none applies: an adult, or a treatment the Act does not cover', async () => {
    const { api, clientId } = await setUp();
    const adult = await api.dispatch('treatments.create', filler(clientId, { treatedOn: '2026-11-21', doctorException: DOCTOR }));
    expect(!adult.ok && adult.error.issues?.map((i) => i.field)).toEqual(['doctorException']);
    const peel = await api.dispatch('treatments.create', { clientId, treatedOn: '2026-11-20', typeId: 'tt_chemical_peel', doctorException: DOCTOR, medicalHistoryReviewed: true });
    expect(!peel.ok && peel.error.issues?.map((i) => i.field)).toEqual(['doctorException']);
    expect(stored(api)).toBe(0);
  });

  it("accepts a 17-year-old's chemical peel, but not a skin booster: an injected hyaluronic acid counts as a filler", async () => {
    const { api, clientId } = await setUp();
    const peel = await api.call('treatments.create', { clientId, treatedOn: '2026-11-20', typeId: 'tt_chemical_peel', product: 'Glycolic 30%', medicalHistoryReviewed: true });
    expect(peel.typeName).toBe('Chemical peel');
    const booster = await api.dispatch('treatments.create', filler(clientId, { typeId: 'tt_skin_booster', product: 'Profhilo' }));
    expect(!booster.ok && booster.error.code).toBe('UNDER_18');
    expect(stored(api)).toBe(1);
  });

  it('applies to a custom injectable whose toxin/filler answer was never given (saved before the question was required)', async () => {
    const { api, clientId } = await setUp();
    const prp = await api.call('treatmentTypes.save', { name: 'PRP injection', injectable: true, toxinOrFiller: false });
    // What migration 0016 leaves for a custom injectable whose box was left unticked.
    db(api).prepare('UPDATE treatment_types SET toxin_or_filler_answered = 0 WHERE id = ?').run(prp.id);
    const r = await api.dispatch('treatments.create', filler(clientId, { typeId: prp.id, product: 'PRP kit' }));
    expect(!r.ok && r.error.code).toBe('UNDER_18');
    await api.call('treatmentTypes.save', { id: prp.id, name: 'PRP injection', injectable: true, toxinOrFiller: false });
    expect((await api.call('treatments.create', filler(clientId, { typeId: prp.id, product: 'PRP kit' }))).typeName).toBe('PRP injection');
  });

  it('follows the catalogue: a custom type marked toxin-or-filler is covered; unmarked, it is not', async () => {
    const { api, clientId } = await setUp();
    const cannula = await api.call('treatmentTypes.save', { name: 'Cannula filler', injectable: true, toxinOrFiller: true });
    const r = await api.dispatch('treatments.create', filler(clientId, { typeId: cannula.id }));
    expect(!r.ok && r.error.code).toBe('UNDER_18');
    await api.call('treatmentTypes.save', { id: cannula.id, name: 'Cannula filler', injectable: true, toxinOrFiller: false });
    expect((await api.call('treatments.create', filler(clientId, { typeId: cannula.id }))).typeName).toBe('Cannula filler');
  });

  it('needs a date of birth to check the rule', async () => {
    const { api } = await setUp();
    const noDob = insertClientWithoutDob(db(api));
    const r = await api.dispatch('treatments.create', filler(noDob));
    expect(!r.ok && r.error.issues?.map((i) => i.field)).toEqual(['clientId']);
    expect(stored(api)).toBe(0);
  });
});
