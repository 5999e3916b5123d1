/**
 * GOV.UK's published bank holidays (resources/uk-bank-holidays.json, Open
 * Government Licence v3.0; source and licence in the file and in
 * resources/uk-bank-holidays.NOTICE.md).
 *
 * Imported, not read from disk: the bundler inlines the JSON into the main
 * process and core worker bundles (as it does package.json for app-version.ts),
 * so the same data is there in tests, the CLI (tsx), development and the
 * packaged app, with no path to find inside or outside app.asar.
 */
import data from '../../../resources/uk-bank-holidays.json' with { type: 'json' };
import type { BankHolidayRegion } from '../../contract/types';
import { parseIsoDay, yearOf } from './iso-days';

export interface PublishedHoliday {
  day: number;
  name: string;
  substitute: boolean;
}

interface RawFile {
  source: string;
  regions: Record<BankHolidayRegion, Array<{ date: string; name: string; note?: string }>>;
}

/** The attribution the Open Government Licence asks us to keep, shown beside the dates. */
export const BANK_HOLIDAY_SOURCE = (data as RawFile).source;

let byRegion: Map<BankHolidayRegion, Map<number, PublishedHoliday[]>> | null = null;

function load(): Map<BankHolidayRegion, Map<number, PublishedHoliday[]>> {
  if (byRegion) return byRegion;
  const out = new Map<BankHolidayRegion, Map<number, PublishedHoliday[]>>();
  for (const [region, events] of Object.entries((data as RawFile).regions) as Array<
    [BankHolidayRegion, RawFile['regions'][BankHolidayRegion]]
  >) {
    const years = new Map<number, PublishedHoliday[]>();
    for (const e of events) {
      const day = parseIsoDay(e.date);
      if (day === null) throw new Error(`uk-bank-holidays.json: ${e.date} is not a date`);
      const year = yearOf(day);
      const list = years.get(year) ?? [];
      list.push({ day, name: e.name, substitute: e.note === 'substitute day' });
      years.set(year, list);
    }
    out.set(region, years);
  }
  byRegion = out;
  return out;
}

/** A region's published holidays for a year, or null when GOV.UK has not published that year. */
export function publishedHolidays(region: BankHolidayRegion, year: number): PublishedHoliday[] | null {
  return load().get(region)?.get(year) ?? null;
}

/** The years the shipped file covers for a region, in order. */
export function publishedYears(region: BankHolidayRegion): number[] {
  return [...(load().get(region)?.keys() ?? [])].sort((a, b) => a - b);
}
