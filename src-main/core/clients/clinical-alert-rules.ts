/**
 * The pure rules behind clinical alerts (issue #10 item 3; docs/clinical-alerts.md):
 * which facts about a client a practitioner must see before treating, and when
 * a medical history's review is due. No I/O and no clock: the service passes
 * "today" (a London date from the clock port), so the tests drive these from tables.
 */
import type { ClinicalAlert, ClinicalAlerts } from '../../contract/alert-types';
import type { MedicalHistory } from '../../contract/record-types';
import { ageOn } from '../../contract/uk-formats';

export interface AlertFacts {
  dateOfBirth: string | null;
  deceasedOn: string | null;
  restricted: boolean;
  medical: Pick<MedicalHistory, 'allergies' | 'contraindications' | 'pregnant' | 'breastfeeding' | 'reviewedOn'>;
}

/**
 * Answers that say there is nothing to flag. Anything else typed in the box is
 * shown: a false alarm costs a glance, a missed allergy costs an incident.
 */
const NOTHING_TO_FLAG = /^(none|nil|no|n\/?a|nkda|nka|none known|no known( drug)? allergies|no known contraindications)[.!]?$/i;

export function flagsText(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '' || NOTHING_TO_FLAG.test(trimmed)) return null;
  return trimmed;
}

/**
 * The same day `months` months earlier; a day the earlier month lacks becomes
 * its last day (31/03 less one month is 28/02 or 29/02).
 */
export function monthsBefore(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const monthIndex = y * 12 + (m - 1) - months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, lastDay))}`;
}

/**
 * Due when never reviewed, or last reviewed before the same day `months`
 * months ago: a history reviewed on 22/11/2025 is still within 12 months on
 * 22/11/2026, and due the day after.
 */
export function reviewIsDue(reviewedOn: string | null, today: string, months: number): boolean {
  if (!reviewedOn) return true;
  return reviewedOn < monthsBefore(today, months);
}

/** Every alert for one client on `today`, most serious first. */
export function clinicalAlertsOf(facts: AlertFacts, today: string, reviewMonths: number): Omit<ClinicalAlerts, 'clientId'> {
  const alerts: ClinicalAlert[] = [];
  const { medical } = facts;
  if (facts.deceasedOn) alerts.push({ kind: 'deceased', deceasedOn: facts.deceasedOn });
  if (facts.restricted) alerts.push({ kind: 'restricted' });
  const allergies = flagsText(medical.allergies);
  if (allergies) alerts.push({ kind: 'allergies', text: allergies });
  const contraindications = flagsText(medical.contraindications);
  if (contraindications) alerts.push({ kind: 'contraindications', text: contraindications });
  if (medical.pregnant === 'yes') alerts.push({ kind: 'pregnant' });
  if (medical.breastfeeding === 'yes') alerts.push({ kind: 'breastfeeding' });
  const reviewRequired = reviewIsDue(medical.reviewedOn, today, reviewMonths);
  // Age and review speak to treating; after a death they are noise beside the one alert that matters.
  if (!facts.deceasedOn) {
    if (facts.dateOfBirth) {
      const age = ageOn(facts.dateOfBirth, today);
      if (age < 18) alerts.push({ kind: 'under-18', age });
    }
    if (reviewRequired) alerts.push({ kind: 'review-due', reviewedOn: medical.reviewedOn, months: reviewMonths });
  }
  return { alerts, reviewedOn: medical.reviewedOn, reviewMonths, reviewRequired };
}
