/**
 * Every error that crosses the boundary carries one of these codes. The UI
 * shows the message (written for a receptionist, not a developer); stack traces
 * stay in the log. Pure TypeScript: imported by core, main, preload and renderer.
 */
export const ERROR_MESSAGES = {
  WRONG_CREDENTIALS: 'That username and password do not match. Check them and try again.',
  SIGNIN_THROTTLED: 'Too many failed sign-in attempts. Wait a moment, then try again.',
  NOT_SIGNED_IN: 'The vault is locked. Sign in to continue.',
  FORBIDDEN: 'Your role does not allow this. Ask the clinic owner if you need it.',
  VALIDATION: 'Some details need correcting.',
  WEAK_PASSWORD: 'Passwords must be at least 12 characters long.',
  VAULT_NOT_FOUND: 'There is no vault in this folder yet. Set up the clinic first.',
  VAULT_EXISTS: 'A vault already exists in this folder.',
  VAULT_FOLDER_MISSING:
    'The vault folder cannot be found. If it is on an external drive, connect the drive and start Clinic Vault again.',
  VAULT_NOT_WRITABLE:
    'The vault folder cannot be written to. Check that the drive is connected and that you have permission to use the folder.',
  VAULT_FROM_NEWER_VERSION:
    'This vault was saved by a newer version of Clinic Vault. Install the latest version to open it; nothing in the vault has been changed.',
  VAULT_IN_USE:
    'Clinic Vault is already open on this vault in another window or program. Close it there first.',
  KEYRING_DAMAGED:
    'The vault key file (keyring.json) is damaged, so the vault cannot be unlocked. Nothing has been changed: restore keyring.json from your backup, or contact support.',
  DATABASE_DAMAGED:
    'The vault database is damaged or is not a Clinic Vault database. Nothing has been changed: restore it from your backup, or contact support.',
  DISK_FULL: 'The disk is full, so nothing was saved. Free some space and try again.',
  FILE_DAMAGED:
    'A stored file failed its integrity check and may have been damaged. Restore it from your backup.',
  RECORD_DAMAGED:
    'Part of this record could not be opened: it looks damaged, or it was moved here from another record. Nothing has been changed: restore the vault from your backup, or contact support.',
  NOT_FOUND: 'That item could not be found. It may have been removed.',
  CONFLICT: 'That conflicts with something already saved.',
  POSSIBLE_DUPLICATE:
    'This may be a client who is already on file. Check the possible matches: open that record, or confirm this is a different person.',
  LAST_OWNER: 'The clinic must keep at least one owner account.',
  UNDER_18:
    'Botulinum toxin and dermal fillers must not be given to anyone under 18 (Botulinum Toxin and Cosmetic Fillers (Children) Act 2021). Record a registered doctor’s approval if this is the exception.',
  NOT_AN_IMAGE: 'That file is not a photo Clinic Vault can read. Use a JPEG, PNG, HEIC or WebP image.',
  FILE_TOO_LARGE: 'That file is larger than the limit set in Settings. Choose a smaller file.',
  SUPPRESSED:
    'This client has objected to direct marketing. Marketing can only be restarted with their fresh, explicit consent: confirm that they have given it.',
  ROLLBACK_UNCONFIRMED:
    'This database is older than the last one used on this PC: it may have been restored or replaced. The owner must confirm it before anyone can use it.',
  RECOVERY_KEY_INVALID: 'That recovery key is not correct. Check each group of characters and try again.',
  WEAK_KEY_SLOT:
    'This account’s key was made with a weaker setting than a real vault allows (by a test build), so it cannot be used. Ask the clinic owner to reset your password; an owner can reset their own with the recovery key.',
  CORE_RESTARTED: 'Clinic Vault had to restart its data engine. Nothing saved was lost; sign in again.',
  CANCELLED: 'Stopped before it finished. Nothing was changed.',
  KEY_CHANGE_STOPPED:
    'They have been removed and can no longer sign in. The database key was not changed, because it was stopped: change it from the Staff page (Change the database key) when nobody needs Clinic Vault for a minute.',
  ACCESS_PACK_IDENTITY_NOT_VERIFIED:
    'The requester’s identity has not been confirmed yet, so their data cannot be sent. Record on the request that ID was received (or that none was needed), then export the pack.',
  ACCESS_PACK_NO_AUTHORITY:
    'This request was made on the client’s behalf, and the requester’s authority (for example a signed letter of authority) is not recorded. Record it on the request before exporting the pack.',
  ACCESS_PACK_RESTRICTED:
    'This client’s data is restricted (UK GDPR Art 18), so it is not disclosed without the owner’s override. Give the reason for the override to export the pack.',
  ACCESS_PACK_NO_CLIENT: 'This request is not matched to a client yet. Match it to the client’s record first.',
  ACCESS_PACK_ITEM_NOT_FOUND: 'That item is not part of this client’s pack (it may have changed). Refresh the review and try again.',
  HEALTH_CHECK_REQUIRED:
    'The pack contains health data (DPA 2018 Sch 3). Before exporting, record one of: you are the appropriate health professional; a health professional’s opinion given in the last six months (their name and the date); or that the person has already seen this data.',
  HEALTH_OPINION_TOO_OLD:
    'That health professional’s opinion is more than six months old (DPA 2018 Sch 3). Ask for a new opinion and record that.',
  DATE_INVALID: 'That is not a real date. Enter it as DD/MM/YYYY.',
  DATE_BEFORE_REQUEST_RECEIVED:
    'That date is before the request was received. Check the dates: nothing can be asked for or arrive before the request itself.',
  ANSWER_BEFORE_ASKED:
    'That date is before the date it was asked for. Check both dates: an answer, ID or fee cannot arrive before it was requested.',
  BANK_HOLIDAY_REGION_UNKNOWN:
    'Choose the bank holidays for England and Wales (england-and-wales), Scotland (scotland) or Northern Ireland (northern-ireland).',
  HOLIDAY_ALREADY_LISTED: 'That date is already a bank holiday in the clinic’s calendar.',
  HOLIDAY_NOT_LISTED: 'That date is not a bank holiday in the clinic’s calendar, so there is nothing to remove.',
  REQUEST_NOT_FOUND: 'That data request could not be found. Check its reference (like DSR-2026-0007) in the Requests register.',
  REQUEST_DATE_IN_FUTURE: 'That date is after today. Enter the day it actually happened.',
  REQUEST_DATE_ORDER: 'Those dates are in the wrong order. Check them and try again.',
  REQUEST_CLOSED: 'This request is closed. Reopen it (set its status to open) before changing it.',
  REQUEST_NOT_STARTED: 'The clock is not running (the request is waiting for ID, authority, a fee or a clarification). Record what arrived first.',
  REQUEST_ALREADY_EXTENDED: 'This request has already been extended. It can be extended only once, to three months from the start.',
  PROCESSING_RECORD_CHANGED:
    'Someone else saved the record of processing while you were editing it. Reload the page to see their version, then make your changes again.',
  CLIENT_RESTRICTED:
    'This client’s record is restricted (UK GDPR Art 18): it can be viewed but not changed or used. The owner can lift the restriction once the client has been told.',
  CLIENT_RESTRICTED_DISCLOSURE:
    'This client’s record is restricted, so it cannot be released. The owner can release it only with a reason (for example, a legal claim).',
  RESTRICTION_CLIENT_NOT_TOLD:
    'Record when and how the client was told before lifting the restriction (UK GDPR Art 18(3)). Nothing was changed.',
  CLIENT_ERASED:
    'This client’s contact details were erased. Their clinical record is kept, read-only, until its retention date; it cannot be changed.',
  ALREADY_ERASED: 'This client’s contact details have already been erased. Nothing more was changed.',
  LEGAL_HOLD:
    'This client is under a legal hold, so nothing of their record can be destroyed or anonymised. Nothing was changed. If the matter is over, release the hold on the client’s page first.',
  FOLDER_NOT_CHOSEN:
    'Choose the folder with the Choose folder… button. Clinic Vault writes backups and exports, and reads backups, only in folders picked on this computer’s own folder window. Nothing was changed.',
  LEGAL_HOLD_EXISTS: 'This client is already under a legal hold. Release it first if it should be replaced.',
  NO_LEGAL_HOLD: 'This client is not under a legal hold, so there is nothing to release.',
  CLOCK_LOOKS_WRONG:
    'The computer’s date looks wrong: it is earlier than the newest record in the vault. Nothing was changed. Correct the date and time in the computer’s settings, then try again.',
  RETENTION_POLICY_SHORT:
    'A retention period under 12 months destroys records very soon after they were last used. Check it, and confirm that you mean it to save.',
  BACKUP_NO_DESTINATION: 'No backup folder is chosen yet. Choose one in Settings, Backups (an external drive or a network folder).',
  BACKUP_DESTINATION_MISSING:
    'The backup folder cannot be found. If it is on an external drive, plug the drive in: Clinic Vault will try again later.',
  BACKUP_DESTINATION_READ_ONLY: 'The backup folder cannot be written to. Check the drive is not locked and that you may write to that folder.',
  BACKUP_DESTINATION_FULL: 'The backup drive is full, so this backup was not made. Free some space on it (or use a larger drive) and try again.',
  BACKUP_SET_OTHER_VAULT:
    'That folder already holds the backups of a different clinic vault. Choose an empty folder (or a new one) for this vault’s backups.',
  BACKUP_SNAPSHOT_NOT_FOUND: 'That backup cannot be found in the backup folder. It may have been removed by the rotation; choose another.',
  BACKUP_SNAPSHOT_DAMAGED:
    'That backup is damaged or incomplete, so it cannot be restored. Nothing has been changed: choose the one before it.',
  BACKUP_MANIFEST_ALTERED:
    'That backup’s list of files has been changed since it was made, so it cannot be trusted. Nothing has been changed: choose another backup.',
  BACKUP_FROM_NEWER_VERSION:
    'That backup was made by a newer version of Clinic Vault. Install the latest version to restore it; nothing has been changed.',
  BACKUP_OTHER_CLINIC:
    'That backup is of a different clinic’s vault. Check it is the one you meant, then confirm to restore it anyway.',
  BACKUP_BUSY: 'A backup is already running. Wait for it to finish.',
  BACKUP_LEDGER_ALTERED:
    'The list of destroyed clients kept with these backups (destructions.json) has been changed, so a restore cannot tell which clients must stay destroyed. Nothing has been changed: restore from another backup folder, or ask for help.',
  RESTORE_TARGET_NOT_EMPTY: 'The folder to restore into is not empty. Choose a new, empty folder: nothing is ever restored over existing files.',
  RECORD_DESTROYED:
    'This client’s record is no longer held: it was destroyed at the end of its retention period. Close it; the destruction log lists it by reference only.',
  RETENTION_CONFIRMATION:
    'Type the confirmation word exactly as shown to start this. Nothing was changed.',
  RETENTION_NOT_DUE:
    'Some of the selected clients are not due for this yet. Refresh the retention queue and choose again. Nothing was changed.',
  RETENTION_BATCH_RUNNING: 'That batch is already running. Wait for it to finish, or stop it first.',
  RETENTION_BATCH_FINISHED: 'That batch has already finished: there is nothing left to resume.',
  INTERNAL: 'Something went wrong. Your data has not been changed. If it keeps happening, contact support.',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** Field-level problems for VALIDATION errors: which field, and what to do about it. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** The serialisable shape of an error as it crosses IPC or HTTP. */
export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
  /** Seconds to wait, for SIGNIN_THROTTLED. */
  retryAfterSeconds?: number;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues?: FieldIssue[];
  readonly retryAfterSeconds?: number;

  constructor(
    code: ErrorCode,
    message?: string,
    extra: { issues?: FieldIssue[]; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message ?? ERROR_MESSAGES[code], { cause: extra.cause });
    this.name = 'AppError';
    this.code = code;
    this.issues = extra.issues;
    this.retryAfterSeconds = extra.retryAfterSeconds;
  }

  toPayload(): ErrorPayload {
    const payload: ErrorPayload = { code: this.code, message: this.message };
    if (this.issues) payload.issues = this.issues;
    if (this.retryAfterSeconds !== undefined) payload.retryAfterSeconds = this.retryAfterSeconds;
    return payload;
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_MESSAGES, value);
}

/** Anything thrown becomes a payload; unknown errors never leak their text to the screen. */
export function toErrorPayload(err: unknown): ErrorPayload {
  if (err instanceof AppError) return err.toPayload();
  return { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL };
}

/** The result envelope used on every transport, so error codes survive serialisation. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };
