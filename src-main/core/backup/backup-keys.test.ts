/**
 * Who can open a backup (issue #14 items 2 and 7): the recovery key and the
 * owner's password always; a member removed with the key changed before the
 * snapshot never (their password and the database key they held both fail);
 * and a snapshot from before a key change says, when restored, that the staff
 * of its day can open it. Also another clinic's backup, the drill, and a full disk.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open-database';
import { findStaffSlotByUsername, readKeyring } from '../vault/keyring';
import { unlockSlot } from '../vault/slots';
import { vaultPaths } from '../platform/vault-paths';
import { addClientWithPhoto, createBackupTestVault, readSetManifest, writeSnapshotDatabase, type BackupTestVault } from '../test-support/backup-test-support';
import { OWNER, addStaffMember, createTestVault, errorCodeOf, type TestVault } from '../test-support/temp-vault';
import { signInAsOwner } from '../test-support/test-clients';
import { flipByte } from '../test-support/page-damage';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

async function vault(): Promise<BackupTestVault> {
  const t = await createBackupTestVault();
  cleanups.push(() => t.cleanup());
  await addClientWithPhoto(t, 'First', 1);
  await t.api.call('backup.saveSettings', { destination: t.dest });
  return t;
}

describe('a member removed, with the key changed, before the snapshot', () => {
  it('cannot open it with their password or with the database key they held', async () => {
    const t = await vault();
    const rachel = await addStaffMember(t.api, 'reception');
    await t.api.call('session.signOut', undefined);
    await t.api.call('session.signIn', { username: rachel.username, password: rachel.password });
    const keyTheyHeld = Buffer.from(t.api.core.requireSession().vault.keys.database);
    await signInAsOwner(t.api);
    await t.api.call('staff.remove', { staffId: rachel.id, rotateDatabaseKey: true });
    const { id } = (await t.api.call('backup.now', {})).runs[0]!.snapshot;

    const snapshotDir = join(t.dest, 'snapshots', id);
    const keyring = readKeyring(vaultPaths(snapshotDir));
    expect(findStaffSlotByUsername(keyring, rachel.username)).toBeUndefined();
    for (const slot of keyring.slots) expect(await unlockSlot(keyring, slot, rachel.password)).toBeNull();
    expect(readSetManifest(t.dest, id).openableBy).not.toContain(rachel.username);
    const copy = writeSnapshotDatabase(t.dest, id, join(t.restoreRoot, '..', 'copy-of-snapshot.db'));
    expect(await errorCodeOf(() => openDatabase(copy, keyTheyHeld, { readonly: true }))).toBe('DATABASE_DAMAGED');
    expect(await errorCodeOf(() => t.api.call('restore.run', { from: t.dest, snapshotId: id, to: join(t.restoreRoot, 'x'), username: rachel.username, password: rachel.password }))).toBe('WRONG_CREDENTIALS');
  });

  it('a practitioner’s own password cannot restore (owners only)', async () => {
    const t = await vault();
    const priya = await addStaffMember(t.api, 'practitioner');
    const { id } = (await t.api.call('backup.now', {})).runs[0]!.snapshot;
    expect(await errorCodeOf(() => t.api.call('restore.run', { from: t.dest, snapshotId: id, to: join(t.restoreRoot, 'p'), username: priya.username, password: priya.password }))).toBe('FORBIDDEN');
  });
});

describe('a snapshot from before a key change', () => {
  it('still verifies by its SHA-256s, and restoring it warns who can open it', async () => {
    const t = await vault();
    const rachel = await addStaffMember(t.api, 'reception');
    const before = (await t.api.call('backup.now', {})).runs[0]!.snapshot.id;
    await t.api.call('staff.remove', { staffId: rachel.id, rotateDatabaseKey: true });
    t.clock.advance(60_000);
    const after = (await t.api.call('backup.now', {})).runs[0]!.snapshot.id;
    expect(readSetManifest(t.dest, after).databaseKeyVersion).toBe(readSetManifest(t.dest, before).databaseKeyVersion + 1);
    const verify = await t.api.call('backup.verify', {});
    expect(verify.ok).toBe(true);

    const old = await t.api.call('restore.run', { from: t.dest, snapshotId: before, to: join(t.restoreRoot, 'old'), recoveryKey: t.recoveryKey });
    expect(old.olderKeyWarning).toContain('made before the database key was changed');
    expect(old.olderKeyWarning).toContain(rachel.username);
    const current = await t.api.call('restore.run', { from: t.dest, snapshotId: after, to: join(t.restoreRoot, 'new'), recoveryKey: t.recoveryKey });
    expect(current.olderKeyWarning).toBeNull();
  });
});

describe('the audit checkpoint', () => {
  it('is signed for each snapshot taken by the owner and matches the log in the copy', async () => {
    const t = await vault();
    const { id } = (await t.api.call('backup.now', {})).runs[0]!.snapshot;
    const m = readSetManifest(t.dest, id);
    expect(m.checkpoint).not.toBeNull();
    expect(m.checkpoint!.seq).toBeGreaterThan(1);
    // A checkpoint edited to another entry's hash no longer matches the copy.
    const { writeSetManifest } = await import('../test-support/backup-test-support');
    writeSetManifest(t.dest, id, { ...m, checkpoint: { ...m.checkpoint!, seq: 1 } });
    const v = await t.api.call('backup.verify', { snapshotId: id });
    expect(v.checked[0]!.check.problems).toEqual(
      expect.arrayContaining([`${id}/manifest.json has been changed since the backup was made`, 'the snapshot’s audit checkpoint is not validly signed']),
    );
  });
});

describe('another clinic’s backup', () => {
  it('needs an explicit confirmation before it is restored', async () => {
    const t = await vault();
    const other: TestVault = await createTestVault();
    cleanups.push(() => other.cleanup());
    const otherDest = join(t.dest, '..', 'other-drive');
    mkdirSync(otherDest);
    await other.api.call('backup.saveSettings', { destination: otherDest });
    const { id } = (await other.api.call('backup.now', {})).runs[0]!.snapshot;
    const to = join(t.restoreRoot, 'other');
    const err = await t.api.call('restore.run', { from: otherDest, snapshotId: id, to, recoveryKey: other.recoveryKey }).catch((e: Error) => e);
    expect(err).toMatchObject({ code: 'BACKUP_OTHER_CLINIC' });
    const ok = await t.api.call('restore.run', { from: otherDest, snapshotId: id, to, recoveryKey: other.recoveryKey, confirmOtherClinic: true });
    expect(ok.vaultDir).toBe(to);
  });
});

describe('the restore drill', () => {
  it('restores the newest snapshot into a temporary folder, checks it, and records the result', async () => {
    const t = await vault();
    await t.api.call('backup.now', {});
    const drill = await t.api.call('backup.drill', {});
    expect(drill).toMatchObject({ ok: true, problems: [], counts: { clients: 1, photos: 1 } });
    const m = readSetManifest(t.dest, drill.snapshotId);
    flipByte(join(t.dest, 'blobs', m.blobs[0]!.sha256.slice(0, 2), `${m.blobs[0]!.sha256}.blob`), 10);
    const failed = await t.api.call('backup.drill', {});
    expect(failed.ok).toBe(false);
    expect(failed.problems).toContain(`${m.blobs[0]!.path} is damaged (its SHA-256 does not match the manifest)`);
    const actions = t.api.core.requireSession().vault.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'backup.drill'").get() as { n: number };
    expect(actions.n).toBe(2);
  });
});

describe('a full destination', () => {
  it('says the drive is full and leaves no snapshot behind', async () => {
    const t = await vault();
    // A 64 KB disk: the database copy alone does not fit.
    const tiny = join(t.dest, '..', 'tiny-disk');
    mkdirSync(tiny);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', tiny]);
    try {
      await t.api.call('backup.saveSettings', { destination: tiny });
      expect(await errorCodeOf(() => t.api.call('backup.now', {}))).toBe('BACKUP_DESTINATION_FULL');
      const { readdirSync } = await import('node:fs');
      expect(readdirSync(join(tiny, 'snapshots'))).toEqual([]);
      expect((await t.api.call('backup.status', undefined)).lastFailure?.code).toBe('BACKUP_DESTINATION_FULL');
    } finally {
      execFileSync('umount', [tiny]);
      rmSync(tiny, { recursive: true, force: true });
    }
  });
});

describe('who can restore', () => {
  it('the recovery key, and the owner’s password with or without the username', async () => {
    const t = await vault();
    const { id } = (await t.api.call('backup.now', {})).runs[0]!.snapshot;
    expect((await t.api.call('restore.run', { from: t.dest, snapshotId: id, to: join(t.restoreRoot, 'r1'), recoveryKey: t.recoveryKey })).counts.clients).toBe(1);
    expect((await t.api.call('restore.run', { from: t.dest, snapshotId: id, to: join(t.restoreRoot, 'r2'), username: OWNER.username, password: OWNER.password })).counts.clients).toBe(1);
  });
});
