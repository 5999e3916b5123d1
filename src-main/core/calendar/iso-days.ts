/**
 * Calendar dates as whole day numbers (days since 1970-01-01, UTC), so date
 * arithmetic is integer arithmetic: no time zones, no clocks changing, no
 * Date objects kept. Every date the deadline rules handle is a plain calendar
 * date (YYYY-MM-DD), never a moment in time.
 */
const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a real YYYY-MM-DD date, or null when the text is not one (2026-02-30, 26-1-1, ''). */
export function parseIsoDay(iso: string): number | null {
  const m = ISO_DATE.exec(iso);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return Date.UTC(y, mo - 1, d) / MS_PER_DAY;
}

export function dayFromParts(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function isoFromDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekend(day: number): boolean {
  const w = weekdayOf(day);
  return w === 0 || w === 6;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The "corresponding date" `months` calendar months later, or the last day of
 * that month when it has no such date (31 Mar + 1 → 30 Apr; 31 Jan 2028 + 1 →
 * 29 Feb 2028): the ICO's method for the one-month time limit.
 */
export function addMonthsClamped(day: number, months: number): number {
  const d = new Date(day * MS_PER_DAY);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  return dayFromParts(year, month, Math.min(d.getUTCDate(), daysInMonth(year, month)));
}

export function yearOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}
