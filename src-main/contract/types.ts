import type { Permission, Role } from './permissions';

export type VaultState = 'no-vault' | 'locked' | 'unlocked';

/** Bank-holiday regions as GOV.UK publishes them. */
export const BANK_HOLIDAY_REGIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export type BankHolidayRegion = (typeof BANK_HOLIDAY_REGIONS)[number];

export interface SessionInfo {
  staffId: string;
  username: string;
  displayName: string;
  role: Role;
  permissions: Permission[];
  signedInAt: string; // ISO-8601
  autoLockMinutes: number;
  /** Problems found when the vault was unlocked, for the owner to see (docs/audit-anchoring.md). */
  warnings: SessionWarning[];
}

/**
 * What the unlock checks found. `audit_tampered`: the audit log no longer matches
 * its signed checkpoints (shown as a banner). `rollback_unconfirmed`: the database
 * is older than one used before; until the owner accepts it (vault.acceptRollback)
 * every other call is refused (shown as a dialog with an Accept button).
 */
export type SessionWarning =
  | { kind: 'audit_tampered'; message: string; firstBrokenSeq: number | null }
  | { kind: 'rollback_unconfirmed'; message: string; lastUsedAt: string };

export interface AppStatus {
  state: VaultState;
  appVersion: string;
  /** Shown on the sign-in screen; not personal data. */
  clinicName: string | null;
  session: SessionInfo | null;
  /** True until the owner confirms the recovery key is stored safely. */
  recoveryKeyPending: boolean;
  /** A startup problem that stops the vault opening (damaged keyring, newer version...). */
  startupError: { code: string; message: string } | null;
  /** Set for the owner when the last quick check at sign-in found damage: the UI shows a warning. */
  quickCheckDamage?: QuickCheckStatus | null;
}

export interface ClinicSettings {
  clinicName: string;
  addressLines: string[];
  postcode: string;
  phone: string;
  email: string;
  icoRegistrationNumber: string;
  dataProtectionContact: string;
  bankHolidayRegion: BankHolidayRegion;
  autoLockMinutes: number;
  /** Largest photo or document accepted, in MB. */
  maxUploadMB: number;
  /** Reception sees treatment and photo counts and the last visit date (default true). */
  receptionSeesVisitSummary: boolean;
  /** The marketing list includes consents whose evidence is incomplete (default false: left out, counted). */
  marketingIncludesIncompleteEvidence: boolean;
  /** A medical history older than this many months needs a review before treating (default 12). */
  medicalReviewMonths: number;
}

export interface StaffMember {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  createdAt: string;
  removedAt: string | null;
}

/** A member of staff as the owner's staff list shows them. */
export interface StaffListEntry extends StaffMember {
  /**
   * Their role reads clinical records but their key slot was never granted the
   * clinical key (converted from an earlier version's keyring): the owner
   * resetting their password grants it.
   */
  needsPasswordResetForClinical: boolean;
}

export interface SetupResult {
  /** Shown once, in printable groups; never stored in plain form. */
  recoveryKey: string;
  session: SessionInfo;
}

export interface AuditEntry {
  seq: number;
  at: string;
  staffId: string | null;
  /** Filled in for display from the staff table; never stored in the log itself. */
  staffName: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  detail: Record<string, string | number | boolean | null> | null;
  /**
   * The client the entry is about: its subject when that is a client, else the
   * clientId its detail carries (a treatment or photo viewed). Null when none.
   */
  clientId: string | null;
  /**
   * Looked up for the page when it is shown (src-main/core/audit-viewer/audit-names.ts),
   * only for a role that may read the audit log; never stored in the log.
   * Null when not looked up, or when the record no longer exists.
   */
  clientName: string | null;
  /** The staff member an entry about staff concerns (staff added, password reset), looked up the same way. */
  subjectName: string | null;
}

/** One piece of a streamed CSV export of the audit log (audit.exportCsv). */
export interface AuditCsvChunk {
  /** CSV text: the first piece starts with the byte-order mark and the header row. */
  csv: string;
  rows: number;
  /** Pass as `beforeSeq` for the next piece; null when this was the last. */
  nextBeforeSeq: number | null;
  /** How many entries' places (seqs) are still to be looked through: 0 at the end. For a progress bar. */
  seqsLeft: number;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `beforeSeq` to get the next (older) page; null when there is none. */
  nextBeforeSeq: number | null;
}

export interface AuditVerifyResult {
  ok: boolean;
  entriesChecked: number;
  /** The first entry whose hash does not match, if any. */
  firstBrokenSeq: number | null;
  problem: string | null;
  /** The newest signed checkpoint the log was checked against (docs/audit-anchoring.md), if any. */
  anchoredToSeq?: number | null;
  /** True when the check was cancelled before it reached the head: nothing was proven either way, and no checkpoint was signed. */
  cancelled?: boolean;
}

export interface FileCheckResult {
  checked: number;
  damaged: { fileId: string; problem: string }[];
}

/** One page that failed its SQLCipher HMAC: it is not what was written there. */
export interface DamagedPage {
  /** The database page number (1 = the first 4096 bytes of vault.db). */
  page: number;
  /** In vault.db itself, or a not-yet-merged copy in the write-ahead log (vault.db-wal). */
  location: 'database' | 'wal';
  /** For a WAL copy: its frame number in vault.db-wal (1 = first). */
  frame?: number;
  /** The table or index the page belongs to, 'free' for an unused page, null when it cannot be told. */
  belongsTo: string | null;
}

/** The whole database file, page by page (docs/integrity-checks.md). */
export interface DatabaseCheckResult {
  ok: boolean;
  pagesChecked: number;
  walFramesChecked: number;
  /** The first damaged pages (at most 100); damagedPageCount has them all. */
  damagedPages: DamagedPage[];
  damagedPageCount: number;
  /** SQLite's own structural check (PRAGMA quick_check, table by table); null when it was not run. */
  sqliteCheck: { ok: boolean; problems: string[] } | null;
}

export interface VaultVerifyResult {
  database: DatabaseCheckResult;
  audit: AuditVerifyResult;
  files: FileCheckResult;
  ok: boolean;
}

/** What vault.seedSynthetic made: counts only (the made-up people stay in the vault). */
export interface SyntheticSeedResult {
  seed: number;
  clients: number;
  treatments: number;
  photos: number;
  consentEvents: number;
  seconds: number;
}

/** The owner's daily (or weekly, for a large vault) quick page check, as the status shows it. */
export interface QuickCheckStatus {
  /** When it last ran, ISO-8601. */
  checkedAt: string;
  ok: boolean;
  damagedPageCount: number;
}
