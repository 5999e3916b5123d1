/**
 * Backups end to end through the contract, as the app and the CLI make them:
 * a snapshot is complete and checked, a second copies only what changed, a
 * restore gives back exactly the vault of that moment, and each fault the
 * issue lists is refused with its own message and changes nothing.
 */
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import {
  CHUNK_BYTES,
  addClientWithPhoto,
  chunksOnlyIn,
  createBackupTestVault,
  readSetManifest,
  setBlobFiles,
  setChunkPath,
  snapshotDatabaseBytes,
  snapshotDirs,
  type BackupTestVault,
  writeSetManifest,
} from '../test-support/backup-test-support';
import { OWNER, errorCodeOf, openTestCore } from '../test-support/temp-vault';
import { flipByte } from '../test-support/page-damage';

let tv: BackupTestVault | null = null;
afterEach(() => {
  tv?.cleanup();
  tv = null;
});

async function vaultWithBackups(): Promise<BackupTestVault> {
  tv = await createBackupTestVault();
  await addClientWithPhoto(tv, 'First', 1);
  await tv.api.call('backup.saveSettings', { destination: tv.dest });
  return tv;
}

describe('a snapshot', () => {
  it('holds the encrypted database, the keyring, vault.json and every blob, and is verified', async () => {
    const t = await vaultWithBackups();
    const { runs } = await t.api.call('backup.now', {});
    const run = runs[0]!;
    expect(run.verification).toMatchObject({ ok: true, problems: [] });
    expect(snapshotDirs(t.dest)).toEqual([run.snapshot.id]);
    const dir = join(t.dest, 'snapshots', run.snapshot.id);
    // The database is stored as chunks in the blob store, not as a file in the snapshot's folder.
    expect(readdirSync(dir).sort()).toEqual(['keyring.json', 'manifest.json', 'vault.json']);
    const m = readSetManifest(t.dest, run.snapshot.id);
    expect(m.counts).toMatchObject({ clients: 1, photos: 1 });
    expect(m.blobs.length).toBeGreaterThan(0);
    expect(m.databaseChunks!.length).toBe(Math.ceil(m.files.database.size / CHUNK_BYTES));
    expect(setBlobFiles(t.dest).length).toBe(new Set([...m.blobs.map((b) => b.sha256), ...m.databaseChunks!]).size);
    // Rebuilt from its chunks it is the file the manifest names, and still SQLCipher-encrypted: no plain SQLite header.
    const bytes = snapshotDatabaseBytes(t.dest, run.snapshot.id);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(m.files.database.sha256);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    const status = await t.api.call('backup.status', undefined);
    expect(status).toMatchObject({ configured: true, attention: false, lastVerifiedAt: run.verification.at });
  });

  it('copies only what changed the second time', async () => {
    const t = await vaultWithBackups();
    const first = (await t.api.call('backup.now', {})).runs[0]!;
    await addClientWithPhoto(t, 'Second', 2);
    t.clock.advance(60_000);
    const second = (await t.api.call('backup.now', {})).runs[0]!;
    expect(first.blobsCopied).toBeGreaterThan(0);
    expect(second.blobsReused).toBe(first.blobsCopied + first.blobsReused);
    expect(second.blobsCopied).toBeGreaterThan(0);
    expect(second.blobsCopied).toBeLessThan(second.blobsCopied + second.blobsReused);
    expect(second.snapshot.newBytes).toBeLessThan(second.snapshot.totalBytes);
    const third = (await t.api.call('backup.now', {})).runs[0]!;
    expect(third.blobsCopied).toBe(0);
  });

  it('is audit-logged with ids and counts only', async () => {
    const t = await vaultWithBackups();
    await t.api.call('backup.now', {});
    const actions = t.api.core.requireSession().vault.db.prepare("SELECT action, detail FROM audit_log WHERE action LIKE 'backup.%' ORDER BY seq").all() as { action: string; detail: string }[];
    expect(actions.map((a) => a.action)).toEqual(['backup.settings_changed', 'backup.snapshot_created', 'backup.verified']);
    expect(actions.map((a) => a.detail).join(' ')).not.toContain('First');
  });
});

