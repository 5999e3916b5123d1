/**
 * STAND-IN, deleted when the deadlines engineer's core/requests/deadline.ts and
 * core/calendar/working-days.ts land (INTERFACES12.md section 1): the same
 * names and shapes, so request-clock.ts changes only its import. Weekends only,
 * no bank holidays; the ICO method otherwise (docs/compliance.md).
 */
import type { SettingsRepo } from '../settings/settings-repo';

export interface WorkingDays {
  isWorkingDay(isoDate: string): boolean;
  holidayName(isoDate: string): string | null;
}

export interface DeadlineInput {
  kind: 'request' | 'complaint';
  receivedOn: string;
  waitsFor: Array<{ what: 'identity' | 'authority' | 'fee'; requestedOn: string; receivedOn: string | null }>;
  clarifications: Array<{ askedOn: string; answeredOn: string | null }>;
  extension: { toldOn: string } | null;
}

export interface DeadlineResult {
  clockStartsOn: string | null;
  clockStoppedFor: 'identity' | 'authority' | 'fee' | 'clarification' | null;
  dueDate: string | null;
  standardDueDate: string | null;
  extendedDueDate: string | null;
  extensionNoticeBy: string | null;
  stoppedDays: number;
  acknowledgeBy: string | null;
}

export function clinicWorkingDays(_settings: SettingsRepo): WorkingDays {
  return {
    isWorkingDay: (d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()),
    holidayName: () => null,
  };
}

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const addDays = (d: string, n: number) => iso(day(d) + n * 86_400_000);

function addMonths(d: string, months: number): string {
  const [y, m, dd] = d.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return iso(Date.UTC(y, m - 1 + months, Math.min(dd, last)));
}

function roll(d: string, days: WorkingDays): string {
  let out = d;
  while (!days.isWorkingDay(out)) out = addDays(out, 1);
  return out;
}

export function computeDeadline(input: DeadlineInput, days: WorkingDays): DeadlineResult {
  const acknowledgeBy = input.kind === 'complaint' ? addDays(input.receivedOn, 30) : null;
  const pending = input.waitsFor.find((w) => w.receivedOn === null);
  const none = { dueDate: null, standardDueDate: null, extendedDueDate: null, extensionNoticeBy: null, stoppedDays: 0, acknowledgeBy };
  if (pending) return { ...none, clockStartsOn: null, clockStoppedFor: pending.what };
  const start = input.waitsFor.reduce((s, w) => (w.receivedOn! > s ? w.receivedOn! : s), input.receivedOn);
  let stopped = 0;
  for (const c of input.clarifications) {
    if (c.answeredOn === null) return { ...none, clockStartsOn: start, clockStoppedFor: 'clarification' };
    stopped += (day(c.answeredOn) - day(c.askedOn)) / 86_400_000 + 1;
  }
  const standard = roll(addDays(addMonths(start, 1), stopped), days);
  const extended = input.extension ? roll(addDays(addMonths(start, 3), stopped), days) : null;
  return {
    clockStartsOn: start,
    clockStoppedFor: null,
    dueDate: extended ?? standard,
    standardDueDate: standard,
    extendedDueDate: extended,
    extensionNoticeBy: input.extension ? null : standard,
    stoppedDays: stopped,
    acknowledgeBy,
  };
}
