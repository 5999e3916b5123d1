/**
 * Calendar dates as whole day numbers (days since 1970-01-01, UTC), so date
 * arithmetic is integer arithmetic: no time zones, no clocks changing, no
 * Date objects kept. Every date the deadline rules handle is a plain calendar
 * date (YYYY-MM-DD), never a moment in time.
 */

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil): plain integer arithmetic, because the deadline benchmark
 * converts dates a few million times a second and a Date per call was the cost.
 */
export function dayFromParts(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The number in iso[from, from + len) if every character is a digit, else -1. */
function digits(iso: string, from: number, len: number): number {
  let n = 0;
  for (let i = from; i < from + len; i++) {
    const c = iso.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Day number of a real YYYY-MM-DD date, or null when the text is not one (2026-02-30, 26-1-1, ''). */
export function parseIsoDay(iso: string): number | null {
  if (typeof iso !== 'string' || iso.length !== 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return null;
  const y = digits(iso, 0, 4);
  const mo = digits(iso, 5, 2);
  const d = digits(iso, 8, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return dayFromParts(y, mo, d);
}

/** Year, month and day of a day number (H. Hinnant's civil_from_days). */
export function partsFromDay(dayNumber: number): [year: number, month: number, day: number] {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

export function isoFromDay(dayNumber: number): string {
  const [y, m, d] = partsFromDay(dayNumber);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekend(day: number): boolean {
  const w = weekdayOf(day);
  return w === 0 || w === 6;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!;
}

/**
 * The "corresponding date" `months` calendar months later, or the last day of
 * that month when it has no such date (31 Mar + 1 → 30 Apr; 31 Jan 2028 + 1 →
 * 29 Feb 2028): the ICO's method for the one-month time limit.
 */
export function addMonthsClamped(day: number, months: number): number {
  const [y, m, d] = partsFromDay(day);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  return dayFromParts(year, month, Math.min(d, daysInMonth(year, month)));
}

/** partsFromDay's year alone, without the array (asked once per date on the deadline path). */
export function yearOf(dayNumber: number): number {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  return yoe + era * 400 + (mp >= 10 ? 1 : 0);
}
