/**
 * Types of erasure (UK GDPR Art 17), restriction (Art 18), rectification
 * (Art 16) and portability (Art 20): docs/erasure-and-restriction.md.
 */
import type { RecordSection } from './record-types';

export const RESTRICTION_REASONS = ['accuracy-contested', 'unlawful-processing', 'legal-claims', 'objection-pending', 'other'] as const;
export type RestrictionReason = (typeof RESTRICTION_REASONS)[number];

export const RESTRICTION_REASON_LABELS: Record<RestrictionReason, string> = {
  'accuracy-contested': 'The client contests the accuracy of their data (Art 18(1)(a))',
  'unlawful-processing': 'Processing is unlawful and the client asked for restriction instead of erasure (Art 18(1)(b))',
  'legal-claims': 'The client needs the data kept for a legal claim (Art 18(1)(c))',
  'objection-pending': 'The client objected and the clinic is checking its grounds (Art 18(1)(d))',
  other: 'Other (see detail)',
};

export const TOLD_HOW = ['letter', 'email', 'phone', 'in_person'] as const;
export type ToldHow = (typeof TOLD_HOW)[number];

export interface Restriction {
  id: string;
  clientId: string;
  reason: RestrictionReason;
  detail: string;
  requestId: string | null;
  restrictedAt: string;
  restrictedBy: string;
  liftedAt: string | null;
  liftedBy: string | null;
  clientToldOn: string | null;
  clientToldHow: ToldHow | null;
}

export interface RestrictionState {
  current: Restriction | null;
  history: Restriction[];
}

export type ErasureCategory = 'contact' | 'marketing' | 'other' | 'clinical';

export interface ErasureGoes {
  category: ErasureCategory;
  label: string;
  /** How many items: fields, entries, files. */
  count: number;
}

export interface ErasureStays {
  what: string;
  count: number;
  /** YYYY-MM-DD. */
  keptUntil: string;
}

export interface ErasurePreview {
  clientId: string;
  requestId: string | null;
  alreadyErased: boolean;
  /** Nothing clinical is held, so the whole record goes (nothing to keep). */
  removesWholeRecord: boolean;
  goes: ErasureGoes[];
  stays: ErasureStays[];
  /** The date everything kept is kept until, or null when nothing is kept. */
  keptUntil: string | null;
  keptUntilRule: 'after-last-treatment' | 'under-18-until-25' | 'aged-17-until-26' | 'none';
  lastTreatedOn: string | null;
  /** Why what stays is kept, in words for the reply letter (Art 17(3)). */
  legalBasis: string[];
  /** Records merged into this one, erased with it. */
  mergedRecords: number;
}

export interface ErasureResult {
  preview: ErasurePreview;
  erasedAt: string;
  filesDestroyed: number;
  clientRemoved: boolean;
  /** The reply letter's copyable text, made as the erasure finished (the only copy for a record removed whole). */
  letterText: string;
  reference: string;
  /** The same letter's content, for a PDF on the clinic's letterhead (core/pdf writeLetterPdf). */
  letter: ErasureLetter;
}

/** A letter's content without the letterhead: the core/pdf LetterModel's other fields. */
export interface ErasureLetter {
  reference: string;
  /** YYYY-MM-DD. */
  date: string;
  to: string[];
  subject: string;
  paragraphs: string[];
  fields: Array<[string, string]>;
}

/** What the record view shows of an erased client. */
export interface ErasureStatus {
  clientId: string;
  erasedAt: string;
  keptUntil: string | null;
  requestId: string | null;
  /** The names that identify the kept clinical record: only for a session holding the clinical key. */
  retainedIdentity: { firstName: string; lastName: string; preferredName: string; nhsNumber: string } | null;
}

export interface RectificationDecision {
  id: string;
  clientId: string;
  requestId: string | null;
  section: RecordSection;
  field: string;
  reasons: string;
  decidedAt: string;
  decidedByName: string;
}

export interface ClientStatement {
  id: string;
  clientId: string;
  requestId: string | null;
  section: RecordSection;
  field: string;
  statement: string;
  recordedAt: string;
  recordedByName: string;
}

export interface RectificationRecord {
  decisions: RectificationDecision[];
  statements: ClientStatement[];
}

export interface PortabilityFile {
  name: string;
  mediaType: 'application/json' | 'text/csv';
  text: string;
}

export interface PortabilityExport {
  clientId: string;
  /** A folder name for the files: "portability-<client id>-<YYYY-MM-DD>". */
  folderName: string;
  files: PortabilityFile[];
}
