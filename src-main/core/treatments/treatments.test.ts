import { afterEach, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../contract/schemas';
import type { CoreApi } from '../app';
import { OWNER, addStaffMember, createTestVault, errorCodeOf, type TestVault } from '../test-support/temp-vault';
import { createTestClient } from '../test-support/treatment-test-clients';

// The test clock's "today" in London is 22/11/2026.
let tv: TestVault | undefined;
afterEach(() => {
  tv?.cleanup();
  tv = undefined;
});

function toxin(clientId: string, change: Partial<MethodInput<'treatments.create'>> = {}): MethodInput<'treatments.create'> {
  return {
    clientId,
    treatedOn: '2026-11-20',
    typeId: 'tt_toxin',
    areas: ['Forehead', 'Glabella'],
    product: 'Azzalure',
    batchNumber: 'AB 12-34',
    batchExpiry: '2027-06-30',
    amount: 20,
    amountUnit: 'units',
    notes: 'Tolerated well.',
    aftercare: 'No strenuous exercise for 24 hours.',
    followUpOn: '2026-12-04',
    medicalHistoryReviewed: true,
    ...change,
  };
}

const db = (api: CoreApi) => api.core.requireSession().vault.db;
const treatmentCount = (api: CoreApi) => (db(api).prepare('SELECT count(*) AS n FROM treatments').get() as { n: number }).n;
async function visit(api: CoreApi, clientId: string) {
  const c = await api.call('clients.get', { clientId });
  return { lastVisitOn: c.lastVisitOn, lastInteractionAt: c.lastInteractionAt, treatmentCount: c.treatmentCount };
}

async function setUp() {
  tv = await createTestVault();
  return { api: tv.api, clientId: await createTestClient(tv.api) };
}

async function issuesOf(api: CoreApi, input: MethodInput<'treatments.create'>) {
  const r = await api.dispatch('treatments.create', input);
  if (r.ok) throw new Error('expected the treatment to be refused');
  expect(r.error.code).toBe('VALIDATION');
  return r.error.issues ?? [];
}

describe('recording treatments', () => {
  it('creates, reads back in full and lists newest first', async () => {
    const { api, clientId } = await setUp();
    const first = await api.call('treatments.create', toxin(clientId, { treatedOn: '2026-05-01', followUpOn: null }));
    const t = await api.call('treatments.create', toxin(clientId));
    expect(t).toMatchObject({
      clientId,
      treatedOn: '2026-11-20',
      typeId: 'tt_toxin',
      typeName: 'Botulinum toxin',
      practitionerName: 'Olivia Owner',
      createdByName: 'Olivia Owner',
      areas: ['Forehead', 'Glabella'],
      product: 'Azzalure',
      batchNumber: 'AB 12-34',
      batchExpiry: '2027-06-30',
      amount: 20,
      amountUnit: 'units',
      consentFormFileId: null,
      followUpOn: '2026-12-04',
      adverseEvent: '',
      mhraReported: false,
      doctorException: null,
      createdAt: '2026-11-22T09:00:00.000Z',
    });
    expect(t.id).toMatch(/^tr_/);
    expect(await api.call('treatments.get', { treatmentId: t.id })).toEqual(t);
    expect((await api.call('treatments.list', { clientId })).map((x) => x.id)).toEqual([t.id, first.id]);

    const audit = (await api.call('audit.list', { limit: 20 })).entries;
    const created = audit.filter((e) => e.action === 'treatment.created');
    expect(created.map((e) => [e.subjectId, e.detail])).toEqual([[t.id, { clientId }], [first.id, { clientId }]]);
    expect(audit.find((e) => e.action === 'client.treatments_viewed')?.subjectId).toBe(clientId);
    expect(audit.find((e) => e.action === 'treatment.viewed')?.subjectId).toBe(t.id);
    // Ids only in the audit log: no names, products or notes (the viewer looks the client's name up when shown).
    expect(JSON.stringify(db(api).prepare('SELECT * FROM audit_log').all())).not.toMatch(/Azzalure|Ada|Example|Tolerated|Forehead/);
    expect(JSON.stringify(audit.map((e) => ({ ...e, clientName: null })))).not.toMatch(/Azzalure|Ada|Example|Tolerated|Forehead/);
  });

  it('updates the last visit (the later date) and last interaction in the same write', async () => {
    const { api, clientId } = await setUp();
    expect(await visit(api, clientId)).toEqual({ lastVisitOn: null, lastInteractionAt: '2026-11-22T09:00:00.000Z', treatmentCount: 0 });
    tv!.clock.advance(60_000);
    await api.call('treatments.create', toxin(clientId));
    expect(await visit(api, clientId)).toEqual({ lastVisitOn: '2026-11-20', lastInteractionAt: '2026-11-22T09:01:00.000Z', treatmentCount: 1 });
    tv!.clock.advance(60_000);
    // Recording an older treatment later does not move the last visit back.
    await api.call('treatments.create', toxin(clientId, { treatedOn: '2026-03-01', followUpOn: null }));
    expect(await visit(api, clientId)).toEqual({ lastVisitOn: '2026-11-20', lastInteractionAt: '2026-11-22T09:02:00.000Z', treatmentCount: 2 });
  });

  it('refuses an injectable without product, batch and expiry, naming each field, and stores nothing', async () => {
    const { api, clientId } = await setUp();
    const issues = await issuesOf(api, toxin(clientId, { product: '', batchNumber: '', batchExpiry: null }));
    expect(issues.map((i) => i.field)).toEqual(['product', 'batchNumber', 'batchExpiry']);
    expect(issues[1]!.message).toBe("Enter the batch or lot number: it is needed to trace a manufacturer's recall.");
    expect(treatmentCount(api)).toBe(0);
    expect((await visit(api, clientId)).lastVisitOn).toBeNull();
    expect((await api.call('audit.list', { limit: 5, action: 'treatment.created' })).entries).toHaveLength(0);
  });

  it('refuses a batch that had expired before the treatment date, and a future treatment date', async () => {
    const { api, clientId } = await setUp();
    const expired = await issuesOf(api, toxin(clientId, { batchExpiry: '2026-11-19' }));
    expect(expired).toEqual([{ field: 'batchExpiry', message: 'This batch expired on 19/11/2026, before the treatment date.' }]);
    const future = await issuesOf(api, toxin(clientId, { treatedOn: '2026-11-23', followUpOn: null }));
    expect(future).toEqual([{ field: 'treatedOn', message: 'The treatment date cannot be in the future.' }]);
    expect(treatmentCount(api)).toBe(0);
  });

  it('checks amounts, follow-ups and MHRA reports', async () => {
    const { api, clientId } = await setUp();
    const issues = await issuesOf(api, toxin(clientId, { amountUnit: null, followUpOn: '2026-11-01', mhraReported: true }));
    expect(issues.map((i) => i.field)).toEqual(['followUpOn', 'amountUnit', 'adverseEvent']);
    const reported = await api.call('treatments.create', toxin(clientId, { mhraReported: true, adverseEvent: 'Ptosis of the left eyelid', mhraReference: 'YC-123' }));
    expect(reported).toMatchObject({ mhraReported: true, adverseEvent: 'Ptosis of the left eyelid', mhraReference: 'YC-123' });
  });

  it('defaults the practitioner to whoever records it; reception and removed staff cannot be named', async () => {
    const { api, clientId } = await setUp();
    const priya = await addStaffMember(api, 'practitioner');
    const rachel = await addStaffMember(api, 'reception');
    const named = await api.call('treatments.create', toxin(clientId, { practitionerId: priya.id }));
    expect(named).toMatchObject({ practitionerId: priya.id, practitionerName: 'priya test', createdByName: 'Olivia Owner' });
    expect((await issuesOf(api, toxin(clientId, { practitionerId: rachel.id }))).map((i) => i.field)).toEqual(['practitionerId']);
    await api.call('staff.remove', { staffId: priya.id });
    expect((await issuesOf(api, toxin(clientId, { practitionerId: priya.id }))).map((i) => i.field)).toEqual(['practitionerId']);
    // A removed practitioner's past treatments still name them.
    expect((await api.call('treatments.get', { treatmentId: named.id })).practitionerName).toBe('priya test');
  });

  it('says NOT_FOUND for an unknown client or treatment, and refuses unknown or inactive types', async () => {
    const { api, clientId } = await setUp();
    expect(await errorCodeOf(() => api.call('treatments.create', toxin('cl_nobody')))).toBe('NOT_FOUND');
    expect(await errorCodeOf(() => api.call('treatments.list', { clientId: 'cl_nobody' }))).toBe('NOT_FOUND');
    expect(await errorCodeOf(() => api.call('treatments.get', { treatmentId: 'tr_nothing' }))).toBe('NOT_FOUND');
    expect((await issuesOf(api, toxin(clientId, { typeId: 'tt_nope' }))).map((i) => i.field)).toEqual(['typeId']);
    await api.call('treatmentTypes.save', { id: 'tt_laser', name: 'Laser', injectable: false, toxinOrFiller: false, active: false });
    expect((await issuesOf(api, { clientId, treatedOn: '2026-11-20', typeId: 'tt_laser' })).map((i) => i.field)).toEqual(['typeId']);
  });

  it('reception cannot read or record treatments or search recalls; each refusal is logged', async () => {
    const { api, clientId } = await setUp();
    const t = await api.call('treatments.create', toxin(clientId));
    const rachel = await addStaffMember(api, 'reception');
    await api.call('session.signIn', { username: rachel.username, password: rachel.password });
    const calls = [
      ['treatments.create', toxin(clientId)],
      ['treatments.list', { clientId }],
      ['treatments.get', { treatmentId: t.id }],
      ['recall.byBatch', { batchNumber: 'AB1234' }],
    ] as const;
    for (const [method, input] of calls) {
      const r = await api.dispatch(method, input);
      expect(!r.ok && r.error.code, method).toBe('FORBIDDEN');
    }
    await api.call('session.signIn', { username: OWNER.username, password: OWNER.password });
    expect(treatmentCount(api)).toBe(1);
    const denied = await api.call('audit.list', { limit: 10, action: 'access.denied' });
    expect(denied.entries.map((e) => e.detail?.method).sort()).toEqual(calls.map(([m]) => m).sort());
  });
});
