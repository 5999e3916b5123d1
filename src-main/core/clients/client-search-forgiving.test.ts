/**
 * Forgiving search (issue #10 item 9, docs/forgiving-search.md) against a real
 * vault: the phone-call queries that used to find nobody, and the order they
 * come back in (exact and prefix first, inside a name next, typos last).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientRecord, ClientSearchHit } from '../../contract/record-types';
import { createTestVault, type TestVault } from '../test-support/temp-vault';
import { identityOf, newClient } from '../test-support/test-clients';

let tv: TestVault;
const c: Record<string, ClientRecord> = {};
let phone = 100;

async function search(query: string, limit = 20) {
  return (await tv.api.call('clients.search', { query, limit })).results;
}
const named = (hits: ClientSearchHit[]) => hits.map((h) => `${keyOf(h.id)} ${h.matchedOn}`);
const keyOf = (id: string) => Object.keys(c).find((k) => c[k]!.id === id) ?? id;

beforeAll(async () => {
  tv = await createTestVault();
  // Oldest first: each client is a second more recent than the one before.
  const add = async (key: string, firstName: string, lastName: string, dateOfBirth: string) => {
    c[key] = await tv.api.call(
      'clients.create',
      newClient({ firstName, lastName, dateOfBirth, email: `${key}@example.com`, mobile: `07700 900${phone++}`, postcode: 'GL1 1AA' }),
    );
    tv.clock.advance(1000);
  };
  await add('smyth', 'Anna', 'Smyth', '1979-02-02');
  await add('smith', 'Jane', 'Smith', '1980-01-01');
  await add('smithers', 'Sam', 'Smithers', '1981-03-03');
  await add('ashworth', 'Holly', 'Ashworth', '1985-04-04');
  await add('worthington', 'Amy', 'Worthington', '1986-05-05');
  await add('laura64', 'Laura', 'Ó Briain', '1964-06-12');
  await add('laura71', 'Laura', 'Ó Briain', '1971-09-30');
  await add('siobhan', 'Siobhán', "O'Briain", '1990-01-01');
  await add('brian', 'Brian', 'Kelly', '1975-07-07');
});
afterAll(() => tv.cleanup());

describe('each kind of forgiving query, in the order the desk sees', () => {
  // [typed, "client matchedOn" in result order]
  const table: [string, string[]][] = [
    // A swap of two letters in a word of five letters or more.
    ['smiht', ['smith similar-name']],
    ['ashwroth', ['ashworth similar-name']],
    // Exact word, then a longer name it begins, then a spelling one edit away.
    ['smith', ['smith name', 'smithers name', 'smyth similar-name']],
    // The start of a name before the middle of one.
    ['worth', ['worthington name', 'ashworth name-part']],
    ['holly worth', ['ashworth name-part']],
    // "brian" is a first name exactly, and "Briain" one letter added (newest first among those).
    ['brian', ['brian name', 'siobhan similar-name', 'laura71 similar-name', 'laura64 similar-name']],
    // A name with a year or a partial date of birth picks the right Laura.
    ['laura o briain 1964', ['laura64 name']],
    ['Laura Ó Briain 1971', ['laura71 name']],
    ['laura o brian 1964', ['laura64 similar-name']],
    ['o briain 06/1964', ['laura64 name']],
    ['briain 12/06/1964', ['laura64 name']],
    ['06/1964', ['laura64 dob']],
    ['1964', ['laura64 dob']],
    // Apostrophes, accents and spaces do not matter.
    ['obriain', ['siobhan name', 'laura71 name', 'laura64 name']],
    ['o briain', ['siobhan name', 'laura71 name', 'laura64 name']],
    ["o'briain", ['siobhan name', 'laura71 name', 'laura64 name']],
    ['Ó Briain', ['siobhan name', 'laura71 name', 'laura64 name']],
    ["siobhan o'briain", ['siobhan name']],
    // Limits of the rule: no typos under five letters, no look inside a name under three.
    ['smth', []],
    ['wo', ['worthington name']], // a prefix, but not Ashworth
    ['smiht 1999', []],
  ];
  it.each(table)('%j', async (query, expected) => {
    expect(named(await search(query))).toEqual(expected);
  });
});

describe('the name vocabulary follows the clients', () => {
  it('a renamed client is found by a typo of the new name and never by a typo of the old one', async () => {
    const x = await tv.api.call('clients.create', newClient({ firstName: 'Persephone', lastName: 'Quimby', mobile: '07700 900999', email: 'pq@example.com' }));
    expect(named(await search('quimbi'))).toEqual([`${x.id} similar-name`]);
    await tv.api.call('clients.update', { clientId: x.id, changes: { ...identityOf(x), lastName: 'Quincey' } });
    expect(await search('quimbi')).toEqual([]);
    expect(await search('imby')).toEqual([]);
    expect(named(await search('quinsey'))).toEqual([`${x.id} similar-name`]);
    expect(named(await search('ncey'))).toEqual([`${x.id} name-part`]);
  });

  it('a word shared by two clients stays while either still has it', async () => {
    const a = await tv.api.call('clients.create', newClient({ firstName: 'Tamsin', lastName: 'Pengelly', mobile: '07700 900801', email: 'a1@example.com' }));
    const b = await tv.api.call('clients.create', newClient({ firstName: 'Morwenna', lastName: 'Pengelly', mobile: '07700 900802', email: 'b1@example.com' }));
    await tv.api.call('clients.update', { clientId: a.id, changes: { ...identityOf(a), lastName: 'Trelawny' } });
    expect(named(await search('pengely'))).toEqual([`${b.id} similar-name`]);
  });
});
