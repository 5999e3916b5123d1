import { describe, expect, it } from 'vitest';
import { addDays, londonMidnightUtc } from './london-time';

describe('London calendar days', () => {
  it.each([
    ['2026-01-15', '2026-01-15T00:00:00.000Z'], // GMT
    ['2026-06-01', '2026-05-31T23:00:00.000Z'], // BST
    ['2026-03-29', '2026-03-29T00:00:00.000Z'], // clocks go forward at 01:00 this day
    ['2026-03-30', '2026-03-29T23:00:00.000Z'],
    ['2026-10-25', '2026-10-24T23:00:00.000Z'], // clocks go back at 02:00 BST this day
    ['2026-10-26', '2026-10-26T00:00:00.000Z'],
  ])('midnight on %s is %s', (day, utc) => {
    expect(londonMidnightUtc(day).toISOString()).toBe(utc);
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });
});
