/**
 * The one contract between the renderer and the app. Every call the renderer
 * can make is listed here with its output type; its input type comes from the
 * schema of the same name, so a method missing from either side fails to compile.
 */
import type { ApiResult } from './errors';
import type { ClientPhoneTps } from './tps-types';
import type { AccessPackExportResult, AccessPackPdf, AccessPackReview } from './access-pack-schemas';
import type { ProcessingRecord, ProcessingRecordPdf, ProcessingRecordVersion } from './processing-types';
import type { RequestDashboard, RequestLetter, RequestWithHistory, SubjectRequest } from './request-types';
import type {
  BackupDrillResult,
  BackupChecksResult,
  BackupNowResult,
  BackupPruneResult,
  BackupSettings,
  BackupStatus,
  BackupVerifyResult,
  RestoreResult,
  SnapshotSummary,
} from './backup-types';
import type { RetentionBatch, RetentionCertificatePdf, RetentionCertificateSummary } from './retention-action-types';
import type { Method, MethodInput } from './schemas';
import type {
  AppStatus,
  AuditCsvChunk,
  AuditPage,
  AuditVerifyResult,
  ClinicSettings,
  SessionInfo,
  SetupResult,
  StaffListEntry,
  StaffMember,
  SyntheticSeedResult,
  VaultVerifyResult,
} from './types';
import type {
  ClientRecord,
  ClientSearchHit,
  FieldChange,
  FieldDispute,
  LifestyleHistory,
  MedicalHistory,
  PhotoImage,
  PhotoSummary,
  RecallHit,
  Treatment,
  TreatmentType,
  UploadReceipt,
} from './record-types';
import type {
  ClientConsentSummary,
  ConsentEvent,
  RecordedConsent,
  ConsentPurpose,
  MarketingExport,
  NoticeAffectedCount,
  NoticeAffectedPage,
  PrivacyNotice,
} from './consent-types';
import type { ClinicalAlerts, RecentClients } from './alert-types';
import type { MergePreview, PossibleDuplicate } from './duplicate-types';
import type { BankHolidayYear } from './calendar-types';
import type {
  ErasurePreview,
  ErasureResult,
  ErasureStatus,
  PortabilityExport,
  RectificationRecord,
  RectificationDecision,
  ClientStatement,
  Restriction,
  RestrictionState,
} from './erasure-types';
import type { HeldClientView, LegalHold, RetentionPolicy, RetentionPolicyPreview, RetentionQueueView } from './retention-types';

