/** Output types for the consent ledger, privacy notices, suppression and marketing export (issue #4). */

export const CONSENT_STATES = ['granted', 'withdrawn', 'refused', 'unknown'] as const;
export type ConsentState = (typeof CONSENT_STATES)[number];

export const CONSENT_METHODS = ['in-person', 'paper-form', 'online-form', 'phone', 'email', 'imported'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

export const PURPOSE_CATEGORIES = ['marketing', 'service', 'photo', 'treatment', 'custom'] as const;
export type PurposeCategory = (typeof PURPOSE_CATEGORIES)[number];

export const MARKETING_CHANNELS = ['email', 'sms', 'phone', 'post', 'messenger'] as const;
export type MarketingChannel = (typeof MARKETING_CHANNELS)[number];

/** Email and SMS marketing may rest on consent or on the soft opt-in (PECR reg 22(3)). */
export type MarketingBasis = 'consent' | 'soft-opt-in';

export interface ConsentPurpose {
  id: string;
  label: string;
  category: PurposeCategory;
  channel: MarketingChannel | null;
  builtIn: boolean;
  active: boolean;
  /** What the client is usually shown or told, with the clinic's name filled in; pre-filled when a consent is recorded. */
  standardWording: string;
}

/** The three conditions of the soft opt-in, each recorded. */
export interface SoftOptIn {
  detailsCollectedDuringSale: boolean;
  similarServicesOnly: boolean;
  optOutOfferedAtCollection: boolean;
}

export interface ConsentEvent {
  id: string;
  clientId: string;
  purposeId: string;
  purposeLabel: string;
  state: ConsentState;
  basis: MarketingBasis | null;
  /** When the person gave, refused or withdrew it (may be earlier than recordedAt). */
  occurredAt: string;
  recordedAt: string;
  recordedByName: string;
  method: ConsentMethod;
  noticeId: string | null;
  noticeVersion: string | null;
  /** The exact wording the person was shown or told. */
  wording: string;
  evidenceFileId: string | null;
  treatmentId: string | null;
  softOptIn: SoftOptIn | null;
  tpsCheckedOn: string | null;
  tpsRegistered: boolean | null;
  /** A fresh, explicit consent that lifts a marketing objection. */
  explicitRegrant: boolean;
  note: string;
  /** When this event corrects a mistaken one. */
  correctsEventId: string | null;
  /**
   * A grant with no privacy-notice version or no wording: the clinic cannot
   * show what the person was told (Art 7(1)). Shown as "evidence incomplete".
   */
  evidenceIncomplete: boolean;
}

/** The event in force instead of one just recorded (it happened later). */
export interface ConsentOverride {
  eventId: string;
  state: ConsentState;
  occurredAt: string;
}

/** What consent.record and consent.withdraw return: the event, and whether a later one is in force instead. */
export interface RecordedConsent extends ConsentEvent {
  /** Null when the new event is the one in force. */
  overriddenBy: ConsentOverride | null;
}

/** Current state of one purpose, derived from the ledger. */
export interface ConsentCurrent {
  purpose: ConsentPurpose;
  state: ConsentState;
  since: string | null;
  basis: MarketingBasis | null;
  eventId: string | null;
  noticeVersion: string | null;
  /** For treatment consent: per treatment. */
  treatmentId: string | null;
  /** Granted, but without a privacy-notice version or wording (Art 7(1)). */
  evidenceIncomplete: boolean;
}

export interface ClientConsentSummary {
  clientId: string;
  /** Objected to direct marketing (Art 21(3)): on the suppression list. */
  suppressed: boolean;
  suppressedAt: string | null;
  current: ConsentCurrent[];
}

export interface PrivacyNotice {
  id: string;
  versionLabel: string;
  effectiveOn: string;
  text: string;
  createdAt: string;
  createdByName: string;
}

export interface NoticeAffectedClient {
  clientId: string;
  name: string;
  purposes: string[];
  noticeVersion: string;
}

/** Clients whose granted consents rest on an older notice: each counted once, under no notice if any rests on none. */
export interface NoticeAffectedCount {
  noNotice: number;
  olderVersion: number;
  total: number;
}

/** A page of the affected clients in name order; `next` is the cursor for the page after, or null at the end. */
export interface NoticeAffectedPage {
  clients: NoticeAffectedClient[];
  next: string | null;
}

export type MarketingExclusion =
  | 'not-granted'
  | 'suppressed'
  | 'restricted'
  | 'deceased'
  | 'under-18'
  | 'no-contact-detail'
  | 'evidence-incomplete'
  | 'tps'
  | 'tps-check-out-of-date'
  /** A number changed or added since its screening, or never screened (docs/phones-and-tps.md). */
  | 'tps-not-screened';

export interface MarketingExport {
  channel: MarketingChannel;
  generatedAt: string;
  included: number;
  /**
   * Of those included, how many rest on a consent whose evidence is incomplete:
   * 0 unless the clinic's setting marketingIncludesIncompleteEvidence is on.
   */
  includedEvidenceIncomplete: number;
  excluded: Record<MarketingExclusion, number>;
  /** CSV text (UTF-8, with a header row), ready for a mailing or SMS service. */
  csv: string;
}
