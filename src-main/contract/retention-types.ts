/**
 * The retention queue, its policy and legal holds, as they cross the
 * boundary (docs/retention.md). Pure types and constants: imported by core,
 * CLI and renderer.
 */

/** Why a client's data must not be destroyed for now (docs/retention.md, "Legal holds"). */
export const HOLD_KINDS = ['complaint', 'claim', 'investigation', 'safeguarding', 'other'] as const;
export type HoldKind = (typeof HOLD_KINDS)[number];

export const HOLD_KIND_LABELS: Record<HoldKind, string> = {
  complaint: 'Complaint',
  claim: 'Legal claim',
  investigation: 'Investigation',
  safeguarding: 'Safeguarding',
  other: 'Other',
};

export interface LegalHold {
  id: string;
  clientId: string;
  kind: HoldKind;
  reason: string;
  /** YYYY-MM-DD the owner means to look at it again, or null. */
  reviewOn: string | null;
  /** YYYY-MM-DD (London) it was placed. */
  placedOn: string;
  /** Staff id. */
  placedBy: string;
  releasedOn: string | null;
  releasedBy: string | null;
  releaseReason: string | null;
}

/** What every screen that shows a client needs to mark it as held. */
export interface LegalHoldSummary {
  kind: HoldKind;
  reason: string;
  reviewOn: string | null;
  placedOn: string;
}

/**
 * What the queue destroys as one unit. 'clinical' = clinical records, photos,
 * treatment consents (and their consent evidence); 'personal' = contact,
 * marketing preferences, other non-clinical data (and their evidence), also
 * the whole client when never treated; 'requests' = closed subject-request records.
 */
export const RETENTION_CATEGORIES = ['clinical', 'personal', 'requests'] as const;
export type RetentionCategory = (typeof RETENTION_CATEGORIES)[number];

export const RETENTION_CATEGORY_LABELS: Record<RetentionCategory, string> = {
  clinical: 'Clinical records',
  personal: 'Other personal data',
  requests: 'Request records',
};

export interface RetentionPolicy {
  /** 1, 2, … every saved change is a new version; the history is kept. */
  version: number;
  clinicalMonthsAfterLastTreatment: number;
  personalMonthsAfterLastInteraction: number;
  childUntilBirthday: number;
  childAged17UntilBirthday: number;
  requestMonthsAfterClosing: number;
  savedAt: string;
  /** Staff id; null for the shipped defaults. */
  savedBy: string | null;
}

/** The editable part of a policy. */
export type RetentionPeriods = Omit<RetentionPolicy, 'version' | 'savedAt' | 'savedBy'>;

export const RETENTION_PERIOD_FIELDS = [
  'clinicalMonthsAfterLastTreatment',
  'personalMonthsAfterLastInteraction',
  'childUntilBirthday',
  'childAged17UntilBirthday',
  'requestMonthsAfterClosing',
] as const satisfies readonly (keyof RetentionPeriods)[];

/** The periods counted in months: under 12 needs the owner's explicit confirmation. */
export const RETENTION_MONTH_FIELDS = [
  'clinicalMonthsAfterLastTreatment',
  'personalMonthsAfterLastInteraction',
  'requestMonthsAfterClosing',
] as const satisfies readonly (keyof RetentionPeriods)[];

export type RetentionRule =
  | 'clinical-after-last-treatment'
  | 'clinical-under-18-until-25'
  | 'clinical-aged-17-until-26'
  | 'personal-after-last-interaction'
  | 'request-after-closing';

export const RETENTION_RULES = [
  'clinical-after-last-treatment',
  'clinical-under-18-until-25',
  'clinical-aged-17-until-26',
  'personal-after-last-interaction',
  'request-after-closing',
] as const satisfies readonly RetentionRule[];

export type TriggerKind = 'last-treatment' | 'last-interaction' | 'date-of-birth' | 'request-closed';

export type DueWindow = 'passed' | 'within-30' | 'within-90';
export type WithinDays = 0 | 30 | 90;

export interface QueueRow {
  clientId: string;
  category: RetentionCategory;
  rule: RetentionRule;
  triggerKind: TriggerKind;
  /** YYYY-MM-DD */
  triggerDate: string;
  /** YYYY-MM-DD */
  retainUntil: string;
  due: DueWindow;
  /** An open legal hold: listed, but no action can run on it. */
  held: boolean;
  /** Set while a "keep longer" review hides it (such rows are not returned by the queue). */
  reviewedUntil: string | null;
  /** Category 'requests' only. */
  requestId?: string;
}

/** A queue row as the screen shows it. */
export interface QueueRowView extends QueueRow {
  displayName: string;
  /** The request's reference, for 'requests' rows. */
  requestReference?: string;
}

export interface RetentionQueueView {
  asOf: string;
  withinDays: WithinDays;
  policyVersion: number;
  rows: QueueRowView[];
  /** Rows per rule (after the category filter). */
  counts: Record<RetentionRule, number>;
  /** Distinct clients with at least one row. */
  clients: number;
}

export interface PolicyPreviewClient {
  clientId: string;
  displayName: string;
  category: RetentionCategory;
}

export interface RetentionPolicyPreview {
  /** Rows (client and category) due today that would leave the queue. */
  leaving: PolicyPreviewClient[];
  /** Rows that would join it. */
  joining: PolicyPreviewClient[];
  /** Periods under 12 months in the proposal (need confirmShort). */
  short: (keyof RetentionPeriods)[];
}
