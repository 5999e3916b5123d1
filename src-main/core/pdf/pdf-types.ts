/** The PDF builder's public shapes (docs/pdf.md). Infrastructure: nothing here knows a domain. */

export interface Letterhead {
  clinicName: string;
  addressLines: string[];
  phone?: string | null;
  email?: string | null;
  icoRegistration?: string | null;
}

export interface PdfOptions {
  title: string;
  /** Printed in the running header of every page after the first, e.g. "DSR-2026-0007". */
  reference?: string | null;
  letterhead: Letterhead;
  /** AES-256 (PDF 1.7 extension level 3); opening needs it, printing is allowed. */
  password?: string | null;
  /** A contents page (headings of levels 1 and 2, with page numbers) before the first level-1 heading. */
  tableOfContents?: boolean;
}

export interface PdfResult {
  pages: number;
  /** SHA-256 (hex) of exactly the bytes written to the stream. */
  sha256: string;
  bytes: number;
}

/** Options for a long render: progress and stop come from the caller's CallContext. */
export interface FinishOptions {
  /** Called between blocks; throw (e.g. CallContext.throwIfStopped) to abandon the document. */
  throwIfStopped?: () => void;
  progress?: (done: number, total: number) => void;
}
