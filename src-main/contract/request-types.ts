/**
 * The register of data subject requests (UK GDPR Arts 12, 15-22; DPA 2018
 * s.164A for complaints; docs/requests.md). What the core returns and the
 * renderer, the CLI and the other #12 steps (access pack, erasure) read.
 */

export const REQUEST_TYPES = [
  'access',
  'rectification',
  'erasure',
  'restriction',
  'objection',
  'portability',
  'consent_withdrawal',
  'complaint',
] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export const REQUEST_TYPE_LABELS: Record<RequestType, string> = {
  access: 'Access (a copy of their data)',
  rectification: 'Rectification (correct their data)',
  erasure: 'Erasure',
  restriction: 'Restriction of processing',
  objection: 'Objection',
  portability: 'Portability',
  consent_withdrawal: 'Consent withdrawal',
  complaint: 'Complaint about data protection',
};

export const REQUEST_CHANNELS = ['letter', 'email', 'phone', 'in_person', 'web_form'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

export const REQUEST_CHANNEL_LABELS: Record<RequestChannel, string> = {
  letter: 'Letter',
  email: 'Email',
  phone: 'Phone',
  in_person: 'In person',
  web_form: 'Web form',
};

/** open: being worked on; closed: the response was sent, or the request ended otherwise (the outcome says how). */
export const REQUEST_STATUSES = ['open', 'closed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUEST_OUTCOMES = [
  'complied',
  'partly_complied',
  'refused_unfounded',
  'refused_excessive',
  'no_data_held',
  'withdrawn',
] as const;
export type RequestOutcome = (typeof REQUEST_OUTCOMES)[number];

export const REQUEST_OUTCOME_LABELS: Record<RequestOutcome, string> = {
  complied: 'Done in full',
  partly_complied: 'Done in part (some withheld or kept)',
  refused_unfounded: 'Refused: manifestly unfounded',
  refused_excessive: 'Refused: manifestly excessive',
  no_data_held: 'No data held about them',
  withdrawn: 'Withdrawn by the person',
};

/** UK GDPR Art 12(5): a fee, or a refusal, only for a manifestly unfounded or excessive request. */
export const FEE_REASONS = ['manifestly_unfounded', 'manifestly_excessive'] as const;
export type FeeReason = (typeof FEE_REASONS)[number];

export type Requester =
  | { kind: 'self' }
  | {
      kind: 'third_party';
      name: string;
      relationship: string;
      /** What gives them the right to ask (a signed authority, power of attorney, parental responsibility); null until recorded. */
      authority: string | null;
      /** What was seen as proof of it; null until recorded. */
      proof: string | null;
    };

/** Something the clinic asked for before the clock starts (ID, a third party's authority). */
export interface AskedReceived {
  requestedOn: string | null;
  receivedOn: string | null;
}

export interface Clarification {
  askedOn: string;
  answeredOn: string | null;
}

export interface RequestFee {
  reason: FeeReason;
  amountPence: number;
  requestedOn: string;
  receivedOn: string | null;
}

export interface RequestExtension {
  reason: string;
  toldOn: string;
  /** Told after the first month (UK GDPR Art 12(3)): allowed with this warning recorded. */
  toldLate: boolean;
}

/** The statutory dates of a request, by the ICO method (core/requests/deadline.ts). */
export interface RequestDeadline {
  clockStartsOn: string | null;
  clockStoppedFor: 'identity' | 'authority' | 'fee' | 'clarification' | null;
  standardDueDate: string | null;
  extendedDueDate: string | null;
  extensionNoticeBy: string | null;
  stoppedDays: number;
  acknowledgeBy: string | null;
}

export interface SubjectRequest {
  id: string;
  /** Like "DSR-2026-0007": shown on letters and quoted by the person. */
  reference: string;
  clientId: string | null;
  /** The name the person gave, while not matched to a client (kept after matching, as given). */
  personName: string | null;
  /** The matched client's name as the record has it (for the register's list), else the name given. */
  displayName: string;
  types: RequestType[];
  channel: RequestChannel;
  receivedOn: string;
  requester: Requester;
  /** What ID the clinic asked for (shown on the acknowledgement letter); empty when none is needed. */
  identityNeeded: string;
  identity: AskedReceived;
  /** A third party's authority, when the clinic asked for proof of it. */
  authority: AskedReceived;
  clarifications: Clarification[];
  fee: RequestFee | null;
  extension: RequestExtension | null;
  status: RequestStatus;
  outcome: RequestOutcome | null;
  responseSentOn: string | null;
  notes: string;
  /** The date that applies now (extended when extended); null while the clock is not running. */
  dueDate: string | null;
  /** Calendar days from today to dueDate; negative when overdue; null without a due date or once closed. */
  daysLeft: number | null;
  deadline: RequestDeadline;
  /** ID received (or never asked for) and, for a third party, their authority recorded (and received, if asked for). */
  identityVerified: boolean;
  /** Why identityVerified is false, in words the owner can act on; null when verified. */
  identityProblem: string | null;
  /** Things recorded against the rules (an extension told late), kept with the request. */
  warnings: string[];
  loggedAt: string;
  loggedByName: string;
  updatedAt: string;
}

/** One change kept in the request's own history (newest last). */
export interface RequestHistoryEntry {
  seq: number;
  at: string;
  staffName: string;
  /** What happened: 'logged', 'updated', 'letter.made', 'redaction.added', 'pack.exported', 'erasure.applied', ... */
  kind: string;
  detail: Record<string, unknown>;
}

export interface RequestWithHistory {
  request: SubjectRequest;
  history: RequestHistoryEntry[];
}

/** The dashboard: open requests by due date, the urgent ones apart, and the counts. */
export interface RequestDashboard {
  today: string;
  overdue: SubjectRequest[];
  dueThisWeek: SubjectRequest[];
  /** Clock stopped: waiting for ID, authority, a fee or clarification. */
  waiting: SubjectRequest[];
  /** The other open requests, by due date. */
  open: SubjectRequest[];
  counts: { open: number; overdue: number; dueThisWeek: number; waiting: number };
}

export const REQUEST_LETTER_KINDS = ['acknowledgement', 'refusal', 'fee'] as const;
export type RequestLetterKind = (typeof REQUEST_LETTER_KINDS)[number];

export interface RequestLetter {
  text: string;
  /** The PDF, base64: the renderer saves it like a CSV download. */
  pdfBase64: string;
  fileName: string;
}
