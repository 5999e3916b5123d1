/**
 * What the retention batch actions answer (docs/retention-actions.md): a batch
 * of destroy or anonymise over a selection, its items, and the destruction
 * certificates. Ids, dates and counts only: nothing here names a client.
 */

/** Mirrors the retention queue's categories (retention-core's RetentionCategory). */
export const RETENTION_ACTION_CATEGORIES = ['clinical', 'personal', 'requests'] as const;
export type RetentionActionCategory = (typeof RETENTION_ACTION_CATEGORIES)[number];

export type RetentionBatchKind = 'destroy' | 'anonymise';
/**
 * running: running now; stopped: Cancel pressed, the rest untouched;
 * interrupted: marked running but no run is in progress (the app closed or
 * crashed during it); done: every item done or refused.
 */
export type RetentionBatchStatus = 'running' | 'stopped' | 'interrupted' | 'done';

export interface RetentionBatchRefusal {
  clientId: string;
  code: string;
  message: string;
}

export interface RetentionBatch {
  id: string;
  kind: RetentionBatchKind;
  status: RetentionBatchStatus;
  asOf: string;
  policyVersion: number;
  startedAt: string;
  startedBy: string;
  startedByName: string;
  finishedAt: string | null;
  total: number;
  done: number;
  refused: number;
  pending: number;
  refusals: RetentionBatchRefusal[];
  certificateId: string | null;
}

export interface RetentionCertificateClient {
  /** The vault's reference for the client (its id): no name, no date of birth. */
  reference: string;
  categories: string[];
  /** Treatment statistics kept, for an anonymised client. */
  anonymisedTreatments?: number;
}

/** The certificate's own data: its SHA-256 (of this, as canonical JSON) is in the audit log. */
export interface RetentionCertificateData {
  certificateId: string;
  batchId: string;
  kind: RetentionBatchKind;
  clinicName: string;
  issuedAt: string;
  asOf: string;
  startedAt: string;
  staff: { id: string; name: string };
  policyVersion: number;
  count: number;
  clients: RetentionCertificateClient[];
  refusedCount: number;
  backupStatement: string;
}

export interface RetentionCertificateSummary {
  id: string;
  batchId: string;
  kind: RetentionBatchKind;
  issuedAt: string;
  count: number;
  policyVersion: number;
  staffName: string;
  sha256: string;
}

export interface RetentionCertificatePdf {
  fileName: string;
  pdfBase64: string;
  /** The SHA-256 of the certificate's data, as recorded in the audit log. */
  sha256: string;
  pages: number;
}
