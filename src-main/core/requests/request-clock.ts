/**
 * A request's statutory dates and whether its identity is settled, from what
 * the register stores. The date rules themselves are the deadline module's
 * (the ICO method, docs/compliance.md); this file only says what the clinic is
 * waiting for and what stopped the clock.
 */
import type { Clarification, RequestDeadline, RequestType, Requester } from '../../contract/request-types';
import { formatUkDate } from '../../contract/uk-formats';
import { computeDeadline, type DeadlineInput, type DeadlineResult, type WorkingDays } from './deadline-stand-in';

/** The stored facts the clock depends on. */
export interface ClockFacts {
  types: RequestType[];
  receivedOn: string;
  requester: Requester;
  identityRequestedOn: string | null;
  identityReceivedOn: string | null;
  authorityRequestedOn: string | null;
  authorityReceivedOn: string | null;
  feeRequestedOn: string | null;
  feeReceivedOn: string | null;
  clarifications: Clarification[];
  extensionToldOn: string | null;
}

export function deadlineInputOf(f: ClockFacts, kind: DeadlineInput['kind'], withExtension = true): DeadlineInput {
  const waitsFor: DeadlineInput['waitsFor'] = [];
  // UK GDPR Art 12(6) and the ICO method: the clock starts when the ID, the authority or the fee asked for arrives.
  if (f.identityRequestedOn) waitsFor.push({ what: 'identity', requestedOn: f.identityRequestedOn, receivedOn: f.identityReceivedOn });
  if (f.authorityRequestedOn) waitsFor.push({ what: 'authority', requestedOn: f.authorityRequestedOn, receivedOn: f.authorityReceivedOn });
  if (f.feeRequestedOn) waitsFor.push({ what: 'fee', requestedOn: f.feeRequestedOn, receivedOn: f.feeReceivedOn });
  return {
    kind,
    receivedOn: f.receivedOn,
    waitsFor,
    clarifications: f.clarifications.map((c) => ({ askedOn: c.askedOn, answeredOn: c.answeredOn })),
    extension: withExtension && f.extensionToldOn ? { toldOn: f.extensionToldOn } : null,
  };
}

/**
 * A complaint alone (DPA 2018 s.164A) is acknowledged within 30 days; a
 * complaint logged with another right keeps that right's deadline, and its
 * acknowledgement date besides.
 */
export function requestDeadline(f: ClockFacts, days: WorkingDays): { deadline: RequestDeadline; dueDate: string | null } {
  const complaintOnly = f.types.every((t) => t === 'complaint');
  const main: DeadlineResult = computeDeadline(deadlineInputOf(f, complaintOnly ? 'complaint' : 'request'), days);
  const acknowledgeBy = f.types.includes('complaint')
    ? complaintOnly
      ? main.acknowledgeBy
      : computeDeadline(deadlineInputOf(f, 'complaint'), days).acknowledgeBy
    : null;
  const { dueDate, ...rest } = main;
  return {
    deadline: { ...rest, acknowledgeBy },
    dueDate: complaintOnly ? (acknowledgeBy ?? dueDate) : dueDate,
  };
}

/** The last day an extension can be told without the late warning: the first month's due date, before any extension. */
export function extensionNoticeDeadline(f: ClockFacts, days: WorkingDays): string | null {
  return computeDeadline(deadlineInputOf(f, 'request', false), days).extensionNoticeBy;
}

/**
 * Whether the clinic may release the requester's data yet (UK GDPR Art 12(6),
 * docs/requests.md): the ID asked for has arrived and, when someone else asks
 * for the client, their authority is recorded (and has arrived if it was asked
 * for). The reason is written for the owner at the export step.
 */
export function identityCheck(f: ClockFacts): { verified: boolean; problem: string | null } {
  if (f.identityRequestedOn && !f.identityReceivedOn) {
    return { verified: false, problem: `Waiting for the ID asked for on ${formatUkDate(f.identityRequestedOn)}: record it when it arrives.` };
  }
  if (f.requester.kind === 'third_party') {
    if (!f.requester.authority) {
      return {
        verified: false,
        problem: `${f.requester.name} asked on the client's behalf, but no authority is recorded. Record what gives them the right to ask (for example the client's signed authority or a power of attorney) and the proof you saw.`,
      };
    }
    if (f.authorityRequestedOn && !f.authorityReceivedOn) {
      return {
        verified: false,
        problem: `Waiting for proof of ${f.requester.name}'s authority, asked for on ${formatUkDate(f.authorityRequestedOn)}: record it when it arrives.`,
      };
    }
  }
  return { verified: true, problem: null };
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
