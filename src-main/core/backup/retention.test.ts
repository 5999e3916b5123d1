/** The rotation and the schedule's rules, on their own (London time, daily/weekly/monthly buckets). */
import { describe, expect, it } from 'vitest';
import { backupSettingsSchema } from '../../contract/backup-schemas';
import { snapshotsToKeep } from './retention';
import { isDailyDue, isDrillDue, RETRY_AFTER_MS } from './schedule';
import type { BackupState } from './backup-store';

/** One snapshot a day at 18:00 UTC for `days` days ending 2026-12-01. */
function daily(days: number): { id: string; createdAt: string }[] {
  return Array.from({ length: days }, (_, i) => {
    const d = new Date(Date.UTC(2026, 11, 1, 18) - i * 86_400_000);
    return { id: `s${String(days - i).padStart(4, '0')}`, createdAt: d.toISOString() };
  });
}

const NOW = new Date('2026-12-01T20:00:00Z');
const DEFAULTS = { keepDaily: 7, keepWeekly: 4, keepMonthly: 12 };

describe('snapshotsToKeep', () => {
  it('keeps 7 daily, 4 weekly and 12 monthly by default, and nothing else', () => {
    const keep = snapshotsToKeep(daily(500), DEFAULTS, NOW);
    // 7 days, then the newest of each of 4 weeks (the first overlapping the days), and of 12 months.
    const kept = [...keep].sort();
    expect(kept.length).toBeGreaterThanOrEqual(7 + 12);
    expect(kept.length).toBeLessThanOrEqual(7 + 4 + 12);
    const days = daily(500);
    for (const s of days.slice(0, 7)) expect(keep.has(s.id)).toBe(true);
    expect(keep.has(days[8]!.id)).toBe(false);
    // The newest of November 2026 is 30/11, one of the 7 days; of October, 31/10.
    expect(keep.has(days.find((s) => s.createdAt.startsWith('2026-10-31'))!.id)).toBe(true);
    expect(keep.has(days.find((s) => s.createdAt.startsWith('2026-10-30'))!.id)).toBe(false);
    // Nothing older than 12 months survives.
    expect(kept.every((id) => days.find((s) => s.id === id)!.createdAt >= '2025-12-01')).toBe(true);
  });

  it('keeps every snapshot of the last 24 hours, and always the newest', () => {
    const today = [
      { id: 'a', createdAt: '2026-12-01T09:00:00Z' },
      { id: 'b', createdAt: '2026-12-01T13:00:00Z' },
      { id: 'c', createdAt: '2026-12-01T19:00:00Z' },
    ];
    expect([...snapshotsToKeep(today, { keepDaily: 1, keepWeekly: 0, keepMonthly: 0 }, NOW)].sort()).toEqual(['a', 'b', 'c']);
    expect([...snapshotsToKeep(today, { keepDaily: 0, keepWeekly: 0, keepMonthly: 0 }, new Date('2027-01-01T00:00:00Z'))]).toEqual(['c']);
  });

  it('counts days in London time (a 23:30 UTC summer snapshot is the next day)', () => {
    const s = [
      { id: 'late', createdAt: '2026-07-01T23:30:00Z' }, // 02/07 00:30 in London
      { id: 'early', createdAt: '2026-07-02T08:00:00Z' },
    ];
    expect([...snapshotsToKeep(s, { keepDaily: 2, keepWeekly: 0, keepMonthly: 0 }, new Date('2026-08-01T00:00:00Z'))]).toEqual(['early']);
  });
});

const settings = backupSettingsSchema.parse({ destination: '/mnt/backup', dailyAt: '18:00' });
const state = (over: Partial<BackupState> = {}): BackupState => ({ lastSuccess: null, lastFailure: null, lastDrill: null, lastScheduledAt: null, checks: {}, ...over });

describe('the schedule', () => {
  it('is due after the daily time (London) until a snapshot is made', () => {
    expect(isDailyDue(settings, state(), new Date('2026-12-01T17:59:00Z'))).toBe(false);
    expect(isDailyDue(settings, state(), new Date('2026-12-01T18:01:00Z'))).toBe(true);
    // In summer London is an hour ahead: 17:30 UTC is 18:30 there.
    expect(isDailyDue(settings, state(), new Date('2026-07-01T17:30:00Z'))).toBe(true);
    const done = state({ lastSuccess: { at: '2026-12-01T18:05:00Z', snapshotId: 'x', destination: '/mnt/backup' } });
    expect(isDailyDue(settings, done, new Date('2026-12-01T22:00:00Z'))).toBe(false);
    expect(isDailyDue(settings, done, new Date('2026-12-02T18:00:00Z'))).toBe(true);
  });

  it('tries a failed attempt (drive unplugged) again later, not at once', () => {
    const tried = state({ lastScheduledAt: '2026-12-01T18:01:00Z' });
    expect(isDailyDue(settings, tried, new Date(Date.parse('2026-12-01T18:01:00Z') + RETRY_AFTER_MS - 1))).toBe(false);
    expect(isDailyDue(settings, tried, new Date(Date.parse('2026-12-01T18:01:00Z') + RETRY_AFTER_MS))).toBe(true);
  });

  it('runs a drill weekly once there is a backup', () => {
    const ok = { at: '2026-12-01T18:05:00Z', snapshotId: 'x', destination: '/mnt/backup' };
    expect(isDrillDue(settings, state(), NOW)).toBe(false);
    expect(isDrillDue(settings, state({ lastSuccess: ok }), NOW)).toBe(true);
    const drilled = state({ lastSuccess: ok, lastDrill: { at: '2026-11-26T20:00:00Z', ok: true, snapshotId: 'x', problems: [] } });
    expect(isDrillDue(settings, drilled, NOW)).toBe(false);
    expect(isDrillDue(settings, drilled, new Date('2026-12-03T20:00:00Z'))).toBe(true);
  });
});
