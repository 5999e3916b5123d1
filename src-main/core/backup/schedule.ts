/**
 * When the schedule says a snapshot or a drill is due: pure, so the rules are
 * tested without waiting for a clock. The daily time is London time.
 */
import type { BackupSettings } from '../../contract/backup-types';
import type { BackupState } from './backup-store';

const londonParts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

function london(d: Date): { day: string; time: string } {
  const p = Object.fromEntries(londonParts.formatToParts(d).map((x) => [x.type, x.value]));
  return { day: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** A failed scheduled attempt (drive unplugged) is tried again this long after. */
export const RETRY_AFTER_MS = 15 * 60_000;

/**
 * Due once today's time has passed and no snapshot has been made since it.
 * An attempt that failed is tried again RETRY_AFTER_MS later.
 */
export function isDailyDue(settings: BackupSettings, state: BackupState, now: Date): boolean {
  const today = london(now);
  if (today.time < settings.dailyAt) return false;
  if (state.lastSuccess) {
    const l = london(new Date(state.lastSuccess.at));
    if (l.day === today.day && l.time >= settings.dailyAt) return false;
  }
  return !state.lastScheduledAt || now.getTime() - new Date(state.lastScheduledAt).getTime() >= RETRY_AFTER_MS;
}

export function isDrillDue(settings: BackupSettings, state: BackupState, now: Date): boolean {
  if (!state.lastSuccess) return false;
  if (!state.lastDrill) return true;
  return now.getTime() - new Date(state.lastDrill.at).getTime() >= settings.drillEveryDays * 86_400_000;
}
