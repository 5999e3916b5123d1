import { describe, expect, it } from 'vitest';
import {
  ageOn,
  canonicalUkPhone,
  formatUkPhone,
  formatNhsNumber,
  formatUkDate,
  formatUkDateTime,
  formatUkInstantDate,
  isValidNhsNumber,
  normaliseUkPhone,
  normaliseUkPostcode,
  parseUkDate,
} from './uk-formats';

describe('UK dates', () => {
  it.each([
    ['25/12/2026', '2026-12-25'],
    ['5/3/2026', '2026-03-05'],
    ['29/02/2028', '2028-02-29'],
    ['2026-12-25', '2026-12-25'],
    ['31/02/2026', null],
    ['29/02/2027', null],
    ['12/25/2026', null],
    ['yesterday', null],
  ])('parses %s as %s', (typed, iso) => {
    expect(parseUkDate(typed)).toBe(iso);
  });

  it('shows ISO dates and instants the UK way, in London time', () => {
    expect(formatUkDate('2026-03-05')).toBe('05/03/2026');
    expect(formatUkInstantDate('2026-05-31T23:30:00.000Z')).toBe('01/06/2026'); // BST
    expect(formatUkDateTime('2026-01-15T14:07:09.000Z')).toBe('15/01/2026 14:07:09');
  });

  it.each([
    ['2008-06-15', '2026-06-14', 17],
    ['2008-06-15', '2026-06-15', 18],
    ['2008-02-29', '2026-02-28', 17],
    ['2008-02-29', '2026-03-01', 18],
    ['1990-01-01', '2026-11-22', 36],
    ['2008-12-31', '2026-01-01', 17],
    ['2008-12-31', '2026-12-31', 18],
    ['2008-01-01', '2025-12-31', 17],
    ['2008-1-5', '2026-1-5', 18],
  ])('born %s is %i years old on %s', (dob, day, age) => {
    expect(ageOn(dob, day)).toBe(age);
  });
});

describe('UK phone numbers', () => {
  it.each([
    ['07700 900123', '07700900123'],
    ['+44 7700 900123', '07700900123'],
    ['+44 (0)20 7946 0000', '02079460000'],
    ['0044 117 496 0000', '01174960000'],
    ['(0117) 496-0000', '01174960000'],
    ['12345', null],
    ['+33 1 23 45 67 89', null],
    ['0044 (0)7700 900123', '07700900123'],
    ['+44 (0)7700 900123', '07700900123'],
    ['+447700900123', '07700900123'],
    ['07700-900-123', '07700900123'],
    ['0000000000', null],
    ['07777777777', null],
    ['+44 0000 000000', null],
    ['001 212 555 0100', null],
  ])('%s → %s', (typed, normal) => {
    expect(normaliseUkPhone(typed)).toBe(normal);
  });

  it.each([
    ['+44 (0)7700 900123', '+447700900123'],
    ['0044 (0)20 7946 0000', '+442079460000'],
    ['0117 496 0000', '+441174960000'],
    ['+447700900123', '+447700900123'],
    ['0000000000', null],
    ['7700 900123', null],
  ])('stores %s as %s (E.164)', (typed, stored) => {
    expect(canonicalUkPhone(typed)).toBe(stored);
  });

  it.each([
    ['+447700900123', '07700 900123'],
    ['+442079460000', '020 7946 0000'],
    ['+441174960000', '0117 496 0000'],
    ['+441216960000', '0121 696 0000'],
    ['+441632960000', '01632 960000'],
    ['+443001234567', '0300 123 4567'],
    ['+44800123456', '0800 123456'],
    ['not a number', 'not a number'],
    ['', ''],
  ])('shows %s as %s', (stored, shown) => {
    expect(formatUkPhone(stored)).toBe(shown);
  });
});

describe('UK postcodes', () => {
  it.each([
    ['sw1a1aa', 'SW1A 1AA'],
    ['BS1  4DJ', 'BS1 4DJ'],
    ['m1 1ae', 'M1 1AE'],
    ['EH1 1YZ', 'EH1 1YZ'],
    ['12345', null],
    ['SW1A', null],
    ['gir0aa', 'GIR 0AA'],
    ['GIR 0AA', 'GIR 0AA'],
    ['W1A 0AX', 'W1A 0AX'],
    ['EC1A 1BB', 'EC1A 1BB'],
    ['CR2 6XH', 'CR2 6XH'],
    ['DN55 1PT', 'DN55 1PT'],
    ['GIR 0AB', null],
  ])('%s → %s', (typed, normal) => {
    expect(normaliseUkPostcode(typed)).toBe(normal);
  });
});

describe('NHS numbers (modulus 11)', () => {
  it.each([
    ['943 476 5919', true],
    ['9434765919', true],
    ['943-476-5919', true],
    ['9434765918', false], // wrong check digit
    ['943476591', false], // nine digits
    ['abcdefghij', false],
    ['0000000000', false], // passes the check digit, but a placeholder
    ['1111111111', false],
    ['333 333 3333', false],
  ])('%s valid: %s', (typed, valid) => {
    expect(isValidNhsNumber(typed)).toBe(valid);
  });

  it('rejects numbers whose check digit would be 10', () => {
    // 0000000010: weights give 11 - (1*2 % 11)... find one programmatically.
    const candidates = Array.from({ length: 200 }, (_, i) => String(100000000 + i));
    const tenCase = candidates.find((nine) => {
      let sum = 0;
      for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
      return 11 - (sum % 11) === 10;
    })!;
    for (let last = 0; last <= 9; last++) expect(isValidNhsNumber(`${tenCase}${last}`)).toBe(false);
  });

  it('formats 3-3-4', () => {
    expect(formatNhsNumber('9434765919')).toBe('943 476 5919');
  });
});
