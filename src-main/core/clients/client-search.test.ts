/** clients.search against a real vault: every way reception types a name, number or code. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientRecord } from '../../contract/record-types';
import { createTestVault, type TestVault } from '../test-support/temp-vault';
import { identityOf, newClient } from '../test-support/test-clients';

let tv: TestVault;
const c: Record<string, ClientRecord> = {};

async function search(query: string, limit = 20) {
  return (await tv.api.call('clients.search', { query, limit })).results;
}
const ids = async (query: string) => (await search(query)).map((h) => h.id);

beforeAll(async () => {
  tv = await createTestVault();
  const add = async (key: string, overrides: Parameters<typeof newClient>[0]) => {
    c[key] = await tv.api.call('clients.create', newClient(overrides));
    tv.clock.advance(1000); // each one a second more recent than the last
  };
  await add('zoe', {});
  await add('wisniewska', { firstName: 'Agnieszka', lastName: 'Wiśniewska', email: 'aga.w@example.pl', mobile: '+44 7700 900456', postcode: 'BS10 5AB', dateOfBirth: '1975-03-09' });
  await add('annabel', { firstName: 'Annabel', lastName: 'Hart', email: 'annabel@example.com', mobile: '07700 900789', postcode: 'SW1A 1AA', dateOfBirth: '1990-12-01' });
  await add('ann', { firstName: 'Ann', lastName: 'Hartley', email: 'ann.hartley@example.com', mobile: '0117 496 0000', otherPhones: [{ label: 'Work', number: '07700 900321' }], postcode: 'BS1 6XN', dateOfBirth: '1960-07-30' });
  await add('zoeOther', { firstName: 'Zoe', lastName: 'Hartley-Jones', email: 'zhj@example.com', mobile: '07700 900555', postcode: 'BA1 1AA' });
});
afterAll(() => tv.cleanup());

describe('search by name', () => {
  it.each([
    ['zoe', ['zoeOther', 'zoe']],
    ['ZOË', ['zoeOther', 'zoe']],
    ['wisn', ['wisniewska']],
    ['wisniewska agn', ['wisniewska']],
    ['agnieszka wiśniewska', ['wisniewska']],
  ])('%s', async (query, expected) => {
    expect(await ids(query)).toEqual(expected.map((k) => c[k]!.id));
  });

  it('puts the exact full name first, in either order', async () => {
    expect((await ids('zoe hartley'))[0]).toBe(c.zoe!.id);
    expect((await ids('Hartley Zoë'))[0]).toBe(c.zoe!.id);
    expect((await search('zoe hartley'))[0]?.matchedOn).toBe('name');
  });

  it('ranks a whole-word match above a longer name it begins', async () => {
    expect((await ids('ann'))[0]).toBe(c.ann!.id);
    expect(await ids('ann')).toContain(c.annabel!.id);
  });

  it('breaks ties by the most recent interaction, and moves a client up when they are updated', async () => {
    const before = await ids('hartley');
    expect(before.indexOf(c.zoeOther!.id)).toBeLessThan(before.indexOf(c.zoe!.id));
    tv.clock.advance(60_000);
    const updated = await tv.api.call('clients.update', { clientId: c.zoe!.id, changes: { ...identityOf(c.zoe!), occupation: 'Nurse' } });
    expect(updated.lastInteractionAt > c.zoe!.lastInteractionAt).toBe(true);
    c.zoe = updated;
    const after = await ids('hartley');
    expect(after.indexOf(c.zoe.id)).toBeLessThan(after.indexOf(c.zoeOther!.id));
  });

  it('finds a client by their new name after an update, and not by the old one', async () => {
    const x = await tv.api.call('clients.create', newClient({ firstName: 'Priscilla', lastName: 'Oldname', mobile: '07700 900999', email: 'p@example.com', postcode: 'GL1 1AA' }));
    await tv.api.call('clients.update', { clientId: x.id, changes: { ...identityOf(x), lastName: 'Newname' } });
    expect(await ids('priscilla newname')).toEqual([x.id]);
    expect(await ids('oldname')).toEqual([]);
  });
});

describe('search by phone, email, postcode and date of birth', () => {
  it.each([
    ['07700 900123', 'zoe'],
    ['+44 7700 900123', 'zoe'],
    ['+44 (0)7700 900123', 'zoe'],
    ['0044 7700 900123', 'zoe'],
    ['7700900123', 'zoe'],
    ['07700900456', 'wisniewska'],
    ['0117 496', 'ann'],
    ['07700 900321', 'ann'], // another number, not the mobile
    ['900321', 'ann'], // the end of a number
  ])('phone %s', async (query, key) => {
    const hits = await search(query);
    expect(hits.map((h) => h.id)).toEqual([c[key]!.id]);
    expect(hits[0]?.matchedOn).toBe('phone');
  });

  it('phone prefixes with or without the 0', async () => {
    const all = ['zoe', 'wisniewska', 'annabel', 'zoeOther'].map((k) => c[k]!.id).sort();
    expect((await ids('07700 9')).sort()).toEqual(expect.arrayContaining(all));
    expect((await ids('77009')).sort()).toEqual(expect.arrayContaining(all));
  });

  it.each([
    ['aga.w@example.pl', 'wisniewska'],
    ['AGA.W@EXAMPLE.PL', 'wisniewska'],
    ['aga.w@', 'wisniewska'],
    ['ann.hart', 'ann'],
    ['annabel@exa', 'annabel'],
  ])('email %s', async (query, key) => {
    const hits = await search(query);
    expect(hits.map((h) => h.id)).toEqual([c[key]!.id]);
    expect(hits[0]?.matchedOn).toBe('email');
  });

  it.each([
    ['BS1 4DJ', ['zoe']],
    ['bs14dj', ['zoe']],
    ['sw1a1aa', ['annabel']],
    ['SW1A', ['annabel']],
    ['BS1 6', ['ann']],
  ])('postcode %s', async (query, keys) => {
    const hits = await search(query);
    expect(hits.map((h) => h.id)).toEqual(keys.map((k) => c[k]!.id));
    expect(hits[0]?.matchedOn).toBe('postcode');
  });

  it('an outward code finds that district first, then the districts it begins', async () => {
    // BS1 (Zoë, Ann), then BS10 (Agnieszka).
    const hits = await ids('BS1');
    expect(hits.slice(0, 2).sort()).toEqual([c.zoe!.id, c.ann!.id].sort());
    expect(hits[2]).toBe(c.wisniewska!.id);
  });

  it.each([
    ['09/03/1975', 'wisniewska'],
    ['9/3/1975', 'wisniewska'],
    ['1975-03-09', 'wisniewska'],
    ['30.07.1960', 'ann'],
  ])('date of birth %s', async (query, key) => {
    const hits = await search(query);
    expect(hits.map((h) => h.id)).toEqual([c[key]!.id]);
    expect(hits[0]?.matchedOn).toBe('dob');
  });
});

describe('the empty box and the hit itself', () => {
  it('an empty query lists the most recently active clients, newest first', async () => {
    const hits = await search('   ', 3);
    expect(hits).toHaveLength(3);
    expect(hits.every((h) => h.matchedOn === 'recent')).toBe(true);
    const records = await Promise.all(hits.map((h) => tv.api.call('clients.get', { clientId: h.id })));
    const times = records.map((r) => r.lastInteractionAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('returns what a results list shows, including the last visit', async () => {
    const [hit] = await search('aga.w@example.pl');
    expect(hit).toEqual({
      id: c.wisniewska!.id,
      firstName: 'Agnieszka',
      lastName: 'Wiśniewska',
      preferredName: '',
      dateOfBirth: '1975-03-09',
      postcode: 'BS10 5AB',
      email: 'aga.w@example.pl',
      mobile: '+447700900456', // stored in E.164 whatever was typed
      lastVisitOn: null,
      matchedOn: 'email',
    });
  });

  it('respects the limit and is not written to the audit log', async () => {
    expect(await search('', 2)).toHaveLength(2);
    const before = (await tv.api.call('audit.list', { limit: 500 })).entries.length;
    for (const q of ['z', 'zo', 'zoe']) await search(q);
    expect((await tv.api.call('audit.list', { limit: 500 })).entries.length).toBe(before);
  });
});
