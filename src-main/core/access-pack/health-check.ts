/**
 * The health-data condition for a subject-access disclosure (DPA 2018 Sch 3
 * paras 2-3): a clinic that is not itself the appropriate health professional
 * may disclose health data only with that professional's opinion, given in the
 * last six months, that disclosure would not be likely to cause serious harm;
 * or when the reviewer is that professional; or when the person has already
 * seen or knows the data. One of the three must be recorded before a pack with
 * health data in it is exported.
 */
import type { HealthCheck } from '../../contract/access-pack-schemas';
import { AppError } from '../../contract/errors';
import { formatUkDate } from '../../contract/uk-formats';

/** The day six calendar months before `today` (the month's last day when that day does not exist). */
export function sixMonthsBefore(today: string): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const month0 = m - 1 - 6;
  const year = y + Math.floor(month0 / 12);
  const month = ((month0 % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Throws when the pack holds health data and no valid Sch 3 condition is recorded. */
export function requireHealthCheck(check: HealthCheck | null, hasHealthData: boolean, today: string): void {
  if (!hasHealthData) return;
  if (!check) throw new AppError('HEALTH_CHECK_REQUIRED');
  if (check.kind !== 'health_opinion') return;
  if (check.opinionOn > today) {
    throw new AppError('VALIDATION', 'The health professional’s opinion cannot be dated in the future.', {
      issues: [{ field: 'opinionOn', message: 'Enter the date the opinion was given.' }],
    });
  }
  const earliest = sixMonthsBefore(today);
  if (check.opinionOn < earliest) {
    throw new AppError(
      'HEALTH_OPINION_TOO_OLD',
      `That opinion was given on ${formatUkDate(check.opinionOn)}, more than six months ago (DPA 2018 Sch 3). ` +
        `Ask the health professional for a new opinion, given on or after ${formatUkDate(earliest)}, and record that.`,
    );
  }
}

/** What the request's history records of the check (no health data; the professional's name is not the client's). */
export function healthCheckDetail(check: HealthCheck | null): Record<string, unknown> {
  if (!check) return { healthCheck: 'not_needed' };
  if (check.kind === 'health_opinion') return { healthCheck: check.kind, professionalName: check.professionalName, opinionOn: check.opinionOn };
  return { healthCheck: check.kind };
}
