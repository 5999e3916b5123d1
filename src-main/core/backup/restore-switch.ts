/**
 * Switching the app to a restored vault (docs/backups.md, "Restoring in the
 * app"). The running app holds its vault folder open (the process lock, the
 * database), so it never swaps folders under itself. A restore from the
 * sign-in screen goes into a folder beside the vault (`<vault>.restored-<id>`),
 * is checked there, and leaves a small record beside both
 * (`<vault>.restore-pending.json`). At the next start, before anything opens
 * the vault, `applyPendingRestore` renames the current vault aside
 * (`<vault>.replaced-<time>`, never overwritten or deleted) and the restored
 * folder into its place. Each step is a rename and the record goes last, so a
 * start killed half way finishes the switch at the start after.
 */
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomicSync } from '../platform/atomic-file';

interface PendingRestore {
  restored: string;
  replaced: string;
  snapshotId: string;
}

export function pendingRestorePath(vaultDir: string): string {
  return join(dirname(vaultDir), `${basename(vaultDir)}.restore-pending.json`);
}

/** Where the app restores to: beside the vault, so the switch is a rename on the same disk. */
export function restoreTargetFor(vaultDir: string, snapshotId: string): string {
  return join(dirname(vaultDir), `${basename(vaultDir)}.restored-${snapshotId}`);
}

export function recordPendingRestore(vaultDir: string, restored: string, snapshotId: string, now: Date): void {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const record: PendingRestore = { restored, replaced: join(dirname(vaultDir), `${basename(vaultDir)}.replaced-${stamp}`), snapshotId };
  writeFileAtomicSync(pendingRestorePath(vaultDir), JSON.stringify(record, null, 2));
}

/** Finishes a switch asked for before the last close. Returns what happened, for the log. */
export function applyPendingRestore(vaultDir: string): { switched: boolean; replacedKeptAt: string | null } {
  const path = pendingRestorePath(vaultDir);
  if (!existsSync(path)) return { switched: false, replacedKeptAt: null };
  const record = JSON.parse(readFileSync(path, 'utf8')) as PendingRestore;
  if (existsSync(record.restored)) {
    if (existsSync(vaultDir)) {
      if (existsSync(record.replaced)) throw new Error(`cannot set the vault aside: ${record.replaced} already exists`);
      renameSync(vaultDir, record.replaced);
    }
    renameSync(record.restored, vaultDir);
  }
  rmSync(path, { force: true });
  return { switched: true, replacedKeptAt: existsSync(record.replaced) ? record.replaced : null };
}
