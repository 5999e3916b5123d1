import { describe, expect, it } from 'vitest';
import { addMonthsClamped, dayFromParts, isoFromDay, parseIsoDay, weekdayOf, yearOf } from './iso-days';

describe('day numbers', () => {
  it('agree with the JavaScript Date for every day from 1900 to 2200', () => {
    const mismatches: string[] = [];
    for (let ms = Date.UTC(1900, 0, 1); ms <= Date.UTC(2200, 11, 31); ms += 86_400_000) {
      const iso = new Date(ms).toISOString().slice(0, 10);
      const day = ms / 86_400_000;
      if (
        parseIsoDay(iso) !== day ||
        isoFromDay(day) !== iso ||
        weekdayOf(day) !== new Date(ms).getUTCDay() ||
        yearOf(day) !== new Date(ms).getUTCFullYear()
      )
        mismatches.push(iso);
    }
    expect(mismatches).toEqual([]);
  });

  it.each(['2026-02-29', '2100-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-1-01', '2026/01/01', ' 2026-01-01', '2026-01-0a', ''])(
    'refuses %j',
    (bad) => expect(parseIsoDay(bad)).toBeNull(),
  );

  it('accepts 29 February in leap years, 2000 included', () => {
    expect(parseIsoDay('2028-02-29')).toBe(dayFromParts(2028, 2, 29));
    expect(parseIsoDay('2000-02-29')).not.toBeNull();
  });

  it.each([
    ['2024-09-03', 1, '2024-10-03'],
    ['2025-03-31', 1, '2025-04-30'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2027-01-31', 1, '2027-02-28'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-12-15', 1, '2027-01-15'],
  ])('%s + %i month(s) → %s', (from, months, to) => {
    expect(isoFromDay(addMonthsClamped(parseIsoDay(from)!, months))).toBe(to);
  });
});
