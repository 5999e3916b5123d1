/**
 * Checks the core makes after the input schemas (which check formats only):
 * the date rules that need the clinic's clock, and Unicode normalisation so
 * one name is stored one way.
 */
import { clientRuleIssues, reviewedOnIssues } from '../../contract/client-rules';
import { AppError, type FieldIssue } from '../../contract/errors';
import { londonToday } from '../../contract/field-schemas';
import type { ClientIdentity } from '../../contract/record-types';
import type { Clock } from '../platform/ports';

export { clientRuleIssues } from '../../contract/client-rules';

/** One VALIDATION error carrying every field's problem, so the form can mark them all at once. */
export function throwIfIssues(issues: FieldIssue[]): void {
  if (issues.length > 0) {
    throw new AppError('VALIDATION', issues.map((i) => i.message).join(' '), { issues });
  }
}

/** Today in London by the core's clock (tests move it; the UK day is what a receptionist means). */
export function todayFor(clock: Clock): string {
  return londonToday(clock.now());
}

export function checkClientRules(identity: Partial<ClientIdentity>, clock: Clock): void {
  throwIfIssues(clientRuleIssues(identity, todayFor(clock)));
}

export function checkReviewedOn(reviewedOn: string | null | undefined, clock: Clock): void {
  throwIfIssues(reviewedOnIssues(reviewedOn, todayFor(clock)));
}

/**
 * Every string inside a value in NFC form. "Zoe\u0308" (e + combining
 * diaeresis, as some keyboards and pasted text produce it) and "Zoë" are the
 * same name: stored once one way, they compare, sort and search as equal.
 */
export function toNfc<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map((v) => toNfc(v)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toNfc(v)])) as T;
  }
  return value;
}

/** The keys a partial change actually sets: an absent field must never overwrite a stored one. */
export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
