/** What the backup feature tells the renderer and the CLI (docs/backups.md). */

export interface BackupSettings {
  /** The backup set's folder (an external drive, a network share, a synced folder), or null when none is chosen. */
  destination: string | null;
  /** An optional second set, written after the first. */
  secondDestination: string | null;
  /** Daily at this London time, HH:MM. */
  dailyAt: string;
  /** Also back up when the app closes. */
  onClose: boolean;
  keepDaily: number;
  keepWeekly: number;
  keepMonthly: number;
  /** The status turns red when the last verified backup is older than this. */
  staleAfterDays: number;
  /** A restore drill runs when the last one is older than this. */
  drillEveryDays: number;
}

export interface SnapshotCounts {
  clients: number;
  photos: number;
  files: number;
  auditEntries: number;
}

export interface SnapshotCheck {
  at: string;
  ok: boolean;
  /** Each problem names the file or check that failed. */
  problems: string[];
}

export interface SnapshotSummary {
  id: string;
  createdAt: string;
  clinicName: string;
  vaultId: string;
  appVersion: string;
  counts: SnapshotCounts;
  /** Every byte the snapshot needs (its own files and the blobs it lists). */
  totalBytes: number;
  /** What this snapshot added to the set: blobs the set did not have yet, plus its own files. */
  newBytes: number;
  databaseKeyVersion: number;
  /** Usernames (and the recovery key) that could open it when it was taken. */
  openableBy: string[];
  /** The last verification recorded for it in this vault (null when never checked from here). */
  lastCheck: SnapshotCheck | null;
}

export interface BackupRunResult {
  destination: string;
  snapshot: SnapshotSummary;
  verification: SnapshotCheck;
  /** Blobs copied this time and blobs already in the set. */
  blobsCopied: number;
  blobsReused: number;
  /** Part-written snapshots from an earlier run that was cut short, removed before this one. */
  cleanedUp: string[];
}

/**
 * What the checks after a snapshot found, once they had finished (backup.waitForChecks): its database
 * rebuilt from the set with every page authenticated and SQLite's structure check, then the rotation.
 */
export interface BackupCheckAfter {
  destination: string;
  snapshotId: string;
  /** False when the check could not finish (the vault closed first, or the set could not be read): the next verify checks the snapshot in full. */
  finished: boolean;
  ok: boolean;
  problems: string[];
  /** Snapshots the rotation no longer keeps, removed once this one had passed. */
  pruned: string[];
}

export interface BackupChecksResult {
  checks: BackupCheckAfter[];
}

export interface BackupNowResult {
  runs: BackupRunResult[];
  /** A destination that could not be written (the first run still counts if it succeeded). */
  failures: { destination: string; code: string; message: string }[];
}

export interface BackupVerifyResult {
  destination: string;
  checked: { id: string; check: SnapshotCheck }[];
  ok: boolean;
}

export interface BackupDrillResult {
  destination: string;
  snapshotId: string;
  ok: boolean;
  problems: string[];
  counts: SnapshotCounts | null;
  seconds: number;
}

export interface BackupPruneResult {
  destination: string;
  kept: string[];
  pruned: string[];
  blobsRemoved: number;
  bytesFreed: number;
}

export interface BackupStatus {
  configured: boolean;
  destination: string | null;
  lastVerifiedAt: string | null;
  lastFailure: { at: string; code: string; message: string } | null;
  /** Red: no verified backup within staleAfterDays, or the last attempt failed. */
  attention: boolean;
  message: string;
  /** The next scheduled run is due now (the shell asks for it). */
  due: boolean;
}

export interface RestoreResult {
  vaultDir: string;
  snapshotId: string;
  clinicName: string;
  counts: SnapshotCounts;
  /** Set when a later snapshot, or the vault being replaced, uses a newer database key. */
  olderKeyWarning: string | null;
  /** Part-written restores of an earlier run that was cut short, removed first. */
  cleanedUp: string[];
  /** The app uses the restored vault from its next start (the current one is kept aside, renamed). */
  switchesAtNextStart?: boolean;
  /**
   * Destructions recorded after the snapshot was taken (the set's destruction ledger), re-applied
   * before the restored vault became usable: entries applied, and clients found and destroyed again.
   */
  destructionsReapplied: { entries: number; clients: number };
}
