import { describe, expect, it } from 'vitest';
import { classifyQuery, dobPrefix, ftsString, parseSearchQuery, phoneAlternatives, typoPhase, type SearchPhase } from './search-query';
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
    ['06/1964', 'dob'],
    ['6.1964', 'dob'],
    ['1964', 'dob'],
    ['13/1964', 'name'],
    ['1799', 'phone'],
    ['laura o briain 1964', 'name'],
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
    ['zoe', ['name ranked: names : (("zoe" OR "zoe"*))', 'email ranked: email : "zoe"*', 'name-part broad in grams: names : ("zoe")']],
    ['ZOË', ['name ranked: names : (("zoe" OR "zoe"*))', 'email ranked: email : "zoe"*', 'name-part broad in grams: names : ("zoe")']],
    [
      'Zoe\u0308 hart',
      ['name exact: names : "zoehart"', 'name ranked: names : (("zoe" OR "zoe"*) AND ("hart" OR "hart"*))', 'name-part broad in grams: names : ("zoe" AND "hart")'],
    ],
    ['wiśn', ['name ranked: names : (("wisn" OR "wisn"*))', 'email ranked: email : "wisn"*', 'name-part broad in grams: names : ("wisn")']],
    [
      "Robert'); DROP TABLE clients;--",
      [
        'name exact: names : "robertdroptableclients"',
        'name ranked: names : (("robert" OR "robert"*) AND ("drop" OR "drop"*) AND ("table" OR "table"*) AND ("clients" OR "clients"*))',
        'name-part broad in grams: names : ("robert" AND "drop" AND "table" AND "clients")',
      ],
    ],
    [
      'NEAR(a b)',
      [
        'name exact: names : "nearab"',
        'name ranked: names : (("near" OR "near"*) AND ("a" OR "a"*) AND ("b" OR "b"*))',
        // Too short for a trigram: a one-letter word must be that word (a space either side of each indexed word).
        'name-part broad in grams: names : ("near" AND " a " AND " b ")',
      ],
    ],
    [
      'zhartley_88',
      [
        'name exact: names : "zhartley88"',
        'name ranked: names : (("zhartley" OR "zhartley"*) AND ("88" OR "88"*))',
        'email ranked: email : "zhartley88"*',
        'name-part broad in grams: names : ("zhartley" AND " 88")',
      ],
    ],
    [
      "O'Connor Niamh",
      ['name exact: names : "oconnorniamh"', 'name ranked: names : (("oconnor" OR "oconnor"*) AND ("niamh" OR "niamh"*))', 'name-part broad in grams: names : ("oconnor" AND "niamh")'],
    ],
    ['"', []],
    ['🌸', []],
    ['jane.doe@exa', ['email ranked: email : "janedoeexa"*']],
    ['Jane.Doe@Example.co.uk', ['email ranked: email : "janedoeexamplecouk"*']],
    ['12/05/1990', ['dob exact: dob : "19900512"']],
    // Part of a date of birth: a month and year, or a year (which may also begin a phone number).
    ['06/1964', ['dob broad: dob : "196406"*']],
    ['6/1964', ['dob broad: dob : "196406"*']],
    ['1964', ['dob broad: dob : "1964"*', 'phone ranked: phones : ("1964"*)']],
    // A name with a year or date of birth: every name phase keeps only those born then (a range of clients_by_birth).
    [
      'laura o briain 1964',
      [
        'name exact: names : "lauraobriain" born 1964..1964~',
        'name ranked: names : (("laura" OR "laura"*) AND ("o" OR "o"*) AND ("briain" OR "briain"*)) born 1964..1964~',
        'name-part broad in grams: names : ("laura" AND " o " AND "briain") born 1964..1964~',
      ],
    ],
    ['smith 06/1964', ['name ranked: names : (("smith" OR "smith"*)) born 1964-06..1964-06~', 'name-part broad in grams: names : ("smith") born 1964-06..1964-06~']],
    ['ann 12/06/1964', ['name ranked: names : (("ann" OR "ann"*)) born 1964-06-12..1964-06-12~', 'name-part broad in grams: names : ("ann") born 1964-06-12..1964-06-12~']],
    // Apostrophes and spaces: "o'briain" and "obriain" are the run-together name; "o briain" is that name exactly first.
    ["o'briain", ['name ranked: names : (("obriain" OR "obriain"*))', 'email ranked: email : "obriain"*', 'name-part broad in grams: names : ("obriain")']],
    ['obriain', ['name ranked: names : (("obriain" OR "obriain"*))', 'email ranked: email : "obriain"*', 'name-part broad in grams: names : ("obriain")']],
    [
      'o briain',
      ['name exact: names : "obriain"', 'name ranked: names : (("o" OR "o"*) AND ("briain" OR "briain"*))', 'name-part broad in grams: names : (" o " AND "briain")'],
    ],
    // A two-letter word is the start of a word inside the trigram index.
    [
      'jo worth',
      ['name exact: names : "joworth"', 'name ranked: names : (("jo" OR "jo"*) AND ("worth" OR "worth"*))', 'name-part broad in grams: names : (" jo" AND "worth")'],
    ],
    // Not a month: searched as words.
    ['13/1964', ['name exact: names : "131964"', 'name ranked: names : (("13" OR "13"*) AND ("1964" OR "1964"*))', 'email ranked: email : "131964"*', 'name-part broad in grams: names : (" 13" AND "1964")']],
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
    const order = (p: SearchPhase) => (p.ranked ? 'ranked' : p.broad ? 'broad' : 'exact');
    expect(parsed.phases.map((p) => `${p.matchedOn} ${order(p)}${p.index ? ` in ${p.index}` : ''}: ${p.match}${p.born ? ` born ${p.born.from}..${p.born.to}` : ''}`)).toEqual(phases);
  });

  it('never lets a quote or bracket out of a string', () => {
    expect(ftsString('a"b')).toBe('"a""b"');
    for (const q of ['a"b', 'x" OR names:*', "')--", '(((', 'a*b']) {
      const p = parseSearchQuery(q);
      if (p.kind !== 'name') continue;
      for (const { match, index } of p.phases) {
        // Every user-derived term is a quoted run of letters and digits: no syntax of its own.
        const shape = match.replace(/"[\p{L}\p{N} ]+"\*?/gu, 'T');
        if (index === 'grams') expect(shape).toMatch(/^names : \(T( AND T)*\)$/);
        else expect(shape).toMatch(/^(names|email) : (T|\((\(T OR T\)( AND )?)+\))$/);
      }
    }
  });
});

