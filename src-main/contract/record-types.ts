import type { LegalHoldSummary } from './retention-types';
/** Output types for client records, treatments, photos and search (issue #3). */

export type RecordSection = 'identity' | 'medical' | 'lifestyle';

export interface OtherPhone {
  label: string;
  number: string;
}

export interface GpDetails {
  name: string;
  practice: string;
  address: string;
  phone: string;
}

/** Identity, contact and preferences: what reception may see. */
export interface ClientIdentity {
  firstName: string;
  lastName: string;
  preferredName: string;
  dateOfBirth: string; // YYYY-MM-DD
  gender: string;
  addressLines: string[];
  postcode: string;
  email: string;
  mobile: string;
  otherPhones: OtherPhone[];
  /** Facebook Messenger username (m.me/…), for the Messenger marketing list only; '' when not known. */
  messengerHandle: string;
  nhsNumber: string;
  occupation: string;
  treatmentInterests: string[];
  gp: GpDetails | null;
  notes: string;
}

export interface ClientRecord extends ClientIdentity {
  id: string;
  createdAt: string;
  updatedAt: string;
  /** Latest treatment, contact, consent change or request (used for retention). */
  lastInteractionAt: string;
  /**
   * Date of the latest treatment, if any. This and the two counts are left out for
   * reception when the clinic turns off receptionSeesVisitSummary (clinic settings).
   */
  lastVisitOn?: string | null;
  /** Set when the clinic has been told the client has died (YYYY-MM-DD). */
  deceasedOn: string | null;
  treatmentCount?: number;
  photoCount?: number;
  /** Fields the client disputes, open ones only. */
  openDisputes: FieldDispute[];
  /** An open legal hold (docs/retention.md): nothing of the record may be destroyed. The reason is the owner's only (empty for others). */
  legalHold: LegalHoldSummary | null;
}

export type YesNoUnknown = 'yes' | 'no' | 'unknown' | 'not-applicable';

export interface MedicalHistory {
  conditions: string;
  medications: string;
  allergies: string;
  pregnant: YesNoUnknown;
  breastfeeding: YesNoUnknown;
  previousAestheticTreatments: string;
  contraindications: string;
  notes: string;
  /** When the history was last reviewed with the client (YYYY-MM-DD). */
  reviewedOn: string | null;
  updatedAt: string | null;
}

export type Smoking = 'never' | 'former' | 'current' | 'unknown';
export type SunExposure = 'low' | 'moderate' | 'high' | 'unknown';

export interface LifestyleHistory {
  smoking: Smoking;
  alcohol: string;
  sunExposure: SunExposure;
  skincareRoutine: string;
  notes: string;
  reviewedOn: string | null;
  updatedAt: string | null;
}

/** One change to one field (Art 16 rectification history). Values shown as text. */
export interface FieldChange {
  id: string;
  section: RecordSection;
  field: string;
  oldValue: string | null;
  newValue: string | null;
  changedAt: string;
  changedById: string;
  changedByName: string;
  reason: string;
}

export interface FieldDispute {
  id: string;
  section: RecordSection;
  field: string;
  note: string;
  recordedAt: string;
  recordedByName: string;
  resolvedAt: string | null;
}

export interface ClientSearchHit {
  id: string;
  firstName: string;
  lastName: string;
  preferredName: string;
  dateOfBirth: string;
  postcode: string;
  email: string;
  mobile: string;
  /** Left out for reception when the clinic turns off receptionSeesVisitSummary. */
  lastVisitOn?: string | null;
  /** What the query matched: name (whole or a prefix), name-part (inside a name), similar-name (one edit away), phone, email, postcode or dob. */
  matchedOn: 'name' | 'name-part' | 'similar-name' | 'phone' | 'email' | 'postcode' | 'dob' | 'recent';
  /** Present only when the client is under a legal hold (the results list marks it). */
  legalHold?: LegalHoldSummary;
}

export interface TreatmentType {
  id: string;
  name: string;
  /** Product, batch/lot number and expiry are required (recall tracing). */
  injectable: boolean;
  /** Botulinum toxin or dermal filler: the under-18 rule applies. */
  toxinOrFiller: boolean;
  /**
   * False for an injectable saved before the toxin/filler question had to be
   * answered: the owner is asked again, and until then the under-18 rule applies.
   */
  toxinOrFillerAnswered: boolean;
  /** One of the seeded types, whose injectable and toxin/filler answers are fixed (2021 Act). */
  builtIn: boolean;
  active: boolean;
}

/**
 * The 2021 Act's only exception: a registered doctor assessed the child and
 * approved the treatment. Approvals recorded before the assessment date and
 * the reason were asked for have them null and ''.
 */
export interface DoctorException {
  doctorName: string;
  gmcNumber: string;
  /** ISO date of the doctor's assessment. */
  assessedOn: string | null;
  reason: string;
}

export type AmountUnit = 'units' | 'ml' | 'mg' | 'vials' | 'other';

export interface Treatment {
  id: string;
  clientId: string;
  treatedOn: string;
  practitionerId: string;
  practitionerName: string;
  typeId: string;
  typeName: string;
  areas: string[];
  product: string;
  batchNumber: string;
  batchExpiry: string | null;
  amount: number | null;
  amountUnit: AmountUnit | null;
  consentFormFileId: string | null;
  notes: string;
  aftercare: string;
  followUpOn: string | null;
  adverseEvent: string;
  mhraReported: boolean;
  mhraReference: string;
  doctorException: DoctorException | null;
  /**
   * The day the practitioner ticked "I have reviewed the medical history today"
   * when recording this treatment (YYYY-MM-DD), or null if they did not.
   */
  medicalHistoryReviewedOn: string | null;
  createdAt: string;
  createdByName: string;
}

export interface RecallHit {
  clientId: string;
  clientName: string;
  dateOfBirth: string;
  mobile: string;
  email: string;
  treatmentId: string;
  treatedOn: string;
  product: string;
  batchNumber: string;
  practitionerName: string;
}

export const PHOTO_STAGES = ['before', 'after', 'during', 'other'] as const;

/**
 * Photos imported at once by the UI's drop and the CLI's `photos add`: on 2
 * cores (bench/photo-import.ts) 3 keeps both busy; more adds nothing.
 */
export const PHOTO_IMPORTS_IN_FLIGHT = 3;
export type PhotoStage = (typeof PHOTO_STAGES)[number];

/** What a photo may be used for, each resting on the client's consent. */
export const PHOTO_CONSENT_SCOPES = ['clinical-record', 'insurer', 'training', 'website-social'] as const;
export type PhotoConsentScope = (typeof PHOTO_CONSENT_SCOPES)[number];

export interface PhotoSummary {
  id: string;
  clientId: string;
  treatmentId: string | null;
  area: string;
  stage: PhotoStage;
  takenOn: string;
  width: number;
  height: number;
  mediaType: string;
  consentScopes: PhotoConsentScope[];
  /**
   * The tagged scopes allowed now: 'clinical-record' always (held for health care,
   * not on consent), the others only while the client's photo.<scope> consent is granted.
   */
  activeScopes: PhotoConsentScope[];
  /** A link to the consent that grants the scopes (the consent ledger arrives in issue #4). */
  consentReference: string;
  /** A small JPEG as a data: URL, for lists and pickers. */
  thumbnailDataUrl: string;
  createdAt: string;
}

export interface PhotoImage {
  photo: PhotoSummary;
  /** The full (metadata-stripped) image as a data: URL. */
  imageDataUrl: string;
}

export interface UploadReceipt {
  uploadId: string;
  size: number;
}
