/**
 * Every date the renderer shows goes through here: British order (DD/MM/YYYY),
 * 24-hour clock, London time. Stored values stay ISO-8601. The rules themselves
 * live in src-main/contract/uk-formats.ts, shared with the core and the CLI, so
 * the screen, the CLI and the validation messages never disagree.
 */
import { londonToday } from '../../src-main/contract/field-schemas';
import {
  ageOn as sharedAgeOn,
  formatUkDate,
  formatUkDateTime,
  formatUkInstantDate,
  parseUkDate as sharedParseUkDate,
} from '../../src-main/contract/uk-formats';

/** 05/03/2026 (an instant, shown as the clinic's calendar day). */
export function formatDate(iso: string | Date): string {
  return formatUkInstantDate(iso);
}

/** 05/03/2026 14:07:09 */
export function formatDateTime(iso: string | Date): string {
  return formatUkDateTime(iso);
}

/** The date as YYYY-MM-DD in local time, for the API's date filters. */
export function toIsoDate(date: Date): string {
  const y = String(date.getFullYear()).padStart(4, '0');
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/**
 * Reads a date typed the British way (31/01/2026, 31.1.2026, 31-01-2026) as
 * YYYY-MM-DD. Null when it is not a real calendar date. Native date pickers are
 * avoided: they follow the computer's locale, which may be American.
 */
export function parseUkDate(text: string): string | null {
  return sharedParseUkDate(text);
}

/** A calendar date stored as YYYY-MM-DD shown as DD/MM/YYYY; no time zone, so it never shifts a day. */
export function formatDay(iso: string | null | undefined): string {
  return formatUkDate(iso);
}

/** Today in London, as YYYY-MM-DD. */
export function todayIso(): string {
  return londonToday();
}

/** Whole years between a date of birth and a day (both YYYY-MM-DD): the age on that day. */
export const ageOn = sharedAgeOn;
