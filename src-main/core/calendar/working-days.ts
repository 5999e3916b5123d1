/**
 * Working days for the statutory deadlines: Monday to Friday, less the clinic's
 * bank holidays (its region's, with the owner's changes). The ICO's method rolls
 * a due date that falls on a weekend or bank holiday to the next working day
 * (docs/compliance.md, "Subject requests").
 */
import type { BankHolidayRegion } from '../../contract/types';
import type { SettingsRepo } from '../settings/settings-repo';
import { bankHolidaysFor, requireRegion } from './bank-holidays';
import { NO_HOLIDAY_CHANGES, readHolidayChanges, type HolidayChanges } from './holiday-changes';
import { isWeekend, parseIsoDay, yearOf } from './iso-days';

export type { BankHolidayRegion } from '../../contract/types';

export interface WorkingDays {
  isWorkingDay(isoDate: string): boolean;
  holidayName(isoDate: string): string | null;
  /** The same as isWorkingDay for a day number (iso-days.ts), when the calendar offers it: the deadline module's fast path. */
  isWorkingDayNumber?(day: number): boolean;
}

/** A calendar for one region; each year's holidays are worked out once, when first asked for. */
export function workingDaysFor(region: BankHolidayRegion, changes: HolidayChanges = NO_HOLIDAY_CHANGES): WorkingDays {
  requireRegion(region);
  const years = new Map<number, Map<number, string>>();
  const holidaysOf = (year: number): Map<number, string> => {
    let map = years.get(year);
    if (!map) {
      map = new Map();
      for (const h of bankHolidaysFor(region, year, changes)) if (!h.removedByOwner) map.set(parseIsoDay(h.date)!, h.name);
      years.set(year, map);
    }
    return map;
  };
  const dayOf = (iso: string): number => {
    const day = parseIsoDay(iso);
    if (day === null) throw new RangeError(`Not a date: ${iso}`);
    return day;
  };
  const isWorkingDayNumber = (day: number) => !isWeekend(day) && !holidaysOf(yearOf(day)).has(day);
  return {
    isWorkingDay: (iso) => isWorkingDayNumber(dayOf(iso)),
    holidayName(iso) {
      const day = dayOf(iso);
      return holidaysOf(yearOf(day)).get(day) ?? null;
    },
    isWorkingDayNumber,
  };
}

/** The clinic's calendar: its region's published + computed ("expected") holidays, plus the owner's added dates, minus removed ones. */
export function clinicWorkingDays(settings: SettingsRepo): WorkingDays {
  return workingDaysFor(settings.getClinic().bankHolidayRegion, readHolidayChanges(settings));
}
