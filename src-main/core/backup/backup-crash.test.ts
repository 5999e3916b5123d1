/**
 * A backup, a prune and a restore killed with SIGKILL part-way (the process
 * dies as on a power cut or a pulled plug: no clean-up runs). Nothing is lost:
 * the vault opens with all its data, no half-written snapshot is listed or
 * restored, the snapshots meant to be kept are intact, and the next run
 * clears the leftovers away and names them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { addClientWithPhoto, createBackupTestVault, snapshotDirs, type BackupTestVault } from '../test-support/backup-test-support';
import { OWNER } from '../test-support/temp-vault';
import { stagingFolderFor } from './restore';

const CHILD = fileURLToPath(new URL('../test-support/backup-crash-child.ts', import.meta.url));

let tv: BackupTestVault | null = null;
afterEach(() => {
  tv?.cleanup();
  tv = null;
});

function runChild(args: string[], t: BackupTestVault) {
  return spawnSync(process.execPath, ['--import', 'tsx', CHILD, ...args], {
    env: { ...process.env, CLINIC_TEST_USER: OWNER.username, CLINIC_TEST_PASSWORD: OWNER.password, CLINIC_TEST_RECOVERY_KEY: t.recoveryKey },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

async function vaultWithOneSnapshot(): Promise<{ t: BackupTestVault; first: string }> {
  const t = (tv = await createBackupTestVault());
  await addClientWithPhoto(t, 'First', 1);
  await addClientWithPhoto(t, 'Second', 2);
  await t.api.call('backup.saveSettings', { destination: t.dest });
  const first = (await t.api.call('backup.now', {})).runs[0]!.snapshot.id;
  await addClientWithPhoto(t, 'Third', 3);
  return { t, first };
}

describe('a backup killed part-way', () => {
  for (const label of ['Copying the database', 'Copying photos and files']) {
    it(`during "${label}": the vault is whole, the half snapshot is never listed, and the next backup clears it and says so`, async () => {
      const { t, first } = await vaultWithOneSnapshot();
      t.api.close(); // the child takes the vault's process lock
      const child = runChild(['backup', t.vaultDir, '-', label], t);
      expect(child.stderr).toBe('');
      expect(child.signal).toBe('SIGKILL');
      const leftovers = snapshotDirs(t.dest).filter((d) => d.endsWith('.partial'));
      expect(leftovers).toHaveLength(1);

      const api = t.reopen();
      await api.call('session.signIn', { username: OWNER.username, password: OWNER.password });
      expect((await api.call('clients.search', { query: '' })).results).toHaveLength(3);
      expect((await api.call('backup.list', {})).snapshots.map((s) => s.id)).toEqual([first]);
      t.clock.advance(60_000);
      const run = (await api.call('backup.now', {})).runs[0]!;
      expect(run.cleanedUp).toEqual(leftovers);
      expect(run.verification.ok).toBe(true);
      expect(run.snapshot.counts.clients).toBe(3);
      expect(snapshotDirs(t.dest).filter((d) => d.endsWith('.partial'))).toEqual([]);
      const logged = api.core.requireSession().vault.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'backup.interrupted_cleaned'").get() as { n: number };
      expect(logged.n).toBe(1);
    });
  }
});

describe('a prune killed part-way', () => {
  for (const at of ['snapshot', 'blob'] as const) {
    it(`after removing a ${at}: the newest snapshot is intact and the next prune finishes the job`, async () => {
      const { t, first } = await vaultWithOneSnapshot();
      t.clock.advance(60_000);
      const second = (await t.api.call('backup.now', {})).runs[0]!.snapshot.id;
      // Blobs no snapshot lists (what a backup killed after copying them leaves).
      mkdirSync(join(t.dest, 'blobs', 'ff'), { recursive: true });
      const orphans = ['0', '1'].map((c) => `ff${c.repeat(62)}.blob`);
      for (const name of orphans) writeFileSync(join(t.dest, 'blobs', 'ff', name), 'orphan');
      const child = runChild(['prune', '-', t.dest, at], t);
      expect(child.stderr).toBe('');
      expect(child.signal).toBe('SIGKILL');
      // The older one is gone or set aside; either way it is no longer a snapshot.
      expect(snapshotDirs(t.dest).filter((d) => !d.includes('.'))).toEqual([second]);
      const verify = await t.api.call('backup.verify', {});
      expect(verify.checked.map((c) => [c.id, c.check.ok])).toEqual([[second, true]]);
      expect(existsSync(join(t.dest, 'snapshots', first))).toBe(false);
      // Keeps-within-24h means nothing more goes now, but leftovers are cleared.
      const again = await t.api.call('backup.prune', {});
      expect(again.kept).toEqual([second]);
      expect(snapshotDirs(t.dest)).toEqual([second]);
      // The orphans are gone (a snapshot's own blob or chunk may share their folder: 1 in 256 does).
      expect(readdirSync(join(t.dest, 'blobs', 'ff')).filter((n) => orphans.includes(n))).toEqual([]);
      expect((await t.api.call('backup.verify', {})).ok).toBe(true);
    });
  }
});

describe('a restore killed part-way', () => {
  for (const label of ['Copying photos and files', 'Checking the restored vault']) {
    it(`during "${label}": the target folder never appears, and the next restore clears the staging folder and says so`, async () => {
      const { t, first } = await vaultWithOneSnapshot();
      const to = join(t.restoreRoot, 'vault');
      const child = runChild(['restore', '-', t.dest, label, first, to], t);
      expect(child.stderr).toBe('');
      expect(child.signal).toBe('SIGKILL');
      expect(existsSync(to)).toBe(false);
      expect(existsSync(stagingFolderFor(to))).toBe(true);
      const restored = await t.api.call('restore.run', { from: t.dest, snapshotId: first, to, recoveryKey: t.recoveryKey });
      expect(restored.cleanedUp).toEqual(['.vault.restoring']);
      expect(restored.counts.clients).toBe(2);
      expect(readdirSync(t.restoreRoot)).toEqual(['vault']);
    });
  }
});
