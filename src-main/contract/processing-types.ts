/**
 * The record of processing activities (UK GDPR Art 30(1)): what the clinic
 * does with personal data, why, on what lawful basis, who receives it, how
 * long it is kept and how it is protected. Not personal data itself. The
 * access pack's supplementary information (Art 15(1)(a)-(h), 15(2)) is drawn
 * from it (docs/processing-record.md).
 */
export interface ProcessingPurpose {
  name: string;
  /** The Art 6(1) basis, e.g. "Contract (Art 6(1)(b))". */
  lawfulBasis: string;
  /** For health data: the Art 9(2) condition and the DPA 2018 Sch 1 condition; null when no health data is used. */
  healthCondition: string | null;
}

export interface ProcessingRecipient {
  name: string;
  kind: 'processor' | 'recipient';
  purpose: string;
  country: string;
}

export interface ProcessingTransfer {
  destination: string;
  safeguard: string;
}

export interface ProcessingRecord {
  purposes: ProcessingPurpose[];
  peopleCategories: string[];
  dataCategories: string[];
  recipients: ProcessingRecipient[];
  transfers: ProcessingTransfer[];
  retention: string[];
  securityMeasures: string[];
  /** Where data comes from when not from the person (Art 14, Art 15(1)(g)). */
  sources: string;
  /** Automated decision-making (Art 22, Art 15(1)(h)): a clinic has none, and says so. */
  automatedDecisions: string;
  /** When this version was saved (ISO instant). */
  updatedAt: string;
  /** 1 for the defaults the vault started with; each save adds one. */
  version: number;
  /** Display name of who saved it; null for the defaults. */
  updatedBy: string | null;
}

/** The fields an owner edits: everything but the version stamp. */
export type ProcessingRecordContent = Omit<ProcessingRecord, 'updatedAt' | 'version' | 'updatedBy'>;

export interface ProcessingRecordVersion {
  version: number;
  savedAt: string;
  savedBy: string | null;
}

export interface ProcessingRecordPdf {
  fileName: string;
  /** The PDF, base64: the renderer saves it as a download (works in Electron and the browser host). */
  pdfBase64: string;
  sha256: string;
  pages: number;
  bytes: number;
}
