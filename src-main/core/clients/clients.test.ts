import { afterEach, describe, expect, it } from 'vitest';
import { createTestVault, errorCodeOf, type TestVault } from '../test-support/temp-vault';
import { identityOf, newClient, signInAs, signInAsOwner, anotherPerson } from '../test-support/test-clients';

let tv: TestVault | undefined;
afterEach(() => {
  tv?.cleanup();
  tv = undefined;
});

// Less than the 5-minute auto-lock, so the session survives the clock moving.
const MINUTE = 60_000;

describe('client records', () => {
  it('creates, reads back and updates a client, with one history row per changed field', async () => {
    tv = await createTestVault();
    const api = tv.api;
    const created = await api.call('clients.create', newClient({ gp: { name: 'Dr Ade', practice: 'Harbour Surgery', address: '', phone: '0117 496 0123' } }));
    expect(created).toMatchObject({
      firstName: 'Zoë',
      lastName: 'Hartley',
      preferredName: '',
      dateOfBirth: '1988-04-12',
      postcode: 'BS1 4DJ',
      addressLines: ['1 Harbour Walk', 'Bristol'],
      otherPhones: [],
      gp: { name: 'Dr Ade' },
      lastVisitOn: null,
      treatmentCount: 0,
      photoCount: 0,
      openDisputes: [],
    });
    expect(created.lastInteractionAt).toBe(created.createdAt);
    expect(await api.call('clients.get', { clientId: created.id })).toEqual(created);

    tv.clock.advance(2 * MINUTE);
    const updated = await api.call('clients.update', {
      clientId: created.id,
      changes: { ...identityOf(created), mobile: '07700 900456', addressLines: ['2 Quay Street'], gp: null },
      reason: 'Client phoned with new details',
    });
    // Numbers are stored in E.164 however they were typed.
    expect(updated).toMatchObject({ mobile: '+447700900456', addressLines: ['2 Quay Street'], gp: null, email: created.email });
    // A change of contact details is a contact: the retention clock moves.
    expect(updated.lastInteractionAt > created.lastInteractionAt).toBe(true);
    expect(updated.updatedAt).toBe(updated.lastInteractionAt);

    const { changes } = await api.call('clients.history', { clientId: created.id });
    expect(changes.map((c) => [c.field, c.oldValue, c.newValue])).toEqual([
      ['addressLines', '["1 Harbour Walk","Bristol"]', '["2 Quay Street"]'],
      ['mobile', '+447700900123', '+447700900456'],
      ['gp', '{"name":"Dr Ade","practice":"Harbour Surgery","address":"","phone":"+441174960123"}', null],
    ].reverse());
    for (const c of changes) {
      expect(c).toMatchObject({ section: 'identity', changedByName: 'Olivia Owner', reason: 'Client phoned with new details', changedAt: updated.updatedAt });
    }
  });

  it('an update that changes nothing writes no history and is not a contact', async () => {
    tv = await createTestVault();
    const created = await tv.api.call('clients.create', newClient());
    tv.clock.advance(MINUTE);
    const same = await tv.api.call('clients.update', { clientId: created.id, changes: identityOf(created), reason: '' });
    expect(same.lastInteractionAt).toBe(created.lastInteractionAt);
    expect((await tv.api.call('clients.history', { clientId: created.id })).changes).toEqual([]);
  });

  it('a partial update leaves the fields it does not mention alone', async () => {
    tv = await createTestVault();
    const created = await tv.api.call('clients.create', newClient({ preferredName: 'Zo', notes: 'Prefers mornings' }));
    const updated = await tv.api.call('clients.update', { clientId: created.id, changes: { mobile: '07700 900999' } });
    expect(identityOf(updated)).toEqual({ ...identityOf(created), mobile: '+447700900999' });
    expect((await tv.api.call('clients.history', { clientId: created.id })).changes).toHaveLength(1);
    await tv.api.call('medical.update', { clientId: created.id, changes: { allergies: 'Latex', pregnant: 'no' } });
    const medical = await tv.api.call('medical.update', { clientId: created.id, changes: { medications: 'None' } });
    expect(medical).toMatchObject({ allergies: 'Latex', pregnant: 'no', medications: 'None' });
  });

  it('refuses an unknown client with NOT_FOUND', async () => {
    tv = await createTestVault();
    expect(await errorCodeOf(() => tv!.api.call('clients.get', { clientId: 'cl_missing' }))).toBe('NOT_FOUND');
    expect(await errorCodeOf(() => tv!.api.call('medical.get', { clientId: 'cl_missing' }))).toBe('NOT_FOUND');
  });

  it('audits by id only: never a name or health data', async () => {
    tv = await createTestVault();
    const c = await tv.api.call('clients.create', newClient());
    await tv.api.call('clients.get', { clientId: c.id });
    await tv.api.call('clients.update', { clientId: c.id, changes: { ...identityOf(c), lastName: 'Hartley-Ng' }, reason: 'Married' });
    await tv.api.call('medical.update', { clientId: c.id, changes: { allergies: 'Lidocaine' }, reason: '' });
    await tv.api.call('medical.get', { clientId: c.id });
    await tv.api.call('clients.history', { clientId: c.id });
    const { entries } = await tv.api.call('audit.list', { limit: 50, action: 'client.' });
    expect(entries.map((e) => e.action).reverse()).toEqual([
      'client.created',
      'client.viewed',
      'client.updated',
      'client.medical_updated',
      'client.medical_viewed',
      'client.history_viewed',
    ]);
    expect(entries.every((e) => e.subjectId === c.id)).toBe(true);
    expect(entries.find((e) => e.action === 'client.updated')?.detail).toEqual({ fields: 1 });
    // The stored log holds ids only; the viewer looks the client's name up when it shows a page (docs/audit-viewer.md).
    const stored = tv.api.core.requireSession().vault.db.prepare('SELECT * FROM audit_log').all();
    expect(JSON.stringify(stored)).not.toMatch(/Zo|Hartley|Lidocaine|Married/);
    expect(JSON.stringify(entries.map((e) => ({ ...e, clientName: null })))).not.toMatch(/Zo|Hartley|Lidocaine|Married/);
  });
});