describe('restore', () => {
  it('gives back the vault as it was: a client added after the snapshot is absent', async () => {
    const t = await vaultWithBackups();
    const first = (await t.api.call('backup.now', {})).runs[0]!;
    await addClientWithPhoto(t, 'Later', 2);
    t.clock.advance(60_000);
    await t.api.call('backup.now', {});
    const to = join(t.restoreRoot, 'vault');
    const restored = await t.api.call('restore.run', { from: t.dest, snapshotId: first.snapshot.id, to, recoveryKey: t.recoveryKey });
    expect(restored.counts).toMatchObject({ clients: 1, photos: 1 });
    t.api.close();
    const api = openTestCore(to, t.clock);
    try {
      await api.call('session.signIn', { username: OWNER.username, password: OWNER.password });
      const names = (await api.call('clients.search', { query: '' })).results.map((c) => c.lastName);
      expect(names).toEqual(['First']);
      const photo = api.core.requireSession().vault.db.prepare('SELECT file_id FROM photos').pluck().get() as string;
      expect((await api.core.requireSession().vault.files.readToBuffer(photo)).length).toBeGreaterThan(0);
    } finally {
      api.close();
    }
  });

  it('opens with the owner’s password, and a wrong recovery key is refused without creating anything', async () => {
    const t = await vaultWithBackups();
    const { id } = (await t.api.call('backup.now', {})).runs[0]!.snapshot;
    const to = join(t.restoreRoot, 'a');
    expect(await errorCodeOf(() => t.api.call('restore.run', { from: t.dest, snapshotId: id, to, recoveryKey: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH' }))).toBe('RECOVERY_KEY_INVALID');
    expect(existsSync(to)).toBe(false);
    expect(await errorCodeOf(() => t.api.call('restore.run', { from: t.dest, snapshotId: id, to, password: 'not the password at all' }))).toBe('WRONG_CREDENTIALS');
    const ok = await t.api.call('restore.run', { from: t.dest, snapshotId: id, to, password: OWNER.password });
    expect(ok.counts.clients).toBe(1);
  });

  it('refuses a damaged snapshot, names the file, and offers the one before', async () => {
    const t = await vaultWithBackups();
    const first = (await t.api.call('backup.now', {})).runs[0]!.snapshot.id;
    t.clock.advance(60_000);
    const second = (await t.api.call('backup.now', {})).runs[0]!.snapshot.id;
    const chunk = chunksOnlyIn(t.dest, second)[0]!;
    flipByte(setChunkPath(t.dest, chunk), 5000);
    const verify = await t.api.call('backup.verify', {});
    const bad = verify.checked.find((c) => c.id === second)!;
    expect(verify.ok).toBe(false);
    expect(bad.check.problems.join()).toContain(`blobs/${chunk.slice(0, 2)}/${chunk}.blob (piece 1 of the database) is damaged`);
    expect(verify.checked.find((c) => c.id === first)!.check.ok).toBe(true);
    const to = join(t.restoreRoot, 'b');
    const err = await t.api.call('restore.run', { from: t.dest, snapshotId: second, to, recoveryKey: t.recoveryKey }).catch((e: Error) => e);
    expect(err).toMatchObject({ code: 'BACKUP_SNAPSHOT_DAMAGED' });
    expect((err as Error).message).toContain(`Restore the one before it (${first})`);
    expect(existsSync(to)).toBe(false);
  });

  it('names a missing blob', async () => {
    const t = await vaultWithBackups();
    const { id } = (await t.api.call('backup.now', {})).runs[0]!.snapshot;
    const m = readSetManifest(t.dest, id);
    rmSync(join(t.dest, 'blobs', m.blobs[0]!.sha256.slice(0, 2), `${m.blobs[0]!.sha256}.blob`));
    const verify = await t.api.call('backup.verify', { snapshotId: id });
    expect(verify.checked[0]!.check.problems).toContain(`${m.blobs[0]!.path} (blobs/${m.blobs[0]!.sha256.slice(0, 2)}/${m.blobs[0]!.sha256}.blob) is missing`);
  });

  it('detects a hand-edited manifest', async () => {
    const t = await vaultWithBackups();
    const { id } = (await t.api.call('backup.now', {})).runs[0]!.snapshot;
    const m = readSetManifest(t.dest, id);
    writeSetManifest(t.dest, id, { ...m, clinicName: 'Someone Else' });
    const verify = await t.api.call('backup.verify', { snapshotId: id });
    expect(verify.checked[0]!.check.problems).toContain(`${id}/manifest.json has been changed since the backup was made`);
    const to = join(t.restoreRoot, 'c');
    expect(await errorCodeOf(() => t.api.call('restore.run', { from: t.dest, snapshotId: id, to, recoveryKey: t.recoveryKey }))).toBe('BACKUP_MANIFEST_ALTERED');
    expect(existsSync(to)).toBe(false);
  });

  it('refuses a backup from a newer version with its own message', async () => {
    const t = await vaultWithBackups();
    const { id } = (await t.api.call('backup.now', {})).runs[0]!.snapshot;
    const m = readSetManifest(t.dest, id);
    writeSetManifest(t.dest, id, { ...m, schemaVersion: m.schemaVersion + 1 });
    expect(await errorCodeOf(() => t.api.call('restore.run', { from: t.dest, snapshotId: id, to: join(t.restoreRoot, 'd'), recoveryKey: t.recoveryKey }))).toBe('BACKUP_FROM_NEWER_VERSION');
    writeSetManifest(t.dest, id, { ...m, version: 99 });
    expect(await errorCodeOf(() => t.api.call('restore.run', { from: t.dest, snapshotId: id, to: join(t.restoreRoot, 'd'), recoveryKey: t.recoveryKey }))).toBe('BACKUP_FROM_NEWER_VERSION');
  });

  it('never restores over existing files', async () => {
    const t = await vaultWithBackups();
    const { id } = (await t.api.call('backup.now', {})).runs[0]!.snapshot;
    const to = join(t.restoreRoot, 'e');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(to, { recursive: true });
    writeFileSync(join(to, 'keep.txt'), 'mine');
    expect(await errorCodeOf(() => t.api.call('restore.run', { from: t.dest, snapshotId: id, to, recoveryKey: t.recoveryKey }))).toBe('RESTORE_TARGET_NOT_EMPTY');
    expect(readdirSync(to)).toEqual(['keep.txt']);
  });
});

describe('destinations', () => {
  it('says a missing destination is missing and records the failure for the status', async () => {
    const t = await vaultWithBackups();
    await t.api.call('backup.saveSettings', { destination: join(t.dest, 'unplugged-drive') });
    expect(await errorCodeOf(() => t.api.call('backup.now', {}))).toBe('BACKUP_DESTINATION_MISSING');
    const status = await t.api.call('backup.status', undefined);
    expect(status.attention).toBe(true);
    expect(status.lastFailure?.code).toBe('BACKUP_DESTINATION_MISSING');
    expect(existsSync(join(t.dest, 'unplugged-drive'))).toBe(false);
  });

  it('refuses a read-only destination and leaves it as it was', async () => {
    const t = await vaultWithBackups();
    // An administrator may write anywhere its permissions allow: run as root, /sys is the read-only folder at hand.
    const readOnly = process.getuid?.() === 0 ? '/sys/kernel' : t.dest;
    const { chmodSync } = await import('node:fs');
    if (readOnly === t.dest) chmodSync(t.dest, 0o500);
    const before = readdirSync(readOnly);
    try {
      await t.api.call('backup.saveSettings', { destination: readOnly });
      expect(await errorCodeOf(() => t.api.call('backup.now', {}))).toBe('BACKUP_DESTINATION_READ_ONLY');
      expect(readdirSync(readOnly)).toEqual(before);
    } finally {
      if (readOnly === t.dest) chmodSync(t.dest, 0o700);
    }
  });

  it('refuses a set that holds another vault’s backups', async () => {
    const t = await vaultWithBackups();
    writeFileSync(join(t.dest, 'backup-set.json'), JSON.stringify({ format: 'clinic-vault-backup-set', version: 1, vaultId: 'v_someone_else', createdAt: '2026-01-01T00:00:00Z' }));
    expect(await errorCodeOf(() => t.api.call('backup.now', {}))).toBe('BACKUP_SET_OTHER_VAULT');
    expect(existsSync(join(t.dest, 'snapshots'))).toBe(false);
  });

  it('without a destination, asks for one', async () => {
    tv = await createBackupTestVault();
    expect(await errorCodeOf(() => tv!.api.call('backup.now', {}))).toBe('BACKUP_NO_DESTINATION');
  });
});

describe('who may back up', () => {
  it('refuses reception a backup, a restore list is public, and the status is for everyone', async () => {
    const t = await vaultWithBackups();
    const { signInAs } = await import('../test-support/test-clients');
    await signInAs(t.api, 'reception');
    expect(await errorCodeOf(() => t.api.call('backup.now', {}))).toBe('FORBIDDEN');
    expect(await errorCodeOf(() => t.api.call('backup.saveSettings', { destination: '/tmp' }))).toBe('FORBIDDEN');
    expect(await errorCodeOf(() => t.api.call('backup.prune', {}))).toBe('FORBIDDEN');
    expect((await t.api.call('backup.status', undefined)).configured).toBe(true);
  });
});

describe('an interrupted snapshot', () => {
  it('is never taken for complete, and the next run clears it away and says so', async () => {
    const t = await vaultWithBackups();
    await t.api.call('backup.now', {});
    // Its check afterwards (and the prune that follows it) is over, as it is by the time a later run is killed.
    await t.api.call('backup.waitForChecks', undefined);
    // What a kill -9 mid-copy leaves: a part-written folder and a blob temp file.
    const partial = join(t.dest, 'snapshots', '20990101T000000Z-abcdef.partial');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(partial);
    writeFileSync(join(partial, 'vault.db.tmp'), 'half');
    writeFileSync(join(t.dest, 'tmp', 'x.tmp'), 'half');
    const listed = await t.api.call('backup.list', {});
    expect(listed.snapshots.map((s) => s.id)).not.toContain('20990101T000000Z-abcdef');
    t.clock.advance(60_000);
    const run = (await t.api.call('backup.now', {})).runs[0]!;
    expect(run.cleanedUp).toEqual(['20990101T000000Z-abcdef.partial']);
    expect(existsSync(partial)).toBe(false);
    expect(readdirSync(join(t.dest, 'tmp'))).toEqual([]);
    expect(statSync(join(t.dest, 'snapshots', run.snapshot.id, 'manifest.json')).isFile()).toBe(true);
  });
});

describe('the rotation', () => {
  it('prunes what it no longer keeps only once a new snapshot has had its whole check, and says what it removed', async () => {
    const t = await vaultWithBackups();
    await t.api.call('backup.saveSettings', { destination: t.dest, keepDaily: 2, keepWeekly: 0, keepMonthly: 0 });
    const ids: string[] = [];
    for (let day = 0; day < 2; day++) {
      ids.push((await t.api.call('backup.now', {})).runs[0]!.snapshot.id);
      expect((await t.api.call('backup.waitForChecks', undefined)).checks).toEqual([expect.objectContaining({ snapshotId: ids[day], ok: true, pruned: [] })]);
      t.clock.advance(24 * 60 * 60_000);
      await t.api.call('session.signIn', { username: OWNER.username, password: OWNER.password }); // the screen locked overnight
    }
    ids.push((await t.api.call('backup.now', {})).runs[0]!.snapshot.id);
    // The third snapshot was made and checked in the call; the first goes once the third's page and structure check has passed.
    const { checks } = await t.api.call('backup.waitForChecks', undefined);
    expect(checks).toEqual([{ destination: t.dest, snapshotId: ids[2], finished: true, ok: true, problems: [], pruned: [ids[0]] }]);
    const pruneLog = t.api.core.requireSession().vault.db.prepare("SELECT detail FROM audit_log WHERE action = 'backup.pruned'").pluck().all() as string[];
    expect(pruneLog.map((d) => (JSON.parse(d) as { snapshots: number }).snapshots)).toEqual([1]);
    expect((await t.api.call('backup.list', {})).snapshots.map((s) => s.id).sort()).toEqual([ids[1], ids[2]].sort());
    // Each finding is answered once.
    expect((await t.api.call('backup.waitForChecks', undefined)).checks).toEqual([]);
  });
});

describe('the schedule', () => {
  it('backs up once the daily time has passed, whoever is signed in, and a missing drive is recorded and tried again later', async () => {
    const t = await vaultWithBackups();
    await t.api.call('backup.saveSettings', { destination: join(t.dest, 'unplugged'), dailyAt: '00:00' });
    const { signInAs } = await import('../test-support/test-clients');
    await signInAs(t.api, 'reception');
    const missed = await t.api.call('backup.runScheduled', { reason: 'daily' });
    expect(missed.ran).toBe('snapshot');
    expect((await t.api.call('backup.status', undefined)).lastFailure?.code).toBe('BACKUP_DESTINATION_MISSING');
    // Not again at once: later.
    expect((await t.api.call('backup.runScheduled', { reason: 'daily' })).ran).toBeNull();
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(t.dest, 'unplugged'));
    t.clock.advance(16 * 60_000);
    await t.api.call('session.signIn', { username: OWNER.username, password: OWNER.password }); // the screen locked meanwhile
    const done = await t.api.call('backup.runScheduled', { reason: 'daily' });
    expect(done.ran).toBe('snapshot');
    expect((await t.api.call('backup.status', undefined)).attention).toBe(false);
  });

  it('when the app closes, backs up and finishes the snapshot’s structure check before it answers, so the app can quit', async () => {
    const t = await vaultWithBackups();
    await t.api.call('backup.saveSettings', { destination: t.dest, onClose: true });
    const closing = await t.api.call('backup.runScheduled', { reason: 'closing' });
    expect(closing.ran).toBe('snapshot');
    const id = (closing.result as { runs: { snapshot: { id: string } }[] }).runs[0]!.snapshot.id;
    // Already in the set's verification record: nothing is left running when the app quits.
    const record = JSON.parse(readFileSync(join(t.dest, 'verified.json'), 'utf8')) as { entries: { snapshotId: string }[] };
    expect(record.entries.map((e) => e.snapshotId)).toEqual([id]);
  });
});
