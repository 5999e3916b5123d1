/**
 * What a client record accepts and how it keeps it: bad input is refused with
 * a message naming the field and nothing is stored; any script, emoji and
 * injection-looking text is stored exactly (in NFC) and found again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../contract/schemas';
import { createTestVault, type TestVault } from '../test-support/temp-vault';
import { anotherPerson, identityOf, newClient as zoe } from '../test-support/test-clients';

// Each test adds a client to one shared vault: each is another person, so the duplicate check stays out of the way.
let people = 0;
const newClient = (overrides: Parameters<typeof zoe>[0] = {}) => zoe({ ...anotherPerson(++people), ...overrides });

let tv: TestVault;
beforeAll(async () => {
  tv = await createTestVault();
});
afterAll(() => tv.cleanup());

async function clientCount(): Promise<number> {
  return (await tv.api.call('clients.search', { query: '', limit: 100 })).results.length;
}

describe('bad input is refused with the field and the reason, and nothing is stored', () => {
  // The vault clock says 22/11/2026.
  const cases: [string, Partial<MethodInput<'clients.create'>>, string, RegExp][] = [
    ['malformed email', { email: 'zoe@@example' }, 'email', /email address like name@example.co.uk/],
    ['malformed phone', { mobile: '12345' }, 'mobile', /UK phone number/],
    ['malformed other phone', { otherPhones: [{ label: 'Work', number: '+1 555 0100' }] }, 'otherPhones.0.number', /UK phone number/],
    ['malformed postcode', { postcode: 'BS1 4DJX' }, 'postcode', /UK postcode/],
    ['NHS number with a wrong check digit', { nhsNumber: '943 476 5918' }, 'nhsNumber', /check digit/],
    ['a date that does not exist', { dateOfBirth: '2026-02-31' }, 'dateOfBirth', /real date/],
    ['a future date of birth', { dateOfBirth: '2026-11-23' }, 'dateOfBirth', /^The date of birth cannot be in the future\.$/],
    ['a date of birth over 120 years ago', { dateOfBirth: '1906-01-01' }, 'dateOfBirth', /more than 120 years ago/],
    ['no first name', { firstName: '   ' }, 'firstName', /Enter the first name/],
    ['a note over the limit', { notes: 'x'.repeat(20_001) }, 'notes', /under 20,000 characters/],
  ];

  it.each(cases)('%s', async (_label, bad, field, message) => {
    const before = await clientCount();
    const r = await tv.api.dispatch('clients.create', newClient(bad));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION');
    expect(r.error.issues?.map((i) => i.field)).toEqual([field]);
    expect(r.error.issues?.[0]?.message).toMatch(message);
    expect(await clientCount()).toBe(before);
  });

  it('refuses a bad update and leaves the record and its history as they were', async () => {
    const c = await tv.api.call('clients.create', newClient({ firstName: 'Unchanged' }));
    const r = await tv.api.dispatch('clients.update', {
      clientId: c.id,
      changes: { ...identityOf(c), mobile: '07700 900999', dateOfBirth: '2030-01-01' },
    });
    expect(!r.ok && r.error.issues?.[0]?.field).toBe('dateOfBirth');
    expect(await tv.api.call('clients.get', { clientId: c.id })).toMatchObject({ mobile: c.mobile, dateOfBirth: c.dateOfBirth });
    expect((await tv.api.call('clients.history', { clientId: c.id })).changes).toEqual([]);
  });

  it('accepts a valid NHS number, stored as its 10 digits, and a born-today client', async () => {
    const c = await tv.api.call('clients.create', newClient({ nhsNumber: '943 476 5919', dateOfBirth: '2026-11-22' }));
    expect(c.nhsNumber).toBe('9434765919');
    expect(c.dateOfBirth).toBe('2026-11-22');
  });
});

describe('any name, any script, stored and found intact', () => {
  const names: [string, string, string, string][] = [
    // [first, last, stored first (NFC), what reception types]
    ['Zoë 🌸', 'Ng', 'Zoë 🌸', 'zoe ng'],
    ['Zoe\u0308', 'Combining', 'Zoë', 'zoë combining'],
    ['فاطمة', 'حداد', 'فاطمة', 'فاطمة حداد'],
    ['美玲', '王', '美玲', '王美玲'],
    ['Małgorzata', 'Wiśniewska', 'Małgorzata', 'wisn'],
    ['Łukasz', 'Żółć', 'Łukasz', 'lukasz zolc'],
  ];

  it.each(names)('%s %s', async (first, last, storedFirst, typed) => {
    const c = await tv.api.call('clients.create', newClient({ firstName: first, lastName: last }));
    expect(c.firstName).toBe(storedFirst);
    expect(c.lastName).toBe(last.normalize('NFC'));
    expect((await tv.api.call('clients.get', { clientId: c.id })).firstName).toBe(storedFirst);
    const { results } = await tv.api.call('clients.search', { query: typed, limit: 20 });
    expect(results.map((h) => h.id)).toContain(c.id);
  });

  it('stores combining accents in NFC, so both spellings are one name', async () => {
    const c = await tv.api.call('clients.create', newClient({ firstName: 'Re\u0301my', lastName: 'Fauré' }));
    expect(c.firstName).toBe('Rémy');
    expect(c.firstName).toHaveLength(4);
    for (const typed of ['Re\u0301my', 'Rémy', 'remy faure']) {
      expect((await tv.api.call('clients.search', { query: typed, limit: 20 })).results.map((h) => h.id)).toContain(c.id);
    }
  });
});

describe('text that looks like code is stored as text', () => {
  const sql = "Robert'); DROP TABLE clients;--";
  const html = '<img src=x onerror=alert(1)>';

  it('keeps SQL- and HTML-injection strings literally, and the table survives', async () => {
    const c = await tv.api.call('clients.create', newClient({ firstName: sql, lastName: html, occupation: sql, notes: `${html} ${sql}`, addressLines: [html] }));
    const back = await tv.api.call('clients.get', { clientId: c.id });
    expect(back).toMatchObject({ firstName: sql, lastName: html, occupation: sql, notes: `${html} ${sql}`, addressLines: [html] });
    expect((await tv.api.call('clients.search', { query: sql, limit: 5 })).results.map((h) => h.id)).toEqual([c.id]);
    expect(await clientCount()).toBeGreaterThan(1);
  });

  it('treats FTS5 syntax in the search box as words to find', async () => {
    for (const query of ['"', '*', 'NEAR(a b)', 'names:x', 'a OR b AND NOT c', "') OR 1=1 --", '^zoe', '{names}: zoe']) {
      const r = await tv.api.dispatch('clients.search', { query, limit: 5 });
      expect(r.ok, query).toBe(true);
    }
  });

  it('keeps a 10,000-character note whole', async () => {
    const note = 'Prefers afternoon appointments; ✓ consent discussed. '.repeat(200).slice(0, 10_000);
    const c = await tv.api.call('clients.create', newClient({ notes: note }));
    expect((await tv.api.call('clients.get', { clientId: c.id })).notes).toBe(note);
    const updated = await tv.api.call('clients.update', { clientId: c.id, changes: { ...identityOf(c), notes: `${note}!` } });
    expect(updated.notes).toHaveLength(10_001);
    const [change] = (await tv.api.call('clients.history', { clientId: c.id })).changes;
    expect(change).toMatchObject({ field: 'notes', oldValue: note, newValue: `${note}!` });
  });
});
