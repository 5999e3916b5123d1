/**
 * Working days for the statutory deadlines: Monday to Friday, less the clinic's
 * bank holidays (its region's, with the owner's changes). The ICO's method rolls
 * a due date that falls on a weekend or bank holiday to the next working day
 * (docs/compliance.md, "Subject requests").
 */
import type { BankHolidayRegion } from '../../contract/types';
import type { SettingsRepo } from '../settings/settings-repo';
import { bankHolidaysFor } from './bank-holidays';
import { NO_HOLIDAY_CHANGES, readHolidayChanges, type HolidayChanges } from './holiday-changes';
import { isWeekend, parseIsoDay, yearOf } from './iso-days';

export type { BankHolidayRegion } from '../../contract/types';

export interface WorkingDays {
  isWorkingDay(isoDate: string): boolean;
  holidayName(isoDate: string): string | null;
}

/** A calendar for one region; each year's holidays are worked out once, when first asked for. */
export function workingDaysFor(region: BankHolidayRegion, changes: HolidayChanges = NO_HOLIDAY_CHANGES): WorkingDays {
  const years = new Map<number, Map<string, string>>();
  const holidaysOf = (year: number): Map<string, string> => {
    let map = years.get(year);
    if (!map) {
      map = new Map();
      for (const h of bankHolidaysFor(region, year, changes)) if (!h.removedByOwner) map.set(h.date, h.name);
      years.set(year, map);
    }
    return map;
  };
  const dayOf = (iso: string): number => {
    const day = parseIsoDay(iso);
    if (day === null) throw new RangeError(`Not a date: ${iso}`);
    return day;
  };
  return {
    isWorkingDay(iso) {
      const day = dayOf(iso);
      return !isWeekend(day) && !holidaysOf(yearOf(day)).has(iso);
    },
    holidayName(iso) {
      return holidaysOf(yearOf(dayOf(iso))).get(iso) ?? null;
    },
  };
}

/** The clinic's calendar: its region's published + computed ("expected") holidays, plus the owner's added dates, minus removed ones. */
export function clinicWorkingDays(settings: SettingsRepo): WorkingDays {
  return workingDaysFor(settings.getClinic().bankHolidayRegion, readHolidayChanges(settings));
}
