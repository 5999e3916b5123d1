/**
 * The backup settings and what the vault remembers about its backups (the
 * last success and failure, each snapshot's last check, the last drill), as
 * two JSON values in the settings table. Nothing here is secret or personal:
 * folders, times, snapshot ids and counts. It is written after each snapshot,
 * so it is never inside the snapshot it describes.
 */
import type { BackupSettings, SnapshotCheck } from '../../contract/backup-types';
import { backupSettingsSchema } from '../../contract/backup-schemas';
import type { SettingsRepo } from '../settings/settings-repo';

const SETTINGS_KEY = 'backup_settings';
const STATE_KEY = 'backup_state';

export interface BackupState {
  lastSuccess: { at: string; snapshotId: string; destination: string } | null;
  lastFailure: { at: string; code: string; message: string; destination: string | null } | null;
  lastDrill: { at: string; ok: boolean; snapshotId: string; problems: string[] } | null;
  /** The last scheduled run's time, so the daily one runs once a day. */
  lastScheduledAt: string | null;
  /** Per snapshot id: the last check made from this vault. */
  checks: Record<string, SnapshotCheck>;
}

const EMPTY: BackupState = { lastSuccess: null, lastFailure: null, lastDrill: null, lastScheduledAt: null, checks: {} };

export function readBackupSettings(settings: SettingsRepo): BackupSettings {
  const raw = settings.getFlag(SETTINGS_KEY);
  return backupSettingsSchema.parse(raw ? JSON.parse(raw) : {});
}

export function writeBackupSettings(settings: SettingsRepo, value: BackupSettings): void {
  settings.setFlag(SETTINGS_KEY, JSON.stringify(value));
}

export function readBackupState(settings: SettingsRepo): BackupState {
  const raw = settings.getFlag(STATE_KEY);
  return raw ? { ...EMPTY, ...(JSON.parse(raw) as Partial<BackupState>) } : { ...EMPTY };
}

export function updateBackupState(settings: SettingsRepo, change: (s: BackupState) => BackupState): BackupState {
  const next = change(readBackupState(settings));
  settings.setFlag(STATE_KEY, JSON.stringify(next));
  return next;
}
