/**
 * The backup commands as a script meets them (issue #14 item 9): backup now,
 * list, verify, drill, prune with --json, and restore from stdin, each exit
 * code as documented; a damaged snapshot makes verify exit 3 and name it.
 * In-process (cli-in-process.ts); the restore by recovery key also runs as a
 * real process, reading its standard input.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addClientWithPhoto, createBackupTestVault, type BackupTestVault } from '../../core/test-support/backup-test-support';
import { flipByte } from '../../core/test-support/page-damage';
import { OWNER } from '../../core/test-support/temp-vault';
import { spawnCli } from '../../test-support/cli-process';
import { runCliInProcess } from '../../test-support/cli-in-process';

let tv: BackupTestVault | null = null;
afterEach(() => {
  tv?.cleanup();
  tv = null;
});

function cli(args: string[], stdin?: string) {
  return runCliInProcess(args, { env: { CLINIC_VAULT_PASSWORD: OWNER.password }, input: stdin });
}
/** The same as a real process (the one spawned run in this file). */
function spawned(args: string[], stdin?: string) {
  return spawnCli(args, { env: { CLINIC_VAULT_PASSWORD: OWNER.password }, input: stdin });
}

describe('clinic-vault backup and restore', () => {
  // Nine CLI processes, each starting tsx: about 4 s apiece on the 2-core machine.
  it('backs up, lists, verifies, drills, prunes and restores', { timeout: 120_000 }, async () => {
    tv = await createBackupTestVault();
    await addClientWithPhoto(tv, 'First', 1);
    tv.api.close();
    const signedIn = ['--vault', tv.vaultDir, '--user', OWNER.username];

    const now = await cli(['backup', 'now', '--to', tv.dest, '--json', ...signedIn]);
    expect(now.code, now.stderr).toBe(0);
    const made = JSON.parse(now.stdout) as { runs: { snapshot: { id: string }; verification: { ok: boolean } }[]; checks: unknown[] };
    expect(made.runs[0]!.verification.ok).toBe(true);
    expect(now.stderr).toContain('Copying the database');
    const id = made.runs[0]!.snapshot.id;
    // The check page by page and by SQLite, after the snapshot, was waited for rather than cut short as the process ended.
    expect(now.stderr).toContain('Checking the database copy page by page');
    expect(made.checks).toEqual([{ destination: tv.dest, snapshotId: id, finished: true, ok: true, problems: [], pruned: [] }]);
    expect((JSON.parse(readFileSync(join(tv.dest, 'verified.json'), 'utf8')) as { entries: { snapshotId: string }[] }).entries.map((e) => e.snapshotId)).toEqual([id]);

    const list = await cli(['backup', 'list', '--to', tv.dest, '--json', ...signedIn]);
    expect(JSON.parse(list.stdout).snapshots.map((s: { id: string }) => s.id)).toEqual([id]);
    expect((await cli(['backup', 'verify', id, '--to', tv.dest, '--json', ...signedIn])).code).toBe(0);
    const drill = await cli(['backup', 'drill', '--to', tv.dest, '--json', ...signedIn]);
    expect(JSON.parse(drill.stdout)).toMatchObject({ ok: true, snapshotId: id });
    expect(JSON.parse((await cli(['backup', 'prune', '--to', tv.dest, '--json', ...signedIn])).stdout)).toMatchObject({ kept: [id], pruned: [] });

    const to = join(tv.restoreRoot, 'vault');
    const restored = spawned(['restore', join(tv.dest, 'snapshots', id), '--to', to, '--recovery-key-stdin', '--json'], `${tv.recoveryKey}\n`);
    expect(restored.code, restored.stderr).toBe(0);
    expect(JSON.parse(restored.stdout)).toMatchObject({ snapshotId: id, counts: { clients: 1, photos: 1 } });
    const byPassword = await cli(['restore', id, '--from', tv.dest, '--to', join(tv.restoreRoot, 'v2'), '--password-stdin', '--user', OWNER.username], `${OWNER.password}\n`);
    expect(byPassword.code, byPassword.stderr).toBe(0);
    expect(byPassword.stdout).toContain('Restored snapshot');

    flipByte(join(tv.dest, 'snapshots', id, 'keyring.json'), 20);
    const bad = await cli(['backup', 'verify', '--to', tv.dest, ...signedIn]);
    expect(bad.code).toBe(3);
    expect(bad.stdout).toContain(`${id}/keyring.json is damaged`);
    const refused = await cli(['restore', join(tv.dest, 'snapshots', id), '--to', join(tv.restoreRoot, 'v3'), '--recovery-key-stdin'], `${tv.recoveryKey}\n`);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('This backup is damaged');
    expect(existsSync(join(tv.restoreRoot, 'v3'))).toBe(false);
  });

  it('says a missing destination is missing, and a wrong recovery key is wrong', async () => {
    tv = await createBackupTestVault();
    tv.api.close();
    const missing = await cli(['backup', 'now', '--to', join(tv.dest, 'unplugged'), '--vault', tv.vaultDir, '--user', OWNER.username]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('The backup folder cannot be found');
    expect((await cli(['restore', 'nonsense', '--to', join(tv.restoreRoot, 'x'), '--recovery-key-stdin'], 'x\n')).code).toBe(2);
  });
});
