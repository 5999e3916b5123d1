/**
 * Control and text-direction characters through the dispatcher, as the app,
 * the browser host and the CLI call it (docs/text-hygiene.md): a VALIDATION
 * error naming the field, and nothing stored.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestVault, type TestVault } from './test-support/temp-vault';
import { GOOD_NAMES, UNSAFE_IN_NOTES, UNSAFE_SAMPLES } from '../test-support/unsafe-text-corpus';

let tv: TestVault;
beforeEach(async () => {
  tv = await createTestVault();
});
afterEach(() => tv.cleanup());

const newClient = (firstName: string, notes = '') => ({ firstName, lastName: 'Lee', dateOfBirth: '1990-01-02', notes });

describe('text hygiene through the dispatcher', () => {
  it.each(UNSAFE_SAMPLES)('refuses %s in a name, naming the field, and stores nothing', async (_label, bad) => {
    const result = await tv.api.dispatch('clients.create', newClient(`Ann${bad}e`));
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const issues = result.ok ? [] : result.error.issues;
    expect(issues).toEqual([
      { field: 'firstName', message: 'The first name cannot contain control or text-direction characters: type it again rather than pasting it.' },
    ]);
    expect((await tv.api.call('clients.search', { query: '' })).results).toEqual([]);
  });

  it.each(UNSAFE_IN_NOTES)('refuses %s in a note, and stores nothing', async (_label, bad) => {
    const result = await tv.api.dispatch('clients.create', newClient('Ann', `First line\n${bad}`));
    expect(result.ok ? [] : result.error.issues?.map((i) => i.field)).toEqual(['notes']);
    expect((await tv.api.call('clients.search', { query: '' })).results).toEqual([]);
  });

  it('refuses them in staff names, clinic details and batch numbers too', async () => {
    const staff = await tv.api.dispatch('staff.add', { username: 'rachel', displayName: 'Rachel\u202e', role: 'reception', password: 'rachel-password-123' });
    expect(staff.ok ? [] : staff.error.issues?.map((i) => i.field)).toEqual(['displayName']);
    expect((await tv.api.call('staff.list', undefined)).map((m) => m.username)).toEqual(['olivia']);

    const settings = await tv.api.dispatch('settings.update', { clinicName: 'Riverside\u001b[31m' });
    expect(settings.ok ? [] : settings.error.issues?.map((i) => i.field)).toEqual(['clinicName']);
    expect((await tv.api.call('settings.get', undefined)).clinicName).toBe('Riverside Aesthetics');

    const recall = await tv.api.dispatch('recall.byBatch', { batchNumber: 'AB12\u0085' });
    expect(recall.ok ? [] : recall.error.issues?.map((i) => i.field)).toEqual(['batchNumber']);
  });

  it.each(GOOD_NAMES)('stores a %s name exactly as typed', async (_label, good) => {
    const created = await tv.api.call('clients.create', newClient(good, 'Line one\n\tLine two'));
    const record = await tv.api.call('clients.get', { clientId: created.id });
    expect(record.firstName).toBe(good);
    expect(record.notes).toBe('Line one\n\tLine two');
  });
});