export interface MethodOutputs {
  'app.status': AppStatus;
  'vault.setup': SetupResult;
  'vault.confirmRecoveryKey': void;
  'vault.verify': VaultVerifyResult;
  /** The owner confirms an older database (docs/audit-anchoring.md); the session's warnings after it. */
  'vault.acceptRollback': SessionInfo;
  'vault.reissueRecoveryKey': { recoveryKey: string };
  'vault.seedSynthetic': SyntheticSeedResult;
  /** Re-encrypts the database under a new key granted to the current slots only (owner). */
  'vault.rotateDatabaseKey': { version: number };
  'session.signIn': SessionInfo;
  'session.recover': SessionInfo;
  'session.signOut': void;
  'session.lock': void;
  'session.touch': void;
  'session.changePassword': void;
  'staff.list': StaffListEntry[];
  'staff.add': StaffMember;
  'staff.remove': void;
  'staff.resetPassword': void;
  'settings.get': ClinicSettings;
  'settings.update': ClinicSettings;
  'audit.list': AuditPage;
  'audit.verify': AuditVerifyResult;
  /** Who has opened this client's record (owner): staff name, time, action. */
  'audit.recordOpenings': AuditPage;
  'audit.exportCsv': AuditCsvChunk;
  'clients.search': { results: ClientSearchHit[] };
  'clients.create': ClientRecord;
  'clients.get': ClientRecord;
  'clients.update': ClientRecord;
  'clients.history': { changes: FieldChange[]; disputes: FieldDispute[] };
  'clients.addDispute': FieldDispute;
  'clients.resolveDispute': void;
  'medical.get': MedicalHistory;
  'medical.update': MedicalHistory;
  'lifestyle.get': LifestyleHistory;
  'lifestyle.update': LifestyleHistory;
  'treatmentTypes.list': TreatmentType[];
  'treatmentTypes.save': TreatmentType;
  'treatments.list': Treatment[];
  'treatments.get': Treatment;
  'treatments.create': Treatment;
  'recall.byBatch': { batchNumber: string; hits: RecallHit[] };
  'photos.list': PhotoSummary[];
  'photos.get': PhotoImage;
  'photos.import': PhotoSummary;
  'photos.update': PhotoSummary;
  'uploads.discard': void;
  'consent.purposes': ConsentPurpose[];
  'consent.savePurpose': ConsentPurpose;
  'consent.record': RecordedConsent;
  'consent.withdraw': RecordedConsent;
  'consent.current': ClientConsentSummary;
  'consent.history': ConsentEvent[];
  'consent.object': ClientConsentSummary;
  'notices.list': PrivacyNotice[];
  'notices.publish': { notice: PrivacyNotice };
  'notices.affectedCount': NoticeAffectedCount;
  'notices.affected': NoticeAffectedPage;
  'notices.affectedCsv': { csv: string; rows: number };
  'marketing.export': MarketingExport;
  'tps.status': ClientPhoneTps[];
  'tps.screen': ClientPhoneTps[];
  'tps.noObjection': ClientPhoneTps[];
  'clients.setDeceased': ClientRecord;
  'clients.clinicalAlerts': ClinicalAlerts;
  'home.recentClients': RecentClients;
  'recall.csv': { batchNumber: string; csv: string; rows: number };
  'clients.findPossibleDuplicates': { matches: PossibleDuplicate[] };
  'clients.mergePreview': MergePreview;
  /** The kept record after the merge. */
  'clients.merge': ClientRecord;
  /** The year's bank holidays for the clinic's region; the add/remove answers are the changed date's year. */
  'calendar.holidays': BankHolidayYear;
  'calendar.addHoliday': BankHolidayYear;
  'calendar.removeHoliday': BankHolidayYear;
  'accessPack.review': AccessPackReview;
  'accessPack.redact': AccessPackReview;
  'accessPack.unredact': AccessPackReview;
  /** Writes the PDF and ZIP to outDir; the passphrase (when protected) is in the answer only. */
  'accessPack.export': AccessPackExportResult;
  /** The response PDF alone (base64), for the app's preview, Save and Print. */
  'accessPack.pdf': AccessPackPdf;
  'requests.add': RequestWithHistory;
  'requests.recordIdentity': RequestWithHistory;
  'requests.update': RequestWithHistory;
  'requests.get': RequestWithHistory;
  'requests.list': SubjectRequest[];
  'requests.dashboard': RequestDashboard;
  'requests.letter': RequestLetter;
  'processing.get': ProcessingRecord;
  'processing.update': ProcessingRecord;
  'processing.history': { versions: ProcessingRecordVersion[] };
  'processing.exportPdf': ProcessingRecordPdf;
  /** What an erasure would destroy and what it keeps until when (owner). */
  'erasure.preview': ErasurePreview;
  'erasure.apply': ErasureResult;
  /** Null when the client's data has not been erased. */
  'erasure.status': ErasureStatus | null;
  /** The reply letter's copyable text. */
  'erasure.letter': { text: string };
  'restriction.get': RestrictionState;
  'restriction.set': Restriction;
  'restriction.lift': Restriction;
  'rectification.list': RectificationRecord;
  'rectification.decline': RectificationDecision;
  'rectification.recordStatement': ClientStatement;
  'portability.export': PortabilityExport;
  'retention.policy.get': RetentionPolicy;
  /** Every version, newest first. */
  'retention.policy.history': { versions: RetentionPolicy[] };
  /** Rows due today that the proposed policy would take out of the queue or bring in. */
  'retention.policy.preview': RetentionPolicyPreview;
  'retention.policy.set': RetentionPolicy;
  'retention.queue': RetentionQueueView;
  'retention.review': { keptUntil: string; reviewed: number };
  'holds.place': LegalHold;
  'holds.release': LegalHold;
  'holds.list': { holds: HeldClientView[] };
  /** The client's open hold (or null) and its history. */
  'holds.forClient': { current: LegalHold | null; history: LegalHold[] };
  'backup.status': BackupStatus;
  'backup.getSettings': BackupSettings;
  'backup.saveSettings': BackupSettings;
  'backup.now': BackupNowResult;
  /** Waits for the checks still running after the snapshots made so far, and answers what they found (each once). */
  'backup.waitForChecks': BackupChecksResult;
  /** null when nothing was due. */
  'backup.runScheduled': { ran: 'snapshot' | 'drill' | null; result: BackupNowResult | BackupDrillResult | null };
  'backup.list': { destination: string; snapshots: SnapshotSummary[] };
  'backup.verify': BackupVerifyResult;
  'backup.drill': BackupDrillResult;
  'backup.prune': BackupPruneResult;
  'restore.list': { from: string; snapshots: SnapshotSummary[] };
  'restore.run': RestoreResult;
  /** Runs the batch to its end (or its Cancel) and answers its state; a stopped batch is resumed later. */
  'retention.destroy': RetentionBatch;
  'retention.anonymise': RetentionBatch;
  'retention.batch.status': RetentionBatch;
  'retention.batch.resume': RetentionBatch;
  'retention.batch.list': { batches: RetentionBatch[] };
  'retention.certificates.list': { certificates: RetentionCertificateSummary[] };
  'retention.certificates.pdf': RetentionCertificatePdf;
}

