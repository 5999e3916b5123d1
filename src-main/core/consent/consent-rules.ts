/**
 * The rules a consent event must meet before it goes in the ledger. Pure
 * functions over the input and its purpose, so each rule has a table-driven
 * test; the checks that need the database (the treatment, the notice, the
 * corrected event) are in consent-service.ts.
 */
import type { ConsentPurpose } from '../../contract/consent-types';
import type { FieldIssue } from '../../contract/errors';
import { formatUkDate, formatUkDateTime, isRealIsoDate } from '../../contract/uk-formats';
import type { ParsedInput } from '../../contract/schemas';
import { londonToday } from '../../contract/field-schemas';
import { londonMidnightUtc, londonOffsetMinutes } from '../time/london-time';

export type RecordInput = ParsedInput<'consent.record'>;

const issue = (field: string, message: string): FieldIssue => ({ field, message });

/** Email and SMS marketing may rest on consent or the soft opt-in (PECR reg 22(2)-(3)). */
export function takesBasis(p: ConsentPurpose): boolean {
  return p.category === 'marketing' && (p.channel === 'email' || p.channel === 'sms');
}

/** Telephone marketing is screened against the TPS (PECR reg 21). */
export function isPhoneMarketing(p: ConsentPurpose): boolean {
  return p.category === 'marketing' && p.channel === 'phone';
}

const SOFT_OPT_IN_CONDITIONS = {
  detailsCollectedDuringSale: 'the contact details were collected during a sale, or negotiations for one',
  similarServicesOnly: "only the clinic's own similar services are marketed",
  optOutOfferedAtCollection: 'a free, simple opt-out was offered when the details were collected',
} as const;

/** The UTC instant of a London wall-clock time (YYYY-MM-DDTHH:MM); in the hour the clocks go back, the first. */
export function londonTimeUtc(local: string): Date {
  const asUtc = Date.parse(`${local}:00.000Z`);
  const before = londonOffsetMinutes(new Date(asUtc - 3_600_000));
  const guess = asUtc - before * 60_000;
  const after = londonOffsetMinutes(new Date(guess));
  return new Date(after === before ? guess : asUtc - after * 60_000);
}

/**
 * When the client said it. `dateOnly` is the day when only a date was given:
 * such an event is placed at the start of that London day, never at "now",
 * so a paper form dated today cannot jump ahead of a withdrawal recorded
 * earlier today; on a day that already has an event for the purpose the
 * service asks for the time instead (docs/consent-rules.md). Never in the future.
 */
export type OccurredAt = { at: string; dateOnly: string | null } | { issue: FieldIssue };

export function resolveOccurredAt(text: string | undefined, now: Date): OccurredAt {
  if (text === undefined || text.trim() === '') return { at: now.toISOString(), dateOnly: null };
  const t = text.trim();
  const future = issue('occurredAt', 'The date the client told you cannot be in the future.');
  if (isRealIsoDate(t)) {
    if (t > londonToday(now)) return { issue: future };
    return { at: londonMidnightUtc(t).toISOString(), dateOnly: t };
  }
  const local = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d$/.exec(t);
  if (local) {
    if (!isRealIsoDate(local[1]!)) return { issue: issue('occurredAt', 'Enter a real date, like 25/12/2026.') };
    const at = londonTimeUtc(t);
    if (at.getTime() > now.getTime()) return { issue: issue('occurredTime', 'The time the client told you cannot be in the future.') };
    return { at: at.toISOString(), dateOnly: null };
  }
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(t) ? Date.parse(t) : NaN;
  if (Number.isNaN(ms)) return { issue: issue('occurredAt', 'Enter a real date, like 25/12/2026.') };
  if (ms > now.getTime()) return { issue: future };
  return { at: new Date(ms).toISOString(), dateOnly: null };
}

/** DD/MM/YYYY HH:MM, London time. */
const whenText = (iso: string) => formatUkDateTime(iso).slice(0, 16);

/** Something already recorded on the day of a date-only event: for the same purpose, or the client's objection. */
export interface SameDayEvent {
  what: 'event' | 'objection';
  state: string;
  occurredAt: string;
}

/**
 * A date-only event on a day that already has one for the purpose could go
 * either side of it; the order decides what is in force, so it is asked for
 * rather than guessed (docs/consent-rules.md "Order of events").
 */
export function sameDayIssue(day: string, purposeLabel: string, other: SameDayEvent | null): FieldIssue | null {
  if (!other) return null;
  const when = whenText(other.occurredAt);
  const already =
    other.what === 'objection'
      ? `The client objected to marketing on ${when}.`
      : `${purposeLabel} was already recorded as ${other.state} on ${when}.`;
  return issue(
    'occurredTime',
    `${already} Enter the time the client told you on ${formatUkDate(day)} (HH:MM), so it is clear which came first.`,
  );
}

/** The refusal that ended the soft opt-in for this purpose: a withdrawal or refusal of it, or an objection. */
export interface SoftOptInEnd {
  kind: 'withdrawn' | 'refused' | 'objected';
  at: string;
}

