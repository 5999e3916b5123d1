import { afterEach, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../contract/schemas';
import { addStaffMember, createTestVault, type TestVault } from '../test-support/temp-vault';
import { createTestClient } from '../test-support/treatment-test-clients';
import { RECALL_SQL } from './treatment-repo';

let tv: TestVault | undefined;
afterEach(() => {
  tv?.cleanup();
  tv = undefined;
});

function toxin(clientId: string, treatedOn: string, batchNumber: string, change: Partial<MethodInput<'treatments.create'>> = {}): MethodInput<'treatments.create'> {
  return { clientId, treatedOn, typeId: 'tt_toxin', product: 'Bocouture', batchNumber, batchExpiry: '2027-12-31', medicalHistoryReviewed: true, ...change };
}

describe('recall by batch', () => {
  it('finds every client who received a batch, however the number was typed, newest first', async () => {
    tv = await createTestVault();
    const { api } = tv;
    const priya = await addStaffMember(api, 'practitioner');
    const ada = await createTestClient(api, { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1985-12-10', mobile: '07700900001', email: 'ada@example.co.uk' });
    const grace = await createTestClient(api, { firstName: 'Grace', lastName: 'Hopper', dateOfBirth: '1976-12-09', mobile: '07700900002', email: '' });
    const other = await createTestClient(api, { firstName: 'Other', lastName: 'Batch', email: 'other@example.co.uk', mobile: '' });
    const a1 = await api.call('treatments.create', toxin(ada, '2026-03-02', 'AB 12-34'));
    const g1 = await api.call('treatments.create', toxin(grace, '2026-09-15', 'ab1234', { practitionerId: priya.id }));
    const a2 = await api.call('treatments.create', toxin(ada, '2026-06-30', 'Ab-12 34'));
    await api.call('treatments.create', toxin(other, '2026-07-01', 'AB12345'));
    await api.call('treatments.create', { clientId: other, treatedOn: '2026-07-01', typeId: 'tt_chemical_peel', medicalHistoryReviewed: true });

    const found = await api.call('recall.byBatch', { batchNumber: ' ab 12 34 ' });
    expect(found.batchNumber).toBe('AB1234');
    expect(found.hits.map((h) => h.treatmentId)).toEqual([g1.id, a2.id, a1.id]);
    expect(found.hits[0]).toEqual({
      clientId: grace,
      clientName: 'Grace Hopper',
      dateOfBirth: '1976-12-09',
      mobile: '+447700900002', // stored in E.164
      email: '',
      treatmentId: g1.id,
      treatedOn: '2026-09-15',
      product: 'Bocouture',
      batchNumber: 'ab1234',
      practitionerName: 'priya test',
    });
    expect(found.hits[2]).toMatchObject({ clientName: 'Ada Lovelace', practitionerName: 'Olivia Owner', batchNumber: 'AB 12-34' });

    expect((await api.call('recall.byBatch', { batchNumber: 'ZZ999' })).hits).toEqual([]);
    const audit = await api.call('audit.list', { limit: 5, action: 'recall.searched' });
    expect(audit.entries.map((e) => e.detail)).toEqual([{ hits: 0 }, { hits: 3 }]);
  });

  it('refuses a batch number with no letters or digits', async () => {
    tv = await createTestVault();
    const r = await tv.api.dispatch('recall.byBatch', { batchNumber: ' - - ' });
    expect(!r.ok && r.error.issues?.[0]?.field).toBe('batchNumber');
  });

  it('lets a practitioner search; uses the batch index', async () => {
    tv = await createTestVault();
    const priya = await addStaffMember(tv.api, 'practitioner');
    await tv.api.call('session.signIn', { username: priya.username, password: priya.password });
    expect((await tv.api.call('recall.byBatch', { batchNumber: 'AB1234' })).hits).toEqual([]);
    const db = tv.api.core.requireSession().vault.db;
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${RECALL_SQL}`).all('AB1234') as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/treatments_by_batch/);
  });
});
