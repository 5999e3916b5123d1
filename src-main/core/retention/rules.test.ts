/**
 * The retention date rules, table-driven (issue #13 item 2): the defaults,
 * the children's rules, an owner's own periods, and the calendar's edges.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PERIODS } from './policy-store';
import { addMonths, addYears, clinicalRetention, keptUntilDate, periodInWords, personalRetention, requestRetention } from './rules';

describe('clinicalRetention with the default policy (10 years; NHS RM Code for under-18s)', () => {
  it.each([
    // last treatment, date of birth, kept until, rule, trigger
    ['2026-11-20', '1984-03-09', '2036-11-20', 'clinical-after-last-treatment', '2026-11-20'],
    ['2026-11-20', null, '2036-11-20', 'clinical-after-last-treatment', '2026-11-20'],
    // Treated at 12: the 25th birthday (2039) is later than ten years on (2036).
    ['2026-06-01', '2014-02-10', '2039-02-10', 'clinical-under-18-until-25', '2014-02-10'],
    // Treated at 15, ten years on is the day before the 25th birthday: the birthday is a day later.
    ['2026-01-10', '2011-01-11', '2036-01-11', 'clinical-under-18-until-25', '2011-01-11'],
    // Treated at 17: ten years on (2036) is later than the 26th birthday (2035).
    ['2026-06-01', '2009-01-01', '2036-06-01', 'clinical-after-last-treatment', '2026-06-01'],
    // Treated on their 18th birthday: an adult.
    ['2026-03-09', '2008-03-09', '2036-03-09', 'clinical-after-last-treatment', '2026-03-09'],
    // Treated the day before their 18th birthday, at 17, with the 26th birthday earlier than ten years on.
    ['2026-03-08', '2008-03-09', '2036-03-08', 'clinical-after-last-treatment', '2026-03-08'],
    // Born on 29 February, treated at 10: the 25th birthday in a year without one is 28 February.
    ['2014-06-01', '2004-02-29', '2029-02-28', 'clinical-under-18-until-25', '2004-02-29'],
  ] as const)('last treated %s, born %s → %s (%s)', (last, dob, until, rule, trigger) => {
    expect(clinicalRetention(last, dob, DEFAULT_PERIODS)).toMatchObject({ retainUntil: until, rule, triggerDate: trigger });
  });

  it('names the date of birth as the trigger for the children’s rules and the last treatment otherwise', () => {
    expect(clinicalRetention('2026-06-01', '2014-02-10', DEFAULT_PERIODS).triggerKind).toBe('date-of-birth');
    expect(clinicalRetention('2026-06-01', '1980-02-10', DEFAULT_PERIODS).triggerKind).toBe('last-treatment');
  });
});

describe('clinicalRetention with the owner’s own periods', () => {
  const eight = { ...DEFAULT_PERIODS, clinicalMonthsAfterLastTreatment: 96 };
  it.each([
    // Aged 17 when treatment ended: the 26th birthday (2035-01-01) is later than eight years on (2034-06-01).
    ['2026-06-01', '2009-01-01', eight, '2035-01-01', 'clinical-aged-17-until-26'],
    // Aged 16: the 25th birthday (2034-01-01) is later than eight years on (2033-06-01).
    ['2025-06-01', '2009-01-01', eight, '2034-01-01', 'clinical-under-18-until-25'],
    // Children kept to 30 by the owner's choice.
    ['2026-06-01', '2014-02-10', { ...DEFAULT_PERIODS, childUntilBirthday: 30 }, '2044-02-10', 'clinical-under-18-until-25'],
    // 15 years (180 months).
    ['2026-11-20', '1984-03-09', { ...DEFAULT_PERIODS, clinicalMonthsAfterLastTreatment: 180 }, '2041-11-20', 'clinical-after-last-treatment'],
  ] as const)('last treated %s, born %s → %s under %o', (last, dob, policy, until, rule) => {
    expect(clinicalRetention(last, dob, policy)).toMatchObject({ retainUntil: until, rule });
  });
});

describe('personal data and request records', () => {
  it.each([
    // last interaction, months, kept until
    ['2023-11-22', 36, '2026-11-22'],
    ['2024-02-29', 36, '2027-02-28'],
    ['2025-08-31', 18, '2027-02-28'],
    ['2026-01-31', 1, '2026-02-28'],
  ] as const)('last interaction %s + %i months → %s', (last, months, until) => {
    const r = personalRetention(last, { ...DEFAULT_PERIODS, personalMonthsAfterLastInteraction: months });
    expect(r).toEqual({ rule: 'personal-after-last-interaction', triggerKind: 'last-interaction', triggerDate: last, retainUntil: until });
  });

  it('keeps a closed request’s record the policy’s months after it closed', () => {
    expect(requestRetention('2023-05-04', DEFAULT_PERIODS)).toEqual({
      rule: 'request-after-closing',
      triggerKind: 'request-closed',
      triggerDate: '2023-05-04',
      retainUntil: '2026-05-04',
    });
    expect(requestRetention('2023-05-04', { ...DEFAULT_PERIODS, requestMonthsAfterClosing: 72 }).retainUntil).toBe('2029-05-04');
  });
});

describe('keptUntilDate (the erasure preview’s date, under the owner’s policy)', () => {
  it.each([
    ['2026-11-20', '1984-03-09', DEFAULT_PERIODS, '2036-11-20', 'after-last-treatment'],
    ['2026-06-01', '2014-02-10', DEFAULT_PERIODS, '2039-02-10', 'under-18-until-25'],
    ['2026-06-01', '2009-01-01', { ...DEFAULT_PERIODS, clinicalMonthsAfterLastTreatment: 96 }, '2035-01-01', 'aged-17-until-26'],
    ['2026-11-20', '1984-03-09', { ...DEFAULT_PERIODS, clinicalMonthsAfterLastTreatment: 180 }, '2041-11-20', 'after-last-treatment'],
    [null, '1984-03-09', DEFAULT_PERIODS, null, 'none'],
  ] as const)('last clinical entry %s, born %s → %s (%s)', (last, dob, policy, date, rule) => {
    expect(keptUntilDate(last, dob, policy)).toEqual({ date, rule });
  });
});

describe('calendar arithmetic', () => {
  it.each([
    ['2024-02-29', 120, '2034-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2026-11-20', 120, '2036-11-20'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-03-31', 13, '2027-04-30'],
  ] as const)('%s + %i months = %s', (from, months, to) => {
    expect(addMonths(from, months)).toBe(to);
  });

  it('adds years as twelve months', () => {
    expect(addYears('2024-02-29', 10)).toBe('2034-02-28');
    expect(addYears('2004-02-29', 25)).toBe('2029-02-28');
  });

  it('says a period in words', () => {
    expect([periodInWords(120), periodInWords(12), periodInWords(18), periodInWords(1)]).toEqual(['10 years', '1 year', '18 months', '1 month']);
  });
});
