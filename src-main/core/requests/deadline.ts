/**
 * Statutory deadlines for a data subject request, by the ICO's method
 * (docs/deadlines.md; docs/compliance.md, "Subject requests"). Pure: dates in,
 * dates out, the clinic's working days given from outside.
 *
 * - The clock starts on the day the request is received, a weekend included,
 *   or on the day the last of the ID, third-party authority or fee asked for
 *   arrives (UK GDPR Art 12(3), ICO right of access guidance).
 * - Due = the corresponding date next month, or that month's last day when
 *   there is none; days the clock was stopped for clarification (Art 12A: from
 *   the day it was asked to the day it was answered, both counted) are added
 *   back; then a weekend or bank holiday rolls forward to the next working day.
 * - Extension (Art 12(3)): three months from the start by the same rules; the
 *   person must be told within the first month, i.e. by the standard due date.
 * - Complaint (DPA 2018 s.164A, inserted by the Data (Use and Access) Act 2025
 *   s.103, in force 19 June 2026): acknowledged within 30 days of receipt. By
 *   the ICO's complaints guidance the 30 days begin on the day after receipt,
 *   and an end on a weekend or bank holiday moves to the next working day, the
 *   same roll as the request deadline (docs/deadlines.md).
 */
import { AppError, type ErrorCode } from '../../contract/errors';
import { formatUkDate as uk } from '../../contract/uk-formats';
import { addMonthsClamped, isoFromDay, parseIsoDay } from '../calendar/iso-days';
import type { WorkingDays } from '../calendar/working-days';

export interface DeadlineInput {
  kind: 'request' | 'complaint';
  receivedOn: string; // YYYY-MM-DD
  /** ID, a third party's authority, or a fee asked for: the clock starts when the last one arrives. */
  waitsFor: Array<{ what: 'identity' | 'authority' | 'fee'; requestedOn: string; receivedOn: string | null }>;
  clarifications: Array<{ askedOn: string; answeredOn: string | null }>;
  extension: { toldOn: string } | null;
}

export interface DeadlineResult {
  clockStartsOn: string | null; // null while waiting for ID, authority or a fee
  clockStoppedFor: 'identity' | 'authority' | 'fee' | 'clarification' | null;
  dueDate: string | null; // the date that applies now (extended when extended); null while not started or stopped-open
  standardDueDate: string | null;
  extendedDueDate: string | null; // three months from the start, when extended
  extensionNoticeBy: string | null; // last day the person can be told of an extension; null once extended
  /** The extension was told after the first month: still computed, but the register must warn and record it. */
  extensionToldLate: boolean;
  stoppedDays: number;
  acknowledgeBy: string | null; // complaints (DPA 2018 s.164A): 30 days from the day after receipt, rolled to a working day
}

/** DPA 2018 s.164A (inserted by the Data (Use and Access) Act 2025) applies to complaints from this day. */
export const COMPLAINT_DUTY_FROM = '2026-06-19';
const COMPLAINT_DUTY_FROM_DAY = parseIsoDay(COMPLAINT_DUTY_FROM)!;
/** Day 1 is the day after receipt (ICO complaints guidance), so day 30 is receipt + 30. */
const COMPLAINT_ACK_DAYS = 30;

function fail(code: ErrorCode, field: string, message: string): never {
  throw new AppError(code, message, { issues: [{ field, message }] });
}

const DATE_LABELS: Record<string, string> = {
  receivedOn: 'The date the request was received',
  'waitsFor.requestedOn': 'The date the ID, authority or fee was asked for',
  'waitsFor.receivedOn': 'The date the ID, authority or fee arrived',
  'clarifications.askedOn': 'The date clarification was asked for',
  'clarifications.answeredOn': 'The date the clarification was answered',
  'extension.toldOn': 'The date the person was told of the extension',
};

/** The field is given in parts so its name and the message are only built when the date is bad. */
function day(iso: string, list: string, index: number, key: string | null = null): number {
  const d = parseIsoDay(iso);
  if (d === null) {
    const field = key === null ? list : `${list}[${index}].${key}`;
    const label = DATE_LABELS[key === null ? list : `${list}.${key}`] ?? 'A date';
    fail('DATE_INVALID', field, `${label} (“${String(iso)}”) is not a real date. Enter a date like 25/12/2026.`);
  }
  return d;
}

function rollForward(d: number, days: WorkingDays): number {
  const isWorking = days.isWorkingDayNumber
    ? (n: number) => days.isWorkingDayNumber!(n)
    : (n: number) => days.isWorkingDay(isoFromDay(n));
  let out = d;
  // A run of non-working days is at most a few days long (Christmas + weekend); the cap guards a bad calendar.
  for (let i = 0; i < 366 && !isWorking(out); i++) out += 1;
  return out;
}

const EMPTY: Omit<DeadlineResult, 'clockStartsOn' | 'clockStoppedFor'> = {
  dueDate: null,
  standardDueDate: null,
  extendedDueDate: null,
  extensionNoticeBy: null,
  extensionToldLate: false,
  stoppedDays: 0,
  acknowledgeBy: null,
};

