/**
 * Day arithmetic for the generator. Dates are whole days since 1970-01-01 (UTC)
 * so picking, sorting and comparing them is integer work; they become ISO text
 * only when written.
 */
const DAY_MS = 86_400_000;

export function dayOf(iso: string): number {
  return Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS);
}

export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** A timestamp on that day, `seconds` after midnight UTC. */
export function isoStamp(day: number, seconds: number): string {
  return new Date(day * DAY_MS + seconds * 1000).toISOString();
}

/** The same calendar day `years` later (29 February falls back to 28th, as birthdays do). */
export function addYears(iso: string, years: number): string {
  const y = Number(iso.slice(0, 4)) + years;
  const md = iso.slice(5, 10) === '02-29' ? '02-28' : iso.slice(5, 10);
  return `${String(y).padStart(4, '0')}-${md}`;
}

/** The first day of the month `months` after the month of `day`. */
export function monthStartAfter(day: number, months: number): number {
  const d = new Date(day * DAY_MS);
  return Math.floor(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1) / DAY_MS);
}

/** Months since January 1970: the key under which a month's batches are shared. */
export function monthIndex(day: number): number {
  const d = new Date(day * DAY_MS);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** Clinic hours, 09:00-18:00, as seconds after midnight. */
export const openingSeconds = (fraction: number) => 9 * 3600 + Math.floor(fraction * 9 * 3600);