const ENDED_BY: Record<SoftOptInEnd['kind'], string> = {
  withdrawn: 'withdrew this consent',
  refused: 'refused this marketing',
  objected: 'objected to direct marketing',
};

/**
 * PECR reg 22(3): the soft opt-in holds only while the person "has not
 * refused" the use of their details. Once they withdrew, refused or objected,
 * marketing restarts only on a fresh, explicit consent, recorded with the
 * privacy notice and the wording they agreed to (Art 7(1)). For an objection
 * this holds on every marketing channel (Art 21(3)).
 */
const endedSince = (ended: SoftOptInEnd) => `The client ${ENDED_BY[ended.kind]} on ${whenText(ended.at)}`;

export function softOptInEndedIssue(input: RecordInput, p: ConsentPurpose, ended: SoftOptInEnd | null): FieldIssue | null {
  if (!ended || input.state !== 'granted' || p.category !== 'marketing' || input.basis !== 'soft-opt-in') return null;
  return issue(
    'basis',
    `${endedSince(ended)}, so the soft opt-in no longer applies (PECR reg 22(3)): only their fresh, explicit consent can restart this marketing. Record it as consent, with the privacy notice and the wording they agreed to.`,
  );
}

/** The fresh consent that restarts marketing after a refusal must itself be demonstrable: its notice and wording. */
export function restartEvidenceIssues(input: RecordInput, p: ConsentPurpose, ended: SoftOptInEnd | null): FieldIssue[] {
  if (!ended || input.state !== 'granted' || p.category !== 'marketing' || input.basis === 'soft-opt-in') return [];
  if (!takesBasis(p) && ended.kind !== 'objected') return [];
  const since = endedSince(ended);
  const issues: FieldIssue[] = [];
  if (input.noticeId === null) {
    issues.push(issue('noticeId', `${since}: to restart it, record the privacy notice they were given with their fresh consent.`));
  }
  if (input.wording.trim() === '') {
    issues.push(issue('wording', `${since}: to restart it, record the exact wording of their fresh consent.`));
  }
  return issues;
}

/** Art 7(1): a grant the clinic cannot demonstrate, because it names no notice or no wording. */
export function isEvidenceIncomplete(e: { state: string; noticeId: string | null; wording: string }): boolean {
  return e.state === 'granted' && (e.noticeId === null || e.wording.trim() === '');
}

/** Basis, soft opt-in, TPS, treatment link and re-grant: what this purpose allows and needs. */
export function recordIssues(input: RecordInput, p: ConsentPurpose, today: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const granting = input.state === 'granted';

  if (p.category === 'treatment' && input.treatmentId === null) {
    issues.push(issue('treatmentId', 'Choose the treatment this consent is for.'));
  } else if (p.category !== 'treatment' && input.treatmentId !== null) {
    issues.push(issue('treatmentId', 'Only consent to treatment is linked to a treatment.'));
  }

  if (input.basis !== null && !takesBasis(p)) {
    issues.push(issue('basis', 'A basis (consent or soft opt-in) is recorded only for email and SMS marketing.'));
  }
  if (input.basis === 'soft-opt-in') {
    if (!granting) issues.push(issue('basis', 'The soft opt-in is a basis for sending marketing, so record it with “granted”.'));
    if (input.softOptIn === null) {
      issues.push(issue('softOptIn', 'Confirm the three conditions of the soft opt-in (PECR reg 22(3)).'));
    } else {
      for (const [key, what] of Object.entries(SOFT_OPT_IN_CONDITIONS)) {
        if (!input.softOptIn[key as keyof typeof SOFT_OPT_IN_CONDITIONS]) {
          issues.push(issue(`softOptIn.${key}`, `The soft opt-in applies only if ${what}. Otherwise ask for consent.`));
        }
      }
    }
  } else if (input.softOptIn !== null) {
    issues.push(issue('softOptIn', 'The soft opt-in conditions go with the soft opt-in basis only.'));
  }

  if (!isPhoneMarketing(p)) {
    if (input.tpsCheckedOn !== null || input.tpsRegistered !== null) {
      issues.push(issue('tpsCheckedOn', 'The TPS check is recorded only for telephone marketing.'));
    }
  } else {
    // Not required on the grant: the TPS screening belongs to each number and is recorded
    // on its own (core/consent/tps.ts, docs/phones-and-tps.md); the telephone list reads that.
    if (input.tpsCheckedOn !== null && input.tpsCheckedOn > today) {
      issues.push(issue('tpsCheckedOn', 'The TPS check date cannot be in the future.'));
    }
    if (input.tpsCheckedOn !== null && input.tpsRegistered === null) {
      issues.push(issue('tpsRegistered', 'Say whether the number is registered with the TPS.'));
    }
  }

  if (input.explicitRegrant && !(granting && p.category === 'marketing')) {
    issues.push(issue('explicitRegrant', 'Only a new grant of marketing consent can be an explicit re-grant.'));
  }
  return issues;
}
