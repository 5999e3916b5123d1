import { describe, expect, it } from 'vitest';
import { clientRuleIssues, reviewedOnIssues, yearsBefore } from './client-rules';

describe('clientRuleIssues', () => {
  const today = '2026-11-22';
  it.each([
    ['1988-04-12', []],
    ['2026-11-22', []], // born today
    ['1906-11-22', []], // exactly 120 years
    ['2026-11-23', ['The date of birth cannot be in the future.']],
    ['2127-01-01', ['The date of birth cannot be in the future.']],
    ['1906-11-21', ['That date of birth is more than 120 years ago: check the year.']],
  ])('%s', (dateOfBirth, messages) => {
    const issues = clientRuleIssues({ dateOfBirth }, today);
    expect(issues.map((i) => i.message)).toEqual(messages);
    expect(issues.every((i) => i.field === 'dateOfBirth')).toBe(true);
  });

  it('checks nothing an update does not change', () => {
    expect(clientRuleIssues({}, today)).toEqual([]);
  });
});

describe('reviewedOnIssues', () => {
  it.each([
    [null, 0],
    [undefined, 0],
    ['2026-11-22', 0],
    ['2026-11-23', 1],
  ])('%s', (reviewedOn, n) => {
    expect(reviewedOnIssues(reviewedOn, '2026-11-22')).toHaveLength(n);
  });
});

describe('yearsBefore', () => {
  it.each([
    ['2026-11-22', 120, '1906-11-22'],
    ['2024-02-29', 1, '2023-02-28'],
    ['2024-02-29', 4, '2020-02-29'],
  ])('%s minus %i years', (today, years, expected) => {
    expect(yearsBefore(today, years)).toBe(expected);
  });
});