// Compile-time check that outputs and schemas list the same methods.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const CONTRACT_COMPLETE: Same<keyof MethodOutputs, Method> = true;

export type MethodOutput<M extends Method> = MethodOutputs[M];

/**
 * What the preload exposes as `window.clinic` (and what the browser host
 * imitates over HTTP). A single entry point keeps the exposed surface to one
 * function whose argument is validated on the other side.
 */
export interface ClinicBridge {
  /**
   * `callId` (CALL_ID_PATTERN, chosen by the page) names a long call so that its
   * progress reaches `onProgress` and `cancel` can stop it (docs/core-worker.md).
   */
  call<M extends Method>(
    method: M,
    input: MethodInput<M>,
    options?: { callId?: string },
  ): Promise<ApiResult<MethodOutput<M>>>;
  /**
   * Hands a file's bytes (a photo, a scanned form) to the app, which streams them
   * straight into the encrypted file store as a staged upload. The returned id is
   * then passed to a call such as photos.import. Staged uploads not used within
   * an hour, or when the vault locks, are destroyed.
   */
  upload(data: Uint8Array, meta: { fileName: string }): Promise<ApiResult<UploadReceipt>>;
  /** Progress of the calls made with a callId, as the core reports it. Returns the unsubscribe. */
  onProgress(listener: (callId: string, progress: CallProgress) => void): () => void;
  /** Asks the core to stop the call with this callId; that call then answers CANCELLED. */
  cancel(callId: string): Promise<void>;
  /**
   * The desktop app only: opens the system's folder window and returns the folder
   * picked (null when the owner closes it). Calls that name a folder (contract/folder-fields.ts)
   * are refused with FOLDER_NOT_CHOSEN for any folder not picked this way, so a page
   * that has been tampered with cannot send backups or exports somewhere of its choosing.
   * Absent in the loopback browser host, where the folder is typed.
   */
  pickFolder?(purpose: FolderPurpose): Promise<string | null>;
}

/** What a folder is picked for: the title of the folder window. */
export type FolderPurpose = 'backup-destination' | 'restore-source' | 'export-destination';

/**
 * How far a long call has got. `total` 0 means not known yet (the bar shows
 * activity rather than a fraction); `label` says what it is doing, for the person at the desk.
 */
export interface CallProgress {
  done: number;
  total: number;
  label: string;
}

/** A call id: short, plain characters, so it can be logged and used as a map key safely. */
export const CALL_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** The IPC channels the preload uses. */
export const IPC_CHANNEL = 'clinic:call';
export const IPC_UPLOAD_CHANNEL = 'clinic:upload';
/** Main to renderer: `{ callId, progress }` for calls made with a callId. */
export const IPC_PROGRESS_CHANNEL = 'clinic:progress';
/** Renderer to main: `{ callId }`, stop that call. Sender-checked like the two above. */
export const IPC_CANCEL_CHANNEL = 'clinic:cancel';
/** Renderer to main: `{ purpose }`, open the folder window; answers the path or null. */
export const IPC_PICK_FOLDER_CHANNEL = 'clinic:pick-folder';
