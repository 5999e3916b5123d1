/**
 * The rules a consent event must meet before it goes in the ledger. Pure
 * functions over the input and its purpose, so each rule has a table-driven
 * test; the checks that need the database (the treatment, the notice, the
 * corrected event) are in consent-service.ts.
 */
import type { ConsentPurpose } from '../../shared/consent-types';
import type { FieldIssue } from '../../shared/errors';
import { isRealIsoDate } from '../../shared/uk-formats';
import type { ParsedInput } from '../../shared/schemas';
import { londonToday } from '../../shared/field-schemas';
import { londonMidnightUtc } from '../time/london-time';

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

/**
 * When the client said it: an ISO instant, or a date (today means now; an
 * earlier date means the start of that London day). Never in the future.
 */
export function resolveOccurredAt(text: string | undefined, now: Date): { at: string } | { issue: FieldIssue } {
  if (text === undefined || text.trim() === '') return { at: now.toISOString() };
  const t = text.trim();
  const future = issue('occurredAt', 'The date the client told you cannot be in the future.');
  if (isRealIsoDate(t)) {
    const today = londonToday(now);
    if (t > today) return { issue: future };
    return { at: t === today ? now.toISOString() : londonMidnightUtc(t).toISOString() };
  }
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(t) ? Date.parse(t) : NaN;
  if (Number.isNaN(ms)) return { issue: issue('occurredAt', 'Enter a real date, like 25/12/2026.') };
  if (ms > now.getTime()) return { issue: future };
  return { at: new Date(ms).toISOString() };
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
    if (granting && input.tpsCheckedOn === null) {
      issues.push(issue('tpsCheckedOn', 'Check the number against the Telephone Preference Service (PECR reg 21) and enter the date.'));
    }
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
