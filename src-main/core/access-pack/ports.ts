/**
 * What the access pack needs from the other parts of issue #12, named narrowly
 * so the pack can be built and tested on its own: the request register
 * (core/requests/request-store.ts), the record of processing
 * (core/processing-record/), restriction (core/requests/restriction.ts), the
 * statement of disagreement (rectification), and the PDF builder (core/pdf/).
 * access-pack-wiring.ts plugs the real ones in; each port's shape follows
 * docs/interfaces of issue #12 so the wiring is a line each.
 */
import type { ServiceContext } from '../service/service-context';

export type PackRequester = { kind: 'self' } | { kind: 'third_party'; name: string; relationship: string; authority: string | null; proof: string | null };

/** The parts of a SubjectRequest (core/requests) the pack reads. */
export interface PackRequest {
  id: string;
  reference: string;
  clientId: string | null;
  personName: string | null;
  types: string[];
  receivedOn: string;
  dueDate: string | null;
  requester: PackRequester;
  /** ID received (or not asked for) and, for a third party, authority recorded. */
  identityVerified: boolean;
}

/** The record of processing (Art 30) fields the supplementary information is drawn from. */
export interface PackProcessingRecord {
  purposes: Array<{ name: string; lawfulBasis: string; healthCondition: string | null }>;
  dataCategories: string[];
  recipients: Array<{ name: string; kind: string; purpose: string; country: string }>;
  transfers: Array<{ destination: string; safeguard: string }>;
  retention: string[];
  sources: string;
  automatedDecisions: string;
}

export interface PackLetterhead {
  clinicName: string;
  addressLines: string[];
  phone?: string | null;
  email?: string | null;
  icoRegistration?: string | null;
}

/** The PdfBuilder methods the pack uses (core/pdf/pdf-builder.ts). */
export interface PackPdf {
  letterheadBlock(): PackPdf;
  heading(text: string, level: 1 | 2 | 3): PackPdf;
  paragraph(text: string, opts?: { bold?: boolean; muted?: boolean }): PackPdf;
  fields(rows: Array<[label: string, value: string]>): PackPdf;
  table(columns: string[], rows: string[][]): PackPdf;
  image(data: Buffer, opts: { caption: string; maxHeightPt?: number }): PackPdf;
  withheld(reasonLabel: string): PackPdf;
  pageBreak(): PackPdf;
  finish(out: NodeJS.WritableStream, opts?: { throwIfStopped?: () => void; progress?: (done: number, total: number) => void }): Promise<{ pages: number; sha256: string; bytes: number }>;
}

export interface PackPdfOptions {
  title: string;
  reference: string;
  letterhead: PackLetterhead;
  password: string | null;
  tableOfContents: boolean;
}

export interface AccessPackPorts {
  getRequest(ctx: ServiceContext, requestId: string): PackRequest;
  /** Appends to the request's own history and the audit log (ids and hashes only in the audit detail). */
  recordOnRequest(ctx: ServiceContext, requestId: string, change: { kind: string; detail: Record<string, unknown> }): void;
  /** The request's own history, for the pack's request-history section. */
  requestHistory(ctx: ServiceContext, requestId: string): Array<{ id: string; at: string; what: string }>;
  processingRecord(ctx: ServiceContext): PackProcessingRecord;
  isRestricted(ctx: ServiceContext, clientId: string): boolean;
  statementOfDisagreement(ctx: ServiceContext, clientId: string): { id: string; text: string; recordedOn: string } | null;
  letterhead(ctx: ServiceContext): PackLetterhead;
  newPdf(options: PackPdfOptions): PackPdf;
  /** Shrinks a photo for the PDF page (JPEG out); the ZIP keeps the original. */
  scaleForPage(image: Buffer, mediaType: string): Promise<Buffer>;
}
