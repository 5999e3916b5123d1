/**
 * Which snapshots to keep: the newest in each of the last `keepDaily` days,
 * `keepWeekly` ISO weeks and `keepMonthly` months that have one (London time),
 * like restic's and borg's keep-daily/weekly/monthly. The newest snapshot is
 * always kept, and so is every snapshot of the last 24 hours (restic's
 * keep-within): a backup on closing and one on demand the same day must not
 * remove the morning's before the day is out. Pure, so it is tested on its own.
 */

export interface RetentionPolicy {
  keepDaily: number;
  keepWeekly: number;
  keepMonthly: number;
}

export const KEEP_WITHIN_MS = 24 * 60 * 60 * 1000;

const londonDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** YYYY-MM-DD, London time. */
function dayOf(iso: string): string {
  return londonDay.format(new Date(iso));
}

/** The ISO-8601 week of a calendar day: YYYY-Www. */
function weekOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0
  d.setUTCDate(d.getUTCDate() - weekday + 3); // the Thursday of that week decides its year
  const year = d.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const week = 1 + Math.round((d.getTime() - firstThursday.getTime()) / 86_400_000 / 7 - ((firstThursday.getUTCDay() + 6) % 7 - 3) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Returns the ids to keep; `snapshots` is any order, each with its creation time. */
export function snapshotsToKeep(snapshots: readonly { id: string; createdAt: string }[], policy: RetentionPolicy, now: Date): Set<string> {
  const newestFirst = [...snapshots].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
  const keep = new Set<string>();
  if (newestFirst[0]) keep.add(newestFirst[0].id);
  for (const s of newestFirst) if (now.getTime() - new Date(s.createdAt).getTime() < KEEP_WITHIN_MS) keep.add(s.id);
  const bucket = (key: (day: string) => string, count: number) => {
    const seen = new Set<string>();
    for (const s of newestFirst) {
      if (seen.size >= count) break;
      const k = key(dayOf(s.createdAt));
      if (seen.has(k)) continue;
      seen.add(k);
      keep.add(s.id);
    }
  };
  bucket((d) => d, policy.keepDaily);
  bucket(weekOf, policy.keepWeekly);
  bucket((d) => d.slice(0, 7), policy.keepMonthly);
  return keep;
}
