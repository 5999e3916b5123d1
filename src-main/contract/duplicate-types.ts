/**
 * Types of the duplicate check and the merge of two client records
 * (issue #10 item 2, docs/duplicates.md). Pure TypeScript.
 */
import type { ClientIdentity, ClientRecord } from './record-types';

/** Why a record looks like the same person. */
export type DuplicateReason = 'name-and-date-of-birth' | 'email' | 'mobile';

export const DUPLICATE_REASON_LABELS: Record<DuplicateReason, string> = {
  'name-and-date-of-birth': 'same date of birth and a similar name',
  email: 'same email address',
  mobile: 'same mobile number',
};

export interface PossibleDuplicate {
  id: string;
  firstName: string;
  lastName: string;
  preferredName: string;
  dateOfBirth: string;
  postcode: string;
  email: string;
  mobile: string;
  reasons: DuplicateReason[];
}

/** The identity fields a merge lets the person choose between, in the order the form shows them. */
export const MERGE_FIELDS = [
  'firstName',
  'lastName',
  'preferredName',
  'dateOfBirth',
  'gender',
  'addressLines',
  'postcode',
  'email',
  'mobile',
  'otherPhones',
  'nhsNumber',
  'occupation',
  'treatmentInterests',
  'gp',
  'notes',
] as const satisfies readonly (keyof ClientIdentity)[];
export type MergeField = (typeof MERGE_FIELDS)[number];

/** Which record a value, or a health section, is taken from. */
export type MergeSide = 'kept' | 'merged';

export interface MergeFieldChoice {
  field: MergeField;
  /** Display text of each record's value (lists and objects as JSON); null for none. */
  kept: string | null;
  merged: string | null;
  same: boolean;
}

/** Which records hold a medical or lifestyle history. */
export type SectionPresence = 'none' | 'kept' | 'merged' | 'both';

export interface MergePreview {
  kept: ClientRecord;
  merged: ClientRecord;
  fields: MergeFieldChoice[];
  sections: { medical: SectionPresence; lifestyle: SectionPresence };
  /** What moves from the merged-away record to the kept one (its subject requests too: requests/request-store.ts). */
  moves: { treatments: number; photos: number; consentEvents: number; historyEntries: number; disputes: number; requests: number };
  /**
   * Names this exact state of both records. The merge is refused if either
   * record changed after the preview, so what is confirmed is what was shown.
   */
  planToken: string;
}
