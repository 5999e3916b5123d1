/**
 * The retention date rules (docs/retention.md, "The rules";
 * docs/compliance.md, "Retention"). Pure: no database, no clock. The one place
 * a retention date is worked out: the queue, the erasure preview and its
 * reply letter all call these with the owner's policy.
 *
 * - clinical records, photos and treatment consents: the policy's months
 *   after the last treatment (default 120, 10 years);
 * - someone treated under 18: until their 25th birthday, or their 26th if
 *   they were 17 when treatment ended, when that is later (NHS England Records
 *   Management Code of Practice 2023);
 * - other personal data: the policy's months after the last interaction
 *   (default 36);
 * - a closed subject request's record: the policy's months after it closed
 *   (default 36).
 * A date is "kept until" that day inclusive: it is due the day after.
 */
import { ageOn } from '../../contract/uk-formats';
import type { RetentionPeriods, RetentionRule, TriggerKind } from './retention-types';

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The same day `months` later; a day the month lacks (31st, 29 February) becomes its last day. */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return iso(year, month, Math.min(d, last));
}

/** The same day `years` later; 29 February becomes 28 February in a year without one. */
export function addYears(isoDate: string, years: number): string {
  return addMonths(isoDate, years * 12);
}

export interface RetentionDate {
  rule: RetentionRule;
  triggerKind: TriggerKind;
  /** YYYY-MM-DD the period counts from. */
  triggerDate: string;
  /** YYYY-MM-DD kept until (inclusive). */
  retainUntil: string;
}

/**
 * The clinical record's date. `lastTreatedOn` is the last treatment (or,
 * without any, the last clinical entry); without a date of birth the
 * children's rule cannot apply.
 */
export function clinicalRetention(lastTreatedOn: string, dateOfBirth: string | null, policy: RetentionPeriods): RetentionDate {
  const adult: RetentionDate = {
    rule: 'clinical-after-last-treatment',
    triggerKind: 'last-treatment',
    triggerDate: lastTreatedOn,
    retainUntil: addMonths(lastTreatedOn, policy.clinicalMonthsAfterLastTreatment),
  };
  if (!dateOfBirth || dateOfBirth > lastTreatedOn) return adult;
  const age = ageOn(dateOfBirth, lastTreatedOn);
  if (age >= 18) return adult;
  const aged17 = age === 17;
  const child = addYears(dateOfBirth, aged17 ? policy.childAged17UntilBirthday : policy.childUntilBirthday);
  if (child <= adult.retainUntil) return adult;
  return {
    rule: aged17 ? 'clinical-aged-17-until-26' : 'clinical-under-18-until-25',
    triggerKind: 'date-of-birth',
    triggerDate: dateOfBirth,
    retainUntil: child,
  };
}

export function personalRetention(lastInteractionOn: string, policy: RetentionPeriods): RetentionDate {
  return {
    rule: 'personal-after-last-interaction',
    triggerKind: 'last-interaction',
    triggerDate: lastInteractionOn,
    retainUntil: addMonths(lastInteractionOn, policy.personalMonthsAfterLastInteraction),
  };
}

export function requestRetention(closedOn: string, policy: RetentionPeriods): RetentionDate {
  return {
    rule: 'request-after-closing',
    triggerKind: 'request-closed',
    triggerDate: closedOn,
    retainUntil: addMonths(closedOn, policy.requestMonthsAfterClosing),
  };
}

/** The erasure preview's shape (contract/erasure-types.ts keptUntilRule). */
export interface KeptUntil {
  /** YYYY-MM-DD, or null when there is no clinical record to keep. */
  date: string | null;
  rule: 'after-last-treatment' | 'under-18-until-25' | 'aged-17-until-26' | 'none';
}

const ERASURE_RULE: Record<string, KeptUntil['rule']> = {
  'clinical-after-last-treatment': 'after-last-treatment',
  'clinical-under-18-until-25': 'under-18-until-25',
  'clinical-aged-17-until-26': 'aged-17-until-26',
};

/** The date an erased client's clinical record is kept until, under the owner's policy. */
export function keptUntilDate(lastClinicalOn: string | null, dateOfBirth: string | null, policy: RetentionPeriods): KeptUntil {
  if (!lastClinicalOn) return { date: null, rule: 'none' };
  const r = clinicalRetention(lastClinicalOn, dateOfBirth, policy);
  return { date: r.retainUntil, rule: ERASURE_RULE[r.rule]! };
}

/** "10 years" / "18 months": a period in the words of a letter or a screen. */
export function periodInWords(months: number): string {
  if (months % 12 === 0) return months === 12 ? '1 year' : `${months / 12} years`;
  return months === 1 ? '1 month' : `${months} months`;
}
