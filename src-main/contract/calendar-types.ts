/** The clinic's bank-holiday calendar as the renderer and CLI see it (docs/deadlines.md). */
import type { BankHolidayRegion } from './types';

export interface BankHoliday {
  date: string; // YYYY-MM-DD
  name: string;
  /** Taken on a later weekday because the day itself fell at a weekend. */
  substitute: boolean;
  /** Computed from the statutory pattern: GOV.UK has not published this year yet. */
  expected: boolean;
  /** Added by the owner (a one-off occasion). */
  addedByOwner: boolean;
  /** Taken out by the owner: listed so it can be put back, but counted as a working day. */
  removedByOwner: boolean;
}

export interface BankHolidayYear {
  region: BankHolidayRegion;
  year: number;
  holidays: BankHoliday[];
  /** The years GOV.UK's shipped data covers for this region (others are computed, "expected"). */
  publishedFrom: number;
  publishedTo: number;
  /** The attribution kept with GOV.UK's data (Open Government Licence v3.0). */
  source: string;
}
