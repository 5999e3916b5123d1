/**
 * The statutory pattern of UK bank holidays (Banking and Financial Dealings Act
 * 1971 Sch 1, and the annual royal proclamations that have followed it), used
 * for the years GOV.UK has not yet published: docs/deadlines.md.
 *
 * - England and Wales: New Year's Day, Good Friday, Easter Monday, the first and
 *   last Mondays of May, the last Monday of August, Christmas Day, Boxing Day.
 * - Scotland: 1 and 2 January, Good Friday, the first and last Mondays of May,
 *   the first Monday of August, St Andrew's Day (30 November), Christmas Day,
 *   Boxing Day. No Easter Monday.
 * - Northern Ireland: England and Wales's, plus St Patrick's Day (17 March) and
 *   the Battle of the Boyne (12 July).
 *
 * A fixed-date holiday on a Saturday or Sunday is taken on the next weekday that
 * is not already a holiday (a "substitute day"). The names are GOV.UK's, so a
 * computed year reads like a published one.
 */
import type { BankHolidayRegion } from '../../contract/types';
import { easterSunday } from './easter';
import { dayFromParts, daysInMonth, isWeekend, weekdayOf } from './iso-days';

export interface RuleHoliday {
  day: number;
  name: string;
  /** Taken on a later weekday because the date itself fell at a weekend. */
  substitute: boolean;
}

const MONDAY = 1;

function firstMonday(year: number, month: number): number {
  const first = dayFromParts(year, month, 1);
  return first + ((MONDAY - weekdayOf(first) + 7) % 7);
}

function lastMonday(year: number, month: number): number {
  const last = dayFromParts(year, month, daysInMonth(year, month));
  return last - ((weekdayOf(last) - MONDAY + 7) % 7);
}

function nextFreeWeekday(day: number, taken: Set<number>): number {
  let d = day;
  while (isWeekend(d) || taken.has(d)) d += 1;
  return d;
}

/**
 * A run of fixed dates that can push each other (25/26 December; 1/2 January in
 * Scotland). `weekdaysFirst`: a date that is itself a weekday keeps it and the
 * weekend one moves past it (Christmas 2022: Boxing Day Mon 26, Christmas Day
 * substitute Tue 27). Otherwise in order (Scotland 2023: New Year's Day
 * substitute Mon 2, 2nd January substitute Tue 3). Both are how GOV.UK names them.
 */
function fixedRun(dates: Array<[number, string]>, weekdaysFirst: boolean): RuleHoliday[] {
  const taken = new Set<number>();
  const out: RuleHoliday[] = [];
  if (weekdaysFirst) {
    for (const [day, name] of dates) {
      if (!isWeekend(day)) {
        taken.add(day);
        out.push({ day, name, substitute: false });
      }
    }
  }
  for (const [day, name] of dates) {
    if (weekdaysFirst && !isWeekend(day)) continue;
    const taken_on = nextFreeWeekday(day, taken);
    taken.add(taken_on);
    out.push({ day: taken_on, name, substitute: taken_on !== day });
  }
  return out;
}

function single(day: number, name: string): RuleHoliday {
  const on = nextFreeWeekday(day, new Set());
  return { day: on, name, substitute: on !== day };
}

/** The bank holidays the pattern gives for one region and year, in date order. */
export function ruleHolidays(region: BankHolidayRegion, year: number): RuleHoliday[] {
  const easter = easterSunday(year);
  const scotland = region === 'scotland';
  const list: RuleHoliday[] = [];
  if (scotland) {
    list.push(
      ...fixedRun(
        [
          [dayFromParts(year, 1, 1), 'New Year’s Day'],
          [dayFromParts(year, 1, 2), '2nd January'],
        ],
        false,
      ),
    );
  } else {
    list.push(single(dayFromParts(year, 1, 1), 'New Year’s Day'));
  }
  if (region === 'northern-ireland') list.push(single(dayFromParts(year, 3, 17), 'St Patrick’s Day'));
  list.push({ day: easter - 2, name: 'Good Friday', substitute: false });
  if (!scotland) list.push({ day: easter + 1, name: 'Easter Monday', substitute: false });
  list.push({ day: firstMonday(year, 5), name: 'Early May bank holiday', substitute: false });
  list.push({ day: lastMonday(year, 5), name: 'Spring bank holiday', substitute: false });
  if (region === 'northern-ireland') {
    list.push(single(dayFromParts(year, 7, 12), 'Battle of the Boyne (Orangemen’s Day)'));
  }
  list.push({
    day: scotland ? firstMonday(year, 8) : lastMonday(year, 8),
    name: 'Summer bank holiday',
    substitute: false,
  });
  if (scotland) list.push(single(dayFromParts(year, 11, 30), 'St Andrew’s Day'));
  list.push(
    ...fixedRun(
      [
        [dayFromParts(year, 12, 25), 'Christmas Day'],
        [dayFromParts(year, 12, 26), 'Boxing Day'],
      ],
      true,
    ),
  );
  return list.sort((a, b) => a.day - b.day);
}