describe('medical and lifestyle history', () => {
  it('round-trips, starting from the defaults, with each changed answer in the history', async () => {
    tv = await createTestVault();
    const c = await tv.api.call('clients.create', newClient());
    const empty = await tv.api.call('medical.get', { clientId: c.id });
    expect(empty).toMatchObject({ allergies: '', pregnant: 'unknown', reviewedOn: null, updatedAt: null });

    const medical = await tv.api.call('medical.update', {
      clientId: c.id,
      changes: { ...empty, allergies: 'Lidocaine', pregnant: 'no', reviewedOn: '2026-11-22' },
      reason: 'Consultation',
    });
    expect(medical).toMatchObject({ allergies: 'Lidocaine', pregnant: 'no', reviewedOn: '2026-11-22' });
    expect(medical.updatedAt).not.toBeNull();
    expect(await tv.api.call('medical.get', { clientId: c.id })).toEqual(medical);

    const lifestyle = await tv.api.call('lifestyle.update', {
      clientId: c.id,
      changes: { smoking: 'former', sunExposure: 'high', skincareRoutine: 'SPF 50 daily' },
      reason: '',
    });
    expect(lifestyle).toMatchObject({ smoking: 'former', sunExposure: 'high', skincareRoutine: 'SPF 50 daily' });
    expect(await tv.api.call('lifestyle.get', { clientId: c.id })).toEqual(lifestyle);

    const { changes } = await tv.api.call('clients.history', { clientId: c.id });
    expect(changes.filter((x) => x.section === 'medical').map((x) => [x.field, x.oldValue, x.newValue])).toEqual([
      ['reviewedOn', null, '2026-11-22'],
      ['pregnant', 'unknown', 'no'],
      ['allergies', '', 'Lidocaine'],
    ]);
    expect(changes.filter((x) => x.section === 'lifestyle').map((x) => x.field).sort()).toEqual(['skincareRoutine', 'smoking', 'sunExposure']);
  });

  it('refuses a review date in the future', async () => {
    tv = await createTestVault();
    const c = await tv.api.call('clients.create', newClient());
    const r = await tv.api.dispatch('medical.update', { clientId: c.id, changes: { allergies: 'None', reviewedOn: '2026-11-23' } });
    expect(!r.ok && r.error.issues).toEqual([{ field: 'reviewedOn', message: 'The review date cannot be in the future.' }]);
    expect((await tv.api.call('medical.get', { clientId: c.id })).allergies).toBe('');
  });

  it('is refused to reception, and each refusal is audit-logged', async () => {
    tv = await createTestVault();
    const c = await tv.api.call('clients.create', newClient());
    await signInAs(tv.api, 'reception');
    const calls = [
      ['medical.get', { clientId: c.id }],
      ['medical.update', { clientId: c.id, changes: { allergies: 'x' } }],
      ['lifestyle.get', { clientId: c.id }],
      ['lifestyle.update', { clientId: c.id, changes: { alcohol: 'x' } }],
    ] as const;
    for (const [method, input] of calls) {
      const r = await tv.api.dispatch(method, input);
      expect(!r.ok && r.error.code, method).toBe('FORBIDDEN');
    }
    await signInAsOwner(tv.api);
    const denied = await tv.api.call('audit.list', { limit: 10, action: 'access.denied' });
    expect(denied.entries.map((e) => e.detail?.method).sort()).toEqual(calls.map(([m]) => m).sort());
    expect((await tv.api.call('medical.get', { clientId: c.id })).allergies).toBe('');
  });
});

