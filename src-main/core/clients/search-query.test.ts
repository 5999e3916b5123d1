import { describe, expect, it } from 'vitest';
import { classifyQuery, ftsString, parseSearchQuery, phoneAlternatives } from './search-query';
import { foldForSearch, searchDocumentFor } from './search-index';

describe('classifyQuery', () => {
  const table: [string, ReturnType<typeof classifyQuery>][] = [
    ['', 'recent'],
    ['   ', 'recent'],
    ['zoe', 'name'],
    ['Zoë Hartley', 'name'],
    ["o'brien", 'name'],
    ['王美玲', 'name'],
    ['jane@example.com', 'email'],
    ['jane@', 'email'],
    ['jane.doe', 'email'],
    ['J. R. Smith', 'name'],
    ['12/05/1990', 'dob'],
    ['1/5/1990', 'dob'],
    ['1990-05-12', 'dob'],
    ['31/02/1990', 'name'], // not a real date: searched as words, which finds nobody
    ['07700 900123', 'phone'],
    ['+44 7700 900123', 'phone'],
    ['+44 (0)7700 900123', 'phone'],
    ['7700900123', 'phone'],
    ['900123', 'phone'],
    ['BS1 4DJ', 'postcode'],
    ['bs14dj', 'postcode'],
    ['BS1', 'postcode'],
    ['SW1A', 'postcode'],
    ['bs1 4', 'postcode'],
    ['BS', 'name'],
  ];
  it.each(table)('%j → %s', (query, kind) => {
    expect(classifyQuery(query)).toBe(kind);
  });
});

describe('the FTS5 expression builder', () => {
  // [typed, phases as "matchedOn ranked|exact: MATCH"]; [] means nothing to search for.
  const table: [string, string[]][] = [
    ['zoe', ['name ranked: names : (("zoe" OR "zoe"*))', 'email ranked: email : "zoe"*']],
    ['ZOË', ['name ranked: names : (("zoe" OR "zoe"*))', 'email ranked: email : "zoe"*']],
    ['Zoe\u0308 hart', ['name exact: names : "zoehart"', 'name ranked: names : (("zoe" OR "zoe"*) AND ("hart" OR "hart"*))']],
    ['wiśn', ['name ranked: names : (("wisn" OR "wisn"*))', 'email ranked: email : "wisn"*']],
    [
      "Robert'); DROP TABLE clients;--",
      [
        'name exact: names : "robertdroptableclients"',
        'name ranked: names : (("robert" OR "robert"*) AND ("drop" OR "drop"*) AND ("table" OR "table"*) AND ("clients" OR "clients"*))',
      ],
    ],
    ['NEAR(a b)', ['name exact: names : "nearab"', 'name ranked: names : (("near" OR "near"*) AND ("a" OR "a"*) AND ("b" OR "b"*))']],
    ['zhartley_88', ['name exact: names : "zhartley88"', 'name ranked: names : (("zhartley" OR "zhartley"*) AND ("88" OR "88"*))', 'email ranked: email : "zhartley88"*']],
    ["O'Connor Niamh", ['name exact: names : "oconnorniamh"', 'name ranked: names : (("oconnor" OR "oconnor"*) AND ("niamh" OR "niamh"*))']],
    ['"', []],
    ['🌸', []],
    ['jane.doe@exa', ['email ranked: email : "janedoeexa"*']],
    ['Jane.Doe@Example.co.uk', ['email ranked: email : "janedoeexamplecouk"*']],
    ['12/05/1990', ['dob exact: dob : "19900512"']],
    ['07700 900123', ['phone ranked: phones : ("07700900123"* OR "7700900123"*)']],
    ['(07700) 900 123', ['phone ranked: phones : ("07700900123"* OR "7700900123"*)']],
    ['+44 7700 900123', ['phone ranked: phones : ("447700900123"* OR "7700900123"*)']],
    ['900123', ['phone ranked: phones : ("900123"*)']],
    ['07', []],
    ['BS1 4DJ', ['postcode exact: postcode : "bs14dj"']],
    ['BS1', ['postcode exact: postcode : "bs1"', 'postcode ranked: postcode : "bs1"*']],
    ['bs1 4', ['postcode ranked: postcode : "bs1 4"*']],
  ];
  it.each(table)('%j', (query, phases) => {
    const parsed = parseSearchQuery(query);
    if (phases.length === 0) {
      expect(parsed.kind).toBe('nothing');
      return;
    }
    if (!('phases' in parsed)) throw new Error(`expected phases, got ${parsed.kind}`);
    expect(parsed.phases.map((p) => `${p.matchedOn} ${p.ranked ? 'ranked' : 'exact'}: ${p.match}`)).toEqual(phases);
  });

  it('never lets a quote or bracket out of a string', () => {
    expect(ftsString('a"b')).toBe('"a""b"');
    for (const q of ['a"b', 'x" OR names:*', "')--", '(((', 'a*b']) {
      const p = parseSearchQuery(q);
      if (p.kind !== 'name') continue;
      for (const { match } of p.phases) {
        // Every user-derived term is a quoted run of letters and digits: no syntax of its own.
        expect(match.replace(/"[\p{L}\p{N} ]+"\*?/gu, 'T')).toMatch(/^(names|email) : (T|\((\(T OR T\)( AND )?)+\))$/);
      }
    }
  });
});

describe('phone alternatives', () => {
  it.each([
    ['07700 900123', ['07700900123', '7700900123']],
    ['+44 (0) 7700 900123', ['4407700900123', '7700900123']],
    ['0044 7700 900123', ['00447700900123', '0447700900123', '7700900123']],
    ['7700 9', ['77009']],
    ['07', []],
  ])('%s', (typed, alts) => {
    expect(phoneAlternatives(typed)).toEqual(alts);
  });
});

describe('searchDocumentFor', () => {
  it('folds names and shapes phones, email, postcode and date of birth', () => {
    const doc = searchDocumentFor({
      firstName: 'Zoë 🌸',
      lastName: "O'Brien-Wiśniewska",
      preferredName: '',
      dateOfBirth: '1988-04-12',
      email: 'Zoe.OBrien@Example.co.uk',
      mobile: '07700 900123',
      otherPhones: [{ label: 'Work', number: '+44 117 496 0000' }],
      postcode: 'BS1 4DJ',
    });
    expect(doc.names.split(' ')).toEqual(expect.arrayContaining(['zoe', 'o', 'brien', 'wisniewska', 'obrienwisniewska', 'zoeobrienwisniewska']));
    expect(doc.phones.split(' ')).toEqual(expect.arrayContaining(['7700900123', '900123', '1174960000', '4960000']));
    expect(doc.email).toBe('zoeobrienexamplecouk zoe obrien');
    expect(doc.postcode).toBe('bs1 4dj bs14dj');
    expect(doc.dob).toBe('19880412');
  });

  it('indexes the tails of names written without spaces', () => {
    const doc = searchDocumentFor({ firstName: '美玲', lastName: '王', preferredName: '', dateOfBirth: '', email: '', mobile: '', otherPhones: [], postcode: '' });
    expect(doc.names.split(' ')).toEqual(expect.arrayContaining(['美玲', '玲', '王', '美玲王', '王美玲']));
  });

  it.each([
    ['Zoë', 'zoe'],
    ['Zoe\u0308', 'zoe'],
    ['ŁUKASZ', 'lukasz'],
    ['Søren Straße', 'soren strasse'],
    ['فَاطِمَة', 'فاطمة'],
    ['김민지', '김민지'],
  ])('folds %s to %s', (text, folded) => {
    expect(foldForSearch(text)).toBe(folded);
  });
});
