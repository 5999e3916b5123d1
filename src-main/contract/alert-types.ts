/**
 * Clinical alerts (issue #10 item 3): what a practitioner must see before
 * treating, computed in the core (src-main/core/clients/clinical-alerts.ts) from
 * the sealed medical history, so only roles holding the clinical key get them.
 */

/** One alert. Texts are the client's own answers, shown as written. */
export type ClinicalAlert =
  | { kind: 'allergies'; text: string }
  | { kind: 'contraindications'; text: string }
  | { kind: 'pregnant' }
  | { kind: 'breastfeeding' }
  /** The medical history was never reviewed, or not within the clinic's period. */
  | { kind: 'review-due'; reviewedOn: string | null; months: number }
  | { kind: 'under-18'; age: number }
  | { kind: 'deceased'; deceasedOn: string }
  /** Processing is restricted (UK GDPR Art 18): keep it, do not otherwise use it. */
  | { kind: 'restricted' };

export type ClinicalAlertKind = ClinicalAlert['kind'];

export interface ClinicalAlerts {
  clientId: string;
  /** Most serious first: deceased, restricted, allergies, contraindications, pregnancy, age, review. */
  alerts: ClinicalAlert[];
  /** The medical history's last review (YYYY-MM-DD), or null if it was never reviewed. */
  reviewedOn: string | null;
  /** The clinic's setting: a review older than this many months is due. */
  reviewMonths: number;
  /**
   * True when a new treatment needs the "I have reviewed the medical history
   * today" tick (treatments.create refuses it without one).
   */
  reviewRequired: boolean;
}

/** A client on someone's home work list, with what reception may see. */
export interface RecentClient {
  id: string;
  firstName: string;
  lastName: string;
  preferredName: string;
  dateOfBirth: string;
  /** When this person (or, for reception, the clinic) last dealt with them: ISO-8601. */
  at: string;
}

export interface RecentClients {
  /** 'today': everyone dealt with today at the clinic (reception); 'mine': clients this person opened lately. */
  scope: 'today' | 'mine';
  clients: RecentClient[];
}
