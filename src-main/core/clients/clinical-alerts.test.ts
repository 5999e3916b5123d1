/**
 * Clinical alerts through the contract (issue #10 item 3): who receives them,
 * what they say, that showing them is logged by id only, and that "today"
 * comes from the clock port (the test clock's London day is 22/11/2026).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestVault, type TestVault } from '../test-support/temp-vault';
import { newClient, signInAs, signInAsOwner } from '../test-support/test-clients';

let tv: TestVault | undefined;
afterEach(() => {
  tv?.cleanup();
  tv = undefined;
});

const DAY = 24 * 3600_000;

async function clientWithHistory(api: TestVault['api']) {
  const c = await api.call('clients.create', newClient({ dateOfBirth: '2009-12-01' }));
  await api.call('medical.update', {
    clientId: c.id,
    changes: { allergies: 'Lidocaine: hives', contraindications: 'Keloid scarring', pregnant: 'yes', reviewedOn: '2026-01-10' },
    reason: '',
  });
  return c.id;
}

describe('clinical alerts by role', () => {
  it('gives a practitioner every alert, with the texts as the client gave them', async () => {
    tv = await createTestVault();
    const clientId = await clientWithHistory(tv.api);
    await signInAs(tv.api, 'practitioner');
    const r = await tv.api.call('clients.clinicalAlerts', { clientId });
    expect(r).toEqual({
      clientId,
      alerts: [
        { kind: 'allergies', text: 'Lidocaine: hives' },
        { kind: 'contraindications', text: 'Keloid scarring' },
        { kind: 'pregnant' },
        { kind: 'under-18', age: 16 },
      ],
      reviewedOn: '2026-01-10',
      reviewMonths: 12,
      reviewRequired: false,
    });
  });

  it('refuses reception, logs the refusal, and sends nothing clinical', async () => {
    tv = await createTestVault();
    const clientId = await clientWithHistory(tv.api);
    await signInAs(tv.api, 'reception');
    const r = await tv.api.dispatch('clients.clinicalAlerts', { clientId });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('FORBIDDEN');
    expect(JSON.stringify(r)).not.toMatch(/Lidocaine|Keloid|pregnan/i);
    await signInAsOwner(tv.api);
    const denied = await tv.api.call('audit.list', { limit: 5, action: 'access.denied' });
    expect(denied.entries.map((e) => e.detail?.method)).toContain('clients.clinicalAlerts');
  });

  it('logs each showing against the client, by id and count only', async () => {
    tv = await createTestVault();
    const clientId = await clientWithHistory(tv.api);
    await tv.api.call('clients.clinicalAlerts', { clientId });
    const { entries } = await tv.api.call('audit.list', { limit: 1, action: 'client.alerts_viewed' });
    expect(entries[0]).toMatchObject({ action: 'client.alerts_viewed', subjectType: 'client', subjectId: clientId, detail: { alerts: 4 } });
    expect(JSON.stringify(entries)).not.toMatch(/Lidocaine|Keloid/);
  });

  it('answers NOT_FOUND for a client that does not exist', async () => {
    tv = await createTestVault();
    const r = await tv.api.dispatch('clients.clinicalAlerts', { clientId: 'cl_nobody' });
    expect(!r.ok && r.error.code).toBe('NOT_FOUND');
  });
});

describe('review due, by the clock and the setting', () => {
  it('becomes due when the clock passes 12 months, and sooner when the owner shortens the period', async () => {
    tv = await createTestVault();
    const c = await tv.api.call('clients.create', newClient());
    await tv.api.call('medical.update', { clientId: c.id, changes: { reviewedOn: '2026-06-01' }, reason: '' });
    const due = async () => (await tv!.api.call('clients.clinicalAlerts', { clientId: c.id })).reviewRequired;

    expect(await due()).toBe(false);
    await tv.api.call('settings.update', { medicalReviewMonths: 6 });
    expect(await due()).toBe(false);
    await tv.api.call('settings.update', { medicalReviewMonths: 3 });
    expect(await due()).toBe(true);
    const r = await tv.api.call('clients.clinicalAlerts', { clientId: c.id });
    expect(r.alerts).toEqual([{ kind: 'review-due', reviewedOn: '2026-06-01', months: 3 }]);

    await tv.api.call('settings.update', { medicalReviewMonths: 12 });
    // Moving the clock on months locks the idle session, so sign in again each time.
    tv.clock.advance(191 * DAY); // 01/06/2027: exactly 12 months on is still within
    await signInAsOwner(tv.api);
    expect(await due()).toBe(false);
    tv.clock.advance(DAY);
    await signInAsOwner(tv.api);
    expect(await due()).toBe(true);
  });

  it('refuses a review period outside 1 to 60 months and keeps the old one', async () => {
    tv = await createTestVault();
    for (const bad of [0, 61, 1.5]) {
      const r = await tv.api.dispatch('settings.update', { medicalReviewMonths: bad });
      expect(!r.ok && r.error.code).toBe('VALIDATION');
    }
    expect((await tv.api.call('settings.get', undefined)).medicalReviewMonths).toBe(12);
  });
});

describe('after a death', () => {
  it('shows the date of death and no age or review alert', async () => {
    tv = await createTestVault();
    const c = await tv.api.call('clients.create', newClient({ dateOfBirth: '2010-02-02' }));
    await tv.api.call('clients.setDeceased', { clientId: c.id, deceasedOn: '2026-11-01' });
    const r = await tv.api.call('clients.clinicalAlerts', { clientId: c.id });
    expect(r.alerts).toEqual([{ kind: 'deceased', deceasedOn: '2026-11-01' }]);
  });
});
