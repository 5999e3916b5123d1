/**
 * The backup and restore methods (docs/backups.md). Making, checking and
 * removing backups and changing their settings need backup.run (owners);
 * the status, for the home page and status bar, and the schedule's own call
 * are for anyone signed in, since a backup is due whoever is at the desk.
 * Listing a set and restoring are public: they run from the sign-in screen,
 * and a restore opens nothing without the recovery key or an owner's password.
 */
import { LATEST_VERSION } from './db/migrate';
import type { CoreHandlersFor, SignedInContext } from './handler-types';
import { readPublicInfo } from './vault/public-info';
import { serviceContext } from './service/service-context';
import {
  type BackupEnv,
  backupNow,
  backupStatus,
  drillBackups,
  getBackupSettings,
  listForRestore,
  listSnapshots,
  pruneBackups,
  runScheduled,
  saveBackupSettings,
  verifyBackups,
  waitForChecks,
} from './backup/backup-service';
import { restoreSnapshot } from './backup/restore';
import { recordPendingRestore, restoreTargetFor } from './backup/restore-switch';

type BackupMethod =
  | 'backup.status'
  | 'backup.getSettings'
  | 'backup.saveSettings'
  | 'backup.now'
  | 'backup.waitForChecks'
  | 'backup.runScheduled'
  | 'backup.list'
  | 'backup.verify'
  | 'backup.drill'
  | 'backup.prune'
  | 'restore.list'
  | 'restore.run';

const envOf = (ctx: SignedInContext): BackupEnv => ({
  appVersion: ctx.core.appVersion,
  schemaVersion: LATEST_VERSION,
  anchor: () => ctx.core.anchorBackup(),
});

export const backupHandlers: CoreHandlersFor<BackupMethod> = {
  'backup.status': { access: 'signed-in', run: (ctx) => backupStatus(serviceContext(ctx)) },
  'backup.getSettings': { access: 'backup.run', run: (ctx) => getBackupSettings(serviceContext(ctx)) },
  'backup.saveSettings': { access: 'backup.run', run: (ctx, input) => saveBackupSettings(serviceContext(ctx), input) },
  'backup.now': { access: 'backup.run', run: (ctx, input) => backupNow(serviceContext(ctx), input, envOf(ctx)) },
  'backup.waitForChecks': { access: 'backup.run', run: (ctx) => waitForChecks(serviceContext(ctx)) },
  'backup.runScheduled': { access: 'signed-in', run: (ctx, input) => runScheduled(serviceContext(ctx), input.reason, envOf(ctx)) },
  'backup.list': { access: 'backup.run', run: (ctx, input) => listSnapshots(serviceContext(ctx), input) },
  'backup.verify': { access: 'backup.run', run: (ctx, input) => verifyBackups(serviceContext(ctx), input) },
  'backup.drill': { access: 'backup.run', run: (ctx, input) => drillBackups(serviceContext(ctx), input) },
  'backup.prune': { access: 'backup.run', run: (ctx, input) => pruneBackups(serviceContext(ctx), input) },
  'restore.list': { access: 'public', run: (_core, input) => listForRestore(input.from) },
  'restore.run': {
    access: 'public',
    run: async (core, input) => {
      // From the sign-in screen no folder is given: beside the vault, switched to at the next start (restore-switch.ts).
      const to = input.to ?? restoreTargetFor(core.paths.dir, input.snapshotId);
      const result = await restoreSnapshot({
        from: input.from,
        snapshotId: input.snapshotId,
        to,
        secret: input.recoveryKey ? { recoveryKey: input.recoveryKey } : { username: input.username, password: input.password! },
        confirmOtherClinic: input.confirmOtherClinic,
        // The vault this app uses now: a backup of another clinic's vault needs confirming.
        currentVaultId: readPublicInfo(core.paths.publicInfo)?.vaultId ?? null,
        latestSchemaVersion: LATEST_VERSION,
        now: core.clock.now(),
      });
      if (input.to) return result;
      recordPendingRestore(core.paths.dir, to, input.snapshotId, core.clock.now());
      return { ...result, switchesAtNextStart: true };
    },
  },
};