describe('dobPrefix', () => {
  it.each([
    ['12/06/1964', '19640612'],
    ['1964-06-12', '19640612'],
    ['06/1964', '196406'],
    ['6-1964', '196406'],
    ['1964', '1964'],
    ['2003', '2003'],
    ['13/1964', null],
    ['00/1964', null],
    ['1799', null],
    ['0117', null],
    ['31/02/1990', null],
  ])('%s → %s', (typed, prefix) => {
    expect(dobPrefix(typed)).toBe(prefix);
  });
});

describe('the typo phase', () => {
  it('adds the spellings one edit away to each word, keeping the word whole and as a prefix', () => {
    const parsed = parseSearchQuery('laura o brian 1964');
    if (parsed.kind !== 'name' || !parsed.typos) throw new Error('expected a name query');
    const phase = typoPhase(parsed.typos, new Map([['brian', ['briain', 'brain']]]));
    expect(phase).toEqual({
      match: 'names : (("laura" OR "laura"*) AND ("o" OR "o"*) AND ("brian" OR "brian"* OR "briain" OR "brain"))',
      matchedOn: 'similar-name',
      ranked: false,
      broad: true,
      born: { from: '1964', to: '1964~' },
    });
  });

  it('is left out when no word has a spelling one edit away', () => {
    const parsed = parseSearchQuery('smith');
    if (parsed.kind !== 'name' || !parsed.typos) throw new Error('expected a name query');
    expect(typoPhase(parsed.typos, new Map([['smith', []]]))).toBeNull();
  });

  it('quotes every spelling, so a stored word can never become syntax', () => {
    const parsed = parseSearchQuery('smiht');
    if (parsed.kind !== 'name' || !parsed.typos) throw new Error('expected a name query');
    expect(typoPhase(parsed.typos, new Map([['smiht', ['smi"th']]]))?.match).toBe('names : (("smiht" OR "smiht"* OR "smi""th"))');
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