export function computeDeadline(input: DeadlineInput, days: WorkingDays): DeadlineResult {
  const received = day(input.receivedOn, 'receivedOn', 0);

  if (input.kind === 'complaint') {
    const acknowledgeBy =
      received >= COMPLAINT_DUTY_FROM_DAY ? isoFromDay(rollForward(received + COMPLAINT_ACK_DAYS, days)) : null;
    return { ...EMPTY, clockStartsOn: input.receivedOn, clockStoppedFor: null, dueDate: acknowledgeBy, acknowledgeBy };
  }

  // Validate everything first, so a bad date is reported even while the clock waits.
  // Plain loops, and messages built only on failure: this runs for every request on the dashboard.
  let start = received;
  let waitingFor: DeadlineResult['clockStoppedFor'] = null;
  for (let i = 0; i < input.waitsFor.length; i++) {
    const w = input.waitsFor[i]!;
    const asked = day(w.requestedOn, 'waitsFor', i, 'requestedOn');
    if (asked < received) {
      fail('DATE_BEFORE_REQUEST_RECEIVED', `waitsFor[${i}].requestedOn`,
        `The ${w.what} was asked for on ${uk(w.requestedOn)}, before the request was received (${uk(input.receivedOn)}). Check the dates.`);
    }
    if (w.receivedOn === null) {
      waitingFor ??= w.what;
      continue;
    }
    const arrived = day(w.receivedOn, 'waitsFor', i, 'receivedOn');
    if (arrived < asked) {
      fail('ANSWER_BEFORE_ASKED', `waitsFor[${i}].receivedOn`,
        `The ${w.what} is recorded as arriving on ${uk(w.receivedOn)}, before it was asked for (${uk(w.requestedOn)}). Check both dates.`);
    }
    if (arrived > start) start = arrived;
  }

  let openClarification = false;
  const stops: Array<[number, number]> = [];
  for (let i = 0; i < input.clarifications.length; i++) {
    const c = input.clarifications[i]!;
    const asked = day(c.askedOn, 'clarifications', i, 'askedOn');
    if (asked < received) {
      fail('DATE_BEFORE_REQUEST_RECEIVED', `clarifications[${i}].askedOn`,
        `Clarification is recorded as asked on ${uk(c.askedOn)}, before the request was received (${uk(input.receivedOn)}). Check the dates.`);
    }
    if (c.answeredOn === null) {
      openClarification = true;
      continue;
    }
    const answered = day(c.answeredOn, 'clarifications', i, 'answeredOn');
    if (answered < asked) {
      fail('ANSWER_BEFORE_ASKED', `clarifications[${i}].answeredOn`,
        `The clarification is recorded as answered on ${uk(c.answeredOn)}, before it was asked (${uk(c.askedOn)}). Check both dates.`);
    }
    stops.push([asked, answered]);
  }

  let told: number | null = null;
  if (input.extension) {
    told = day(input.extension.toldOn, 'extension.toldOn', 0);
    if (told < received) {
      fail('DATE_BEFORE_REQUEST_RECEIVED', 'extension.toldOn',
        `The extension is recorded as told on ${uk(input.extension.toldOn)}, before the request was received (${uk(input.receivedOn)}). Check the date.`);
    }
  }

  if (waitingFor) return { ...EMPTY, clockStartsOn: null, clockStoppedFor: waitingFor };
  if (openClarification) {
    return { ...EMPTY, clockStartsOn: isoFromDay(start), clockStoppedFor: 'clarification' };
  }

  const stoppedDays = stops.length === 0 ? 0 : countStoppedDays(stops, start);
  const standard = rollForward(addMonthsClamped(start, 1) + stoppedDays, days);
  const standardDueDate = isoFromDay(standard);
  if (told === null) {
    return {
      ...EMPTY,
      clockStartsOn: isoFromDay(start),
      clockStoppedFor: null,
      dueDate: standardDueDate,
      standardDueDate,
      extensionNoticeBy: standardDueDate,
      stoppedDays,
    };
  }
  const extendedDueDate = isoFromDay(rollForward(addMonthsClamped(start, 3) + stoppedDays, days));
  return {
    ...EMPTY,
    clockStartsOn: isoFromDay(start),
    clockStoppedFor: null,
    dueDate: extendedDueDate,
    standardDueDate,
    extendedDueDate,
    extensionToldLate: told > standard,
    stoppedDays,
  };
}

/**
 * Days the clock stood still: each clarification from the day asked to the day
 * answered, both counted, only from the clock's start (a question asked while
 * waiting for ID stops nothing that was running), overlaps counted once.
 */
function countStoppedDays(stops: Array<[number, number]>, start: number): number {
  const spans = stops
    .map(([a, b]): [number, number] => [Math.max(a, start), b])
    .filter(([a, b]) => b >= a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let coveredTo = -Infinity;
  for (const [a, b] of spans) {
    const from = Math.max(a, coveredTo + 1);
    if (b >= from) total += b - from + 1;
    coveredTo = Math.max(coveredTo, b);
  }
  return total;
}
