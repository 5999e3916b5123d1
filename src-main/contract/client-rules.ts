/**
 * Rules for client records that need today's date, which the input schemas
 * (format checks only) cannot know. Pure: the core enforces them with its own
 * clock, and the renderer may run the same function to warn as the user types.
 */
import type { FieldIssue } from './errors';
import type { ClientIdentity } from './record-types';

/** Older than this is almost certainly a typing mistake in the year (1906 for 2006). */
export const MAX_AGE_YEARS = 120;

/** `todayIso` minus `years`, as YYYY-MM-DD (29 February falls back to 28 February). */
export function yearsBefore(todayIso: string, years: number): string {
  const [y, m, d] = todayIso.split('-').map(Number) as [number, number, number];
  const year = String(y - years).padStart(4, '0');
  const mm = String(m).padStart(2, '0');
  const isLeap = (n: number) => (n % 4 === 0 && n % 100 !== 0) || n % 400 === 0;
  const day = m === 2 && d === 29 && !isLeap(y - years) ? 28 : d;
  return `${year}-${mm}-${String(day).padStart(2, '0')}`;
}

/**
 * Problems with a client's identity given today's date (YYYY-MM-DD, London).
 * Takes a partial identity so an update checks only what it changes: an old
 * record is never blocked from a new phone number by its own history.
 */
export function clientRuleIssues(identity: Partial<Pick<ClientIdentity, 'dateOfBirth'>>, todayIso: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const dob = identity.dateOfBirth;
  if (dob) {
    if (dob > todayIso) {
      issues.push({ field: 'dateOfBirth', message: 'The date of birth cannot be in the future.' });
    } else if (dob < yearsBefore(todayIso, MAX_AGE_YEARS)) {
      issues.push({
        field: 'dateOfBirth',
        message: `That date of birth is more than ${MAX_AGE_YEARS} years ago: check the year.`,
      });
    }
  }
  return issues;
}

/** A medical or lifestyle history cannot have been reviewed on a day that has not come yet. */
export function reviewedOnIssues(reviewedOn: string | null | undefined, todayIso: string): FieldIssue[] {
  if (reviewedOn && reviewedOn > todayIso) {
    return [{ field: 'reviewedOn', message: 'The review date cannot be in the future.' }];
  }
  return [];
}
