import { describe, expect, it } from 'vitest';
import { addYears, keptUntilDate } from './retention-dates';

describe('keptUntilDate (10 years after the last treatment; NHS RM Code for under-18s)', () => {
  it.each([
    // last treatment, date of birth, kept until, rule
    ['2026-11-20', '1984-03-09', '2036-11-20', 'after-last-treatment'],
    ['2026-11-20', null, '2036-11-20', 'after-last-treatment'],
    // Treated at 12: the 25th birthday (2039) is later than ten years on (2036).
    ['2026-06-01', '2014-02-10', '2039-02-10', 'under-18-until-25'],
    // Treated at 15, the day before the 25th birthday is ten years on: the birthday is a day later.
    ['2026-01-10', '2011-01-11', '2036-01-11', 'under-18-until-25'],
    // Treated at 17: ten years on (2036) is later than the 26th birthday (2035).
    ['2026-06-01', '2009-01-01', '2036-06-01', 'after-last-treatment'],
    [null, '1984-03-09', null, 'none'],
  ] as const)('last treated %s, born %s → %s (%s)', (last, dob, until, rule) => {
    expect(keptUntilDate(last, dob)).toEqual({ date: until, rule });
  });

  it('keeps someone who was 17 when treatment ended until their 26th birthday when that is later', () => {
    // With an 8-year period (the clinic's setting once #13 makes it one): 2034-06-01 < 26th birthday 2035-01-01.
    expect(keptUntilDate('2026-06-01', '2009-01-01', 8)).toEqual({ date: '2035-01-01', rule: 'aged-17-until-26' });
    // Aged 16 when treatment ended: the 25th birthday, 2034-01-01, is later than eight years on (2033-06-01).
    expect(keptUntilDate('2025-06-01', '2009-01-01', 8)).toEqual({ date: '2034-01-01', rule: 'under-18-until-25' });
  });

  it('adds years keeping the day, 29 February becoming 28 February', () => {
    expect(addYears('2024-02-29', 10)).toBe('2034-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2026-11-20', 10)).toBe('2036-11-20');
  });
});
