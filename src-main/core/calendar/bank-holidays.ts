/**
 * One region's bank holidays for a year, as the clinic's calendar uses them:
 * GOV.UK's published dates when the shipped file has the year, otherwise the
 * statutory pattern marked "expected"; then the owner's added dates, and the
 * owner's removed dates flagged (kept in the list so they can be put back).
 */
import type { BankHoliday } from '../../contract/calendar-types';
import { AppError } from '../../contract/errors';
import { BANK_HOLIDAY_REGIONS, type BankHolidayRegion } from '../../contract/types';
import { ruleHolidays } from './bank-holiday-rules';
import { publishedHolidays } from './bank-holidays-published';
import type { HolidayChanges } from './holiday-changes';
import { isoFromDay, parseIsoDay, yearOf } from './iso-days';

export type { BankHolidayRegion } from '../../contract/types';
export { BANK_HOLIDAY_REGIONS } from '../../contract/types';
export type { BankHoliday } from '../../contract/calendar-types';

/** A region name from outside (a setting, the command line) that is not one of the three is refused, not guessed. */
export function requireRegion(region: string): asserts region is BankHolidayRegion {
  if (!(BANK_HOLIDAY_REGIONS as readonly string[]).includes(region)) {
    throw new AppError('BANK_HOLIDAY_REGION_UNKNOWN', undefined, {
      issues: [{ field: 'bankHolidayRegion', message: `“${region}” is not a bank-holiday region.` }],
    });
  }
}

export function bankHolidaysFor(region: BankHolidayRegion, year: number, changes: HolidayChanges): BankHoliday[] {
  requireRegion(region);
  const published = publishedHolidays(region, year);
  const base = published ?? ruleHolidays(region, year);
  const removed = new Set(changes.removed);
  const out: BankHoliday[] = base.map((h) => {
    const date = isoFromDay(h.day);
    return {
      date,
      name: h.name,
      substitute: h.substitute,
      expected: published === null,
      addedByOwner: false,
      removedByOwner: removed.has(date),
    };
  });
  const listed = new Set(out.map((h) => h.date));
  for (const a of changes.added) {
    const day = parseIsoDay(a.date);
    if (day === null || yearOf(day) !== year || listed.has(a.date)) continue;
    out.push({ date: a.date, name: a.name, substitute: false, expected: false, addedByOwner: true, removedByOwner: false });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}
