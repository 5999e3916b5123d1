import { afterAll, describe, expect, it } from 'vitest';

// Dates are shown in the clinic's local time; pin it (before dates.ts builds its formatters)
// so the test means the same on every machine.
const originalTz = process.env.TZ;
process.env.TZ = 'Europe/London';
afterAll(() => {
  process.env.TZ = originalTz;
});

const { ageOn, formatDate, formatDateTime, formatDay, parseUkDate, toIsoDate } = await import('./dates');

describe('formatDate', () => {
  it.each([
    ['2026-03-05T10:00:00Z', '05/03/2026'],
    ['2026-12-31T23:30:00Z', '31/12/2026'],
    ['not a date', ''],
  ])('%s -> %s', (iso, shown) => {
    expect(formatDate(iso)).toBe(shown);
  });
});

describe('formatDateTime', () => {
  it('uses DD/MM/YYYY HH:mm:ss on a 24-hour clock', () => {
    expect(formatDateTime('2026-01-15T14:07:09Z')).toBe('15/01/2026 14:07:09');
  });
  it('shows British Summer Time in summer', () => {
    expect(formatDateTime('2026-07-01T11:30:00Z')).toBe('01/07/2026 12:30:00');
  });
  it('shows midnight as 00, not 24', () => {
    expect(formatDateTime('2026-01-15T00:00:05Z')).toBe('15/01/2026 00:00:05');
  });
  it('is blank for something that is not a date', () => {
    expect(formatDateTime('')).toBe('');
  });
});

describe('parseUkDate', () => {
  it.each([
    ['31/01/2026', '2026-01-31'],
    ['1/2/2026', '2026-02-01'],
    [' 29.02.2028 ', '2028-02-29'],
    ['05-11-2026', '2026-11-05'],
    ['29/02/2026', null],
    ['31/04/2026', null],
    ['2026-01-31', '2026-01-31'], // an ISO date is unambiguous, so it is accepted too
    ['01/31/2026', null],
    ['', null],
  ])('%j -> %j', (typed, iso) => {
    expect(parseUkDate(typed)).toBe(iso);
  });
});

describe('toIsoDate', () => {
  it('pads month and day', () => {
    expect(toIsoDate(new Date(2026, 0, 5))).toBe('2026-01-05');
  });
});

describe('formatDay', () => {
  it.each([
    ['2026-03-05', '05/03/2026'],
    ['1990-12-31', '31/12/1990'],
    [null, ''],
    ['', ''],
  ])('%j -> %j', (iso, shown) => {
    expect(formatDay(iso)).toBe(shown);
  });
});

describe('ageOn', () => {
  it.each([
    ['2010-06-15', '2026-06-14', 15],
    ['2010-06-15', '2026-06-15', 16],
    ['2008-02-29', '2026-02-28', 17],
    ['2008-02-29', '2026-03-01', 18],
  ])('born %s, on %s: %i', (dob, day, age) => {
    expect(ageOn(dob, day)).toBe(age);
  });
});
