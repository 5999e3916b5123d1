/**
 * The clinic's calendar days are UK days. Timestamps are stored in UTC
 * (ISO-8601); a filter "from 01/06/2026" means midnight in London, which is
 * 23:00 UTC the day before during British Summer Time.
 */
const offsetFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  timeZoneName: 'shortOffset',
});

/** London's offset from UTC in minutes at the given instant (0 or 60). */
export function londonOffsetMinutes(at: Date): number {
  const name = offsetFormatter.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-]\d+)(?::(\d+))?/.exec(name);
  if (!m) return 0;
  const hours = Number(m[1]);
  return hours * 60 + Math.sign(hours) * Number(m[2] ?? 0);
}

/**
 * The UTC instant of 00:00 London time on an ISO date (YYYY-MM-DD). Clocks
 * change at 01:00 UTC, after midnight, so the offset in force at midnight is
 * the one in force at noon the day before.
 */
export function londonMidnightUtc(isoDate: string): Date {
  const utcMidnight = new Date(`${isoDate}T00:00:00.000Z`);
  const noonBefore = new Date(utcMidnight.getTime() - 12 * 3600_000);
  return new Date(utcMidnight.getTime() - londonOffsetMinutes(noonBefore) * 60_000);
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
