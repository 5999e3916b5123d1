/**
 * A backup, prune or restore that dies: kills its own process with SIGKILL
 * (no clean-up, no exit handlers) at the point named on the command line.
 * backup-crash.test.ts runs it and then checks that nothing was lost and that
 * the next run clears the leftovers away and says so.
 *
 *   node --import tsx backup-crash-child.ts backup VAULT_DIR - LABEL        (owner in CLINIC_TEST_USER / CLINIC_TEST_PASSWORD)
 *   node --import tsx backup-crash-child.ts prune - SET_DIR snapshot|blob
 *   node --import tsx backup-crash-child.ts restore - SET_DIR LABEL SNAPSHOT_ID TO_DIR   (recovery key in CLINIC_TEST_RECOVERY_KEY)
 *
 * LABEL is a progress label; the kill comes at its first report with some work done
 * (or at its first report when it has no count).
 */
import { openCore } from '../app';
import { LATEST_VERSION } from '../db/migrate';
import { pruneSet } from '../backup/prune';
import { restoreSnapshot } from '../backup/restore';
import { setLayout } from '../backup/set-layout';
import { testStateDir } from './temp-vault';

const die = () => process.kill(process.pid, 'SIGKILL');

async function main(): Promise<void> {
  const [mode, vaultDir, setDir, killAt, snapshotId, to] = process.argv.slice(2);
  if (mode === 'backup') {
    const api = openCore({ vaultDir: vaultDir!, stateDir: testStateDir(vaultDir!), appVersion: '0.0.0-test', kdfCost: 'test' });
    await api.call('session.signIn', { username: process.env.CLINIC_TEST_USER!, password: process.env.CLINIC_TEST_PASSWORD! });
    const r = await api.dispatch('backup.now', {}, {
      onProgress: (p) => {
        if (p.label === killAt && (p.total === 0 || p.done > 0)) die();
      },
    });
    process.stderr.write(`the backup finished: ${JSON.stringify(r).slice(0, 300)}\n`);
  } else if (mode === 'prune') {
    // Far in the future, keeping nothing but the newest: every other snapshot goes.
    await pruneSet(setLayout(setDir!), { keepDaily: 0, keepWeekly: 0, keepMonthly: 0 }, new Date('2099-01-01T00:00:00Z'), {
      onRemoved: (kind) => {
        if (kind === killAt) die();
      },
    });
    process.stderr.write('the prune finished\n');
  } else if (mode === 'restore') {
    await restoreSnapshot({
      from: setDir!,
      snapshotId: snapshotId!,
      to: to!,
      secret: { recoveryKey: process.env.CLINIC_TEST_RECOVERY_KEY! },
      confirmOtherClinic: false,
      currentVaultId: null,
      latestSchemaVersion: LATEST_VERSION,
      now: new Date(),
      onProgress: (label, done, total) => {
        if (label === killAt && (total === 0 || done > 0)) die();
      },
    });
    process.stderr.write('the restore finished\n');
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
