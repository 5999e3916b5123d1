/**
 * How long a kept clinical record is kept (docs/compliance.md, "Records and
 * the rights of the people in them"). Pure: no database.
 *
 * The clinic's defaults, from the clinics' own privacy policies: clinical and
 * treatment records, photos and consent forms 10 years after the last
 * treatment. Children (NHS England Records Management Code of Practice 2023):
 * someone treated under 18 is kept until their 25th birthday, or their 26th
 * if they were 17 when treatment ended, if that is later.
 *
 * These are constants here, in one place, until the retention issue (#13)
 * makes them the owner's settings; the erasure preview and the reply letter
 * read them only through keptUntilDate().
 */
import { ageOn } from '../../contract/uk-formats';

export const RETENTION = {
  /** Years a clinical record is kept after the last treatment. #13 makes this a setting. */
  clinicalYearsAfterLastTreatment: 10,
  /** Kept until this birthday for someone treated under 18 ... */
  childUntilBirthday: 25,
  /** ... or this one if they were 17 when treatment ended. */
  childAged17UntilBirthday: 26,
} as const;

/** The same day `years` later; 29 February becomes 28 February in a year without one. */
export function addYears(isoDate: string, years: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const year = y + years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export interface KeptUntil {
  /** YYYY-MM-DD, or null when there is no clinical record to keep. */
  date: string | null;
  /** Which rule set the date. */
  rule: 'after-last-treatment' | 'under-18-until-25' | 'aged-17-until-26' | 'none';
}

/**
 * The date the clinical record is kept until. `lastClinicalOn` is the last
 * treatment (or, without any, the last clinical entry); a missing date of
 * birth means the children's rule cannot apply. `clinicalYears` is the
 * clinic's period (the constant until #13 makes it a setting).
 */
export function keptUntilDate(
  lastClinicalOn: string | null,
  dateOfBirth: string | null,
  clinicalYears: number = RETENTION.clinicalYearsAfterLastTreatment,
): KeptUntil {
  if (!lastClinicalOn) return { date: null, rule: 'none' };
  const adult = addYears(lastClinicalOn, clinicalYears);
  if (!dateOfBirth) return { date: adult, rule: 'after-last-treatment' };
  const age = ageOn(dateOfBirth, lastClinicalOn);
  if (age >= 18) return { date: adult, rule: 'after-last-treatment' };
  const child = age === 17 ? addYears(dateOfBirth, RETENTION.childAged17UntilBirthday) : addYears(dateOfBirth, RETENTION.childUntilBirthday);
  if (child > adult) return { date: child, rule: age === 17 ? 'aged-17-until-26' : 'under-18-until-25' };
  return { date: adult, rule: 'after-last-treatment' };
}
