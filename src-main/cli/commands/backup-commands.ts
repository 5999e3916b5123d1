/**
 * backup now|list|verify|drill|prune and restore (docs/backups.md). The backup
 * commands sign in (owner: backup.run) and go through the same contract
 * methods as the app; progress goes to stderr so --json output stays clean.
 * `restore` needs no vault to be open: it reads the backup, unlocks it with
 * the recovery key or an owner's password from stdin, and writes a new folder.
 */
import { basename, dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../contract/errors';
import type { SnapshotSummary } from '../../contract/backup-types';
import type { Method, MethodInput } from '../../contract/schemas';
import type { MethodOutput } from '../../contract/api';
import type { CoreApi } from '../../core/app';
import { restoreSnapshot } from '../../core/backup/restore';
import { SNAPSHOT_ID } from '../../core/backup/set-layout';
import { LATEST_VERSION } from '../../core/db/migrate';
import { readPublicInfo } from '../../core/vault/public-info';
import { vaultPaths } from '../../core/platform/vault-paths';
import { type GlobalOptions, UsageError, formatDateTime, print, stdinText, withSignedIn } from '../cli-context';

/** A contract call with its progress on stderr, one line per label and tenth. */
async function callWithProgress<M extends Method>(api: CoreApi, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  let last = '';
  const result = await api.dispatch(method, input, {
    onProgress: ({ label, done, total }) => {
      const tenth = total > 0 ? Math.floor((done / total) * 10) : -1;
      const key = `${label}:${tenth}`;
      if (key === last) return;
      last = key;
      process.stderr.write(total > 0 ? `${label}: ${done} of ${total}\n` : `${label}…\n`);
    },
  });
  if (!result.ok) throw new AppError(result.error.code, result.error.message);
  return result.value as MethodOutput<M>;
}

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

function snapshotLine(s: SnapshotSummary): string {
  const check = s.lastCheck ? (s.lastCheck.ok ? `checked ${formatDateTime(s.lastCheck.at)}` : `DAMAGED: ${s.lastCheck.problems[0]}`) : 'not checked from here';
  return `${s.id}  ${formatDateTime(s.createdAt)}  ${s.counts.clients} clients, ${s.counts.photos} photos, ${mb(s.totalBytes)} (${mb(s.newBytes)} new)  ${check}`;
}

function stdinFirstLine(opts: GlobalOptions, what: string): string {
  const line = stdinText(opts).split(/\r?\n/)[0];
  if (!line) throw new UsageError(`Expected the ${what} on standard input.`);
  return line;
}

/** SNAPSHOT is a snapshot's folder (…/snapshots/<id>) or an id with --from SET. */
function whereIs(snapshot: string, from: string | undefined): { set: string; id: string } {
  if (SNAPSHOT_ID.test(snapshot)) {
    if (!from) throw new UsageError('Say which backup folder holds that snapshot with --from DIR (or give the snapshot’s folder).');
    return { set: resolve(from), id: snapshot };
  }
  const dir = resolve(snapshot);
  const id = basename(dir);
  if (!SNAPSHOT_ID.test(id) || basename(dirname(dir)) !== 'snapshots') throw new UsageError('SNAPSHOT must be a snapshot’s folder (BACKUP/snapshots/<id>) or its id with --from BACKUP.');
  return { set: dirname(dirname(dir)), id };
}

export function registerBackupCommands(program: Command, globals: () => GlobalOptions): void {
  const backup = program.command('backup').description('Encrypted, verified backups into a folder you choose (owner only). See docs/backups.md.');

  backup
    .command('now')
    .description('Make a snapshot now, check it, and remove snapshots the rotation no longer keeps. Progress on stderr.')
    .option('--to <dir>', 'the backup folder (default: the one in the settings)')
    .action(async (o: { to?: string }) => {
      const opts = globals();
      await withSignedIn(opts, async (api) => {
        const result = await callWithProgress(api, 'backup.now', o.to ? { to: resolve(o.to) } : {});
        // The database's check page by page and by SQLite, and the rotation, follow the snapshot: this process
        // waits for them rather than cut them short when it ends.
        if (result.runs.some((r) => r.verification.ok)) process.stderr.write('Checking the database copy page by page…\n');
        const { checks } = await callWithProgress(api, 'backup.waitForChecks', undefined);
        const after = (id: string) => checks.find((c) => c.snapshotId === id);
        print(opts, { ...result, checks }, () =>
          [
            ...result.runs.map((r) => {
              const check = after(r.snapshot.id);
              return [
                `Backed up to ${r.destination}: snapshot ${r.snapshot.id}, ${r.snapshot.counts.clients} clients, ${r.snapshot.counts.photos} photos.`,
                `  ${r.blobsCopied} file(s) copied, ${r.blobsReused} already in the backup; ${mb(r.snapshot.newBytes)} written.`,
                !r.verification.ok
                  ? `  CHECK FAILED: ${r.verification.problems.join('; ')}`
                  : check?.ok
                    ? '  Checked: every file read back from the drive, and the database page by page and by SQLite, are intact.'
                    : `  CHECK FAILED: ${(check?.problems ?? ['the check after the snapshot did not run']).join('; ')}`,
                ...(r.cleanedUp.length ? [`  An unfinished backup from an earlier run was cleared away (${r.cleanedUp.join(', ')}).`] : []),
                ...(check?.pruned.length ? [`  Removed ${check.pruned.length} old snapshot(s) the rotation no longer keeps.`] : []),
              ].join('\n');
            }),
            ...result.failures.map((f) => `Could not back up to ${f.destination}: ${f.message}`),
          ].join('\n'),
        );
        if (result.failures.length > 0 || result.runs.some((r) => !r.verification.ok || !after(r.snapshot.id)?.ok)) process.exitCode = 3;
      });
    });

  backup
    .command('list')
    .description('List the snapshots in the backup folder, newest first.')
    .option('--to <dir>', 'the backup folder (default: the one in the settings)')
    .action(async (o: { to?: string }) => {
      const opts = globals();
      await withSignedIn(opts, async (api) => {
        const result = await api.call('backup.list', o.to ? { to: resolve(o.to) } : {});
        print(opts, result, () => (result.snapshots.length ? result.snapshots.map(snapshotLine).join('\n') : `No snapshots in ${result.destination} yet.`));
      });
    });

  backup
    .command('verify [snapshot]')
    .description('Re-read every file of every snapshot (or one) against its SHA-256, and check each database copy the current key opens. Exits 3 on any damage.')
    .option('--to <dir>', 'the backup folder (default: the one in the settings)')
    .action(async (snapshotId: string | undefined, o: { to?: string }) => {
      const opts = globals();
      await withSignedIn(opts, async (api) => {
        const result = await callWithProgress(api, 'backup.verify', { ...(o.to ? { to: resolve(o.to) } : {}), ...(snapshotId ? { snapshotId } : {}) });
        print(opts, result, () =>
          result.checked.map((c) => (c.check.ok ? `${c.id}: intact` : [`${c.id}: DAMAGED`, ...c.check.problems.map((p) => `  ${p}`)].join('\n'))).join('\n'),
        );
        if (!result.ok) process.exitCode = 3;
      });
    });

  backup
    .command('drill')
    .description('Restore the newest snapshot into a temporary folder, check it in full, and record the result. Exits 3 if it fails.')
    .option('--to <dir>', 'the backup folder (default: the one in the settings)')
    .action(async (o: { to?: string }) => {
      const opts = globals();
      await withSignedIn(opts, async (api) => {
        const result = await callWithProgress(api, 'backup.drill', o.to ? { to: resolve(o.to) } : {});
        print(opts, result, () =>
          result.ok
            ? `Restore drill passed: snapshot ${result.snapshotId} restored and checked (${result.counts?.clients ?? 0} clients, ${result.counts?.photos ?? 0} photos).`
            : [`Restore drill FAILED for snapshot ${result.snapshotId}:`, ...result.problems.map((p) => `  ${p}`)].join('\n'),
        );
        if (!result.ok) process.exitCode = 3;
      });
    });

  backup
    .command('prune')
    .description('Remove the snapshots the rotation no longer keeps (7 daily, 4 weekly, 12 monthly by default), and the files only they used.')
    .option('--to <dir>', 'the backup folder (default: the one in the settings)')
    .action(async (o: { to?: string }) => {
      const opts = globals();
      await withSignedIn(opts, async (api) => {
        const result = await api.call('backup.prune', o.to ? { to: resolve(o.to) } : {});
        print(opts, result, () => `Kept ${result.kept.length} snapshot(s); removed ${result.pruned.length} and ${result.blobsRemoved} file(s) no snapshot needs (${mb(result.bytesFreed)} freed).`);
      });
    });

  program
    .command('restore <snapshot>')
    .description(
      'Restore a snapshot into a new, empty folder, checked in full before the folder appears. SNAPSHOT is its folder (BACKUP/snapshots/<id>) or its id with --from BACKUP. Unlock with --recovery-key-stdin, or an owner’s password with --password-stdin (and --user).',
    )
    .requiredOption('--to <dir>', 'the new vault folder (must not exist, or be empty)')
    .option('--from <dir>', 'the backup folder, when SNAPSHOT is an id')
    .option('--recovery-key-stdin', 'read the recovery key from the first line of standard input')
    .option('--confirm-other-clinic', 'restore even though the backup is of a different clinic’s vault than --vault')
    .action(async (snapshot: string, o: { to: string; from?: string; recoveryKeyStdin?: boolean; confirmOtherClinic?: boolean }) => {
      const opts = globals();
      if (!!o.recoveryKeyStdin === !!opts.passwordStdin) throw new UsageError('Give exactly one of --recovery-key-stdin or --password-stdin.');
      const { set, id } = whereIs(snapshot, o.from);
      const secret = o.recoveryKeyStdin ? { recoveryKey: stdinFirstLine(opts, 'recovery key') } : { username: opts.user, password: stdinFirstLine(opts, 'password') };
      // The vault this PC uses (--vault or CLINIC_VAULT_DIR), only to warn about another clinic's backup.
      const current = opts.vault ?? process.env.CLINIC_VAULT_DIR;
      const result = await restoreSnapshot({
        from: set,
        snapshotId: id,
        to: resolve(o.to),
        secret,
        confirmOtherClinic: o.confirmOtherClinic === true,
        currentVaultId: current ? (readPublicInfo(vaultPaths(resolve(current)).publicInfo)?.vaultId ?? null) : null,
        latestSchemaVersion: LATEST_VERSION,
        now: new Date(),
        onProgress: (label) => process.stderr.write(`${label}…\n`),
      });
      print(opts, result, () =>
        [
          `Restored snapshot ${result.snapshotId} of ${result.clinicName} into ${result.vaultDir} (${result.counts.clients} clients, ${result.counts.photos} photos), and checked it.`,
          ...(result.destructionsReapplied.clients > 0
            ? [`${destroyedAgain(result.destructionsReapplied.clients)} destroyed or erased after this backup was made ${result.destructionsReapplied.clients === 1 ? 'was' : 'were'} destroyed again (the destruction ledger kept with the backups).`]
            : []),
          ...(result.cleanedUp.length ? [`An unfinished restore from an earlier run was cleared away first.`] : []),
          ...(result.olderKeyWarning ? [`Warning: ${result.olderKeyWarning}`] : []),
          'Open it with --vault pointing at that folder. The owner is asked to confirm the older database at the first sign-in if this PC used a newer one.',
        ].join('\n'),
      );
    });
}

function destroyedAgain(n: number): string {
  return n === 1 ? '1 client' : `${n} clients`;
}