describe('history and disputes by role', () => {
  it('gives reception the identity history and disputes only', async () => {
    tv = await createTestVault();
    const c = await tv.api.call('clients.create', newClient());
    await tv.api.call('clients.update', { clientId: c.id, changes: { ...identityOf(c), email: 'zoe@example.com' }, reason: '' });
    await tv.api.call('medical.update', { clientId: c.id, changes: { conditions: 'Migraine' }, reason: '' });
    await tv.api.call('clients.addDispute', { clientId: c.id, section: 'medical', field: 'conditions', note: 'Says this was misdiagnosed' });
    await tv.api.call('clients.addDispute', { clientId: c.id, section: 'identity', field: 'dateOfBirth', note: 'Says the year is 1989' });

    const ownerView = await tv.api.call('clients.history', { clientId: c.id });
    expect(new Set(ownerView.changes.map((x) => x.section))).toEqual(new Set(['identity', 'medical']));
    expect(ownerView.disputes).toHaveLength(2);

    await signInAs(tv.api, 'reception');
    const receptionView = await tv.api.call('clients.history', { clientId: c.id });
    expect(receptionView.changes.map((x) => x.section)).toEqual(['identity']);
    expect(receptionView.disputes.map((d) => d.field)).toEqual(['dateOfBirth']);
    expect(JSON.stringify(receptionView)).not.toMatch(/Migraine|misdiagnosed/);
    const record = await tv.api.call('clients.get', { clientId: c.id });
    expect(record.openDisputes.map((d) => d.section)).toEqual(['identity']);
    // Nor can reception record or resolve a dispute about health data.
    const r = await tv.api.dispatch('clients.addDispute', { clientId: c.id, section: 'medical', field: 'allergies', note: 'x' });
    expect(!r.ok && r.error.code).toBe('FORBIDDEN');
  });

  it('records a dispute on a known field, shows it as open, and resolves it once', async () => {
    tv = await createTestVault();
    const c = await tv.api.call('clients.create', newClient());
    const bad = await tv.api.dispatch('clients.addDispute', { clientId: c.id, section: 'medical', field: 'shoeSize', note: 'x' });
    expect(!bad.ok && bad.error.issues?.[0]).toEqual({ field: 'field', message: '"shoeSize" is not a field of the client\'s medical history.' });

    const d = await tv.api.call('clients.addDispute', { clientId: c.id, section: 'identity', field: 'lastName', note: 'Spelt Hartly on her passport' });
    expect(d).toMatchObject({ section: 'identity', field: 'lastName', recordedByName: 'Olivia Owner', resolvedAt: null });
    expect((await tv.api.call('clients.get', { clientId: c.id })).openDisputes).toEqual([d]);

    const other = await tv.api.call('clients.create', newClient({ firstName: 'Amara', ...anotherPerson(1) }));
    expect(await errorCodeOf(() => tv!.api.call('clients.resolveDispute', { clientId: other.id, disputeId: d.id }))).toBe('NOT_FOUND');

    tv.clock.advance(MINUTE);
    await tv.api.call('clients.resolveDispute', { clientId: c.id, disputeId: d.id });
    expect(await errorCodeOf(() => tv!.api.call('clients.resolveDispute', { clientId: c.id, disputeId: d.id }))).toBe('CONFLICT');
    expect((await tv.api.call('clients.get', { clientId: c.id })).openDisputes).toEqual([]);
    const { disputes } = await tv.api.call('clients.history', { clientId: c.id });
    expect(disputes[0]?.resolvedAt).toBe(tv.clock.now().toISOString());
    const audit = await tv.api.call('audit.list', { limit: 20, action: 'client.' });
    expect(audit.entries.map((e) => e.action).filter((a) => a.startsWith('client.dispute'))).toEqual(['client.dispute_resolved', 'client.dispute_added']);
  });
});
