/**
 * The set's verification record (verified.json): each snapshot's database is
 * checked in full once, as it is written or by the first `backup verify`, and
 * later verifies take that result from the record while still re-hashing
 * every chunk. What an attacker holding the
 * drive, or a failing disk, could do between two verifies must not let a
 * changed database pass.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addClientWithPhoto, createBackupTestVault, readSetManifest, setChunkPath, type BackupTestVault } from '../test-support/backup-test-support';
import { addFreePages, addUnreadTable, breakTreePage, flipByte, middleOfPage } from '../test-support/page-damage';
import { OWNER } from '../test-support/temp-vault';
import { manifestKeyOf } from './manifest';
import { setLayout } from './set-layout';
import { checksFinished, scratchPrefix } from './structure-check-after';
import { entryFor, writeVerificationRecord } from './verification-record';

let tv: BackupTestVault | null = null;
afterEach(() => {
  tv?.cleanup();
  tv = null;
});

async function vaultWithSnapshot(): Promise<{ t: BackupTestVault; id: string }> {
  tv = await createBackupTestVault();
  await addClientWithPhoto(tv, 'First', 1);
  await tv.api.call('backup.saveSettings', { destination: tv.dest });
  const id = (await tv.api.call('backup.now', {})).runs[0]!.snapshot.id;
  // Its structure check finishes after the call, and puts it into the record.
  await checksFinished(tv.api.core.requireSession().vault.db);
  return { t: tv, id };
}

/** How many snapshots the last verify rebuilt and checked in full (its audit entry). */
function lastCheckedInFull(t: BackupTestVault): number {
  const detail = t.api.core.requireSession().vault.db.prepare("SELECT detail FROM audit_log WHERE action = 'backup.verified' ORDER BY seq DESC LIMIT 1").pluck().get() as string;
  return (JSON.parse(detail) as { checkedInFull: number }).checkedInFull;
}

const recordPath = (t: BackupTestVault) => join(t.dest, 'verified.json');

describe('the verification record', () => {
  it('a snapshot checked in full as it was written is recorded: verify re-hashes it, and a chunk damaged since still fails, named', async () => {
    const { t, id } = await vaultWithSnapshot();
    expect((await t.api.call('backup.verify', {})).ok).toBe(true);
    expect(lastCheckedInFull(t)).toBe(0);
    expect(existsSync(recordPath(t))).toBe(true);

    const chunks = readSetManifest(t.dest, id).databaseChunks!;
    const chunk = chunks.at(-1)!;
    flipByte(setChunkPath(t.dest, chunk), 9000);
    const v = await t.api.call('backup.verify', {});
    expect(v.ok).toBe(false);
    expect(v.checked[0]!.check.problems).toContain(`blobs/${chunk.slice(0, 2)}/${chunk}.blob (piece ${chunks.length} of the database) is damaged (its SHA-256 does not match the manifest)`);
    // The failure removes the snapshot from the record: once the chunk is put right it is checked in full again.
    flipByte(setChunkPath(t.dest, chunk), 9000);
    expect((await t.api.call('backup.verify', {})).ok).toBe(true);
    expect(lastCheckedInFull(t)).toBe(1);
  });

  it('a record edited by hand is ignored: the snapshot is checked in full again and the record rewritten', async () => {
    const { t } = await vaultWithSnapshot();
    const record = JSON.parse(readFileSync(recordPath(t), 'utf8')) as { entries: { checkedAt: string }[] };
    record.entries[0]!.checkedAt = '2030-01-01T00:00:00.000Z';
    writeFileSync(recordPath(t), JSON.stringify(record));
    expect((await t.api.call('backup.verify', {})).ok).toBe(true);
    expect(lastCheckedInFull(t)).toBe(1);
    await t.api.call('backup.verify', {});
    expect(lastCheckedInFull(t)).toBe(0);
  });

  it('an authentic entry counts only for the database and manifest it names', async () => {
    const { t, id } = await vaultWithSnapshot();
    const m = readSetManifest(t.dest, id);
    const key = manifestKeyOf(t.api.core.requireSession().vault.db, false)!;
    const vaultId = m.vaultId;
    // Signed with the real key (as a faulty build could write it), but for another database's SHA-256.
    const other = { ...entryFor(m, new Date()), database: { ...m.files.database, sha256: 'a'.repeat(64) } };
    await writeVerificationRecord(setLayout(t.dest), key, vaultId, [other]);
    await t.api.call('backup.verify', {});
    expect(lastCheckedInFull(t)).toBe(1);
    // And for another manifest (the MAC it names).
    await writeVerificationRecord(setLayout(t.dest), key, vaultId, [{ ...entryFor(m, new Date()), manifestMac: 'b'.repeat(64) }]);
    await t.api.call('backup.verify', {});
    expect(lastCheckedInFull(t)).toBe(1);
  });

  it('a database copy that fails SQLite’s structure check after the snapshot marks it failed, and it is not recorded', async () => {
    tv = await createBackupTestVault();
    await addClientWithPhoto(tv, 'First', 1);
    await tv.api.call('backup.saveSettings', { destination: tv.dest });
    tv.api.close();
    await breakTreePage(tv.vaultDir, tv.recoveryKey, await addUnreadTable(tv.vaultDir, tv.recoveryKey));
    await tv.reopen().call('session.signIn', { username: OWNER.username, password: OWNER.password });
    const run = (await tv.api.call('backup.now', {})).runs[0]!;
    // Every page's HMAC checks, so the check after writing passes; SQLite's structure check finishes after the call.
    expect(run.verification.ok).toBe(true);
    const { checks } = await tv.api.call('backup.waitForChecks', undefined);
    expect(checks).toEqual([expect.objectContaining({ snapshotId: run.snapshot.id, finished: true, ok: false, pruned: [] })]);
    expect(checks[0]!.problems[0]).toMatch(/^vault\.db: /);
    const status = await tv.api.call('backup.status', undefined);
    expect(status.lastFailure?.message).toMatch(/^vault\.db: /);
    expect(existsSync(recordPath(tv))).toBe(false);
    // The next verify checks it in full and names the same problem.
    const v = await tv.api.call('backup.verify', {});
    expect(v.ok).toBe(false);
    expect(lastCheckedInFull(tv)).toBe(1);
    expect(v.checked[0]!.check.problems.some((p) => p.startsWith('vault.db: '))).toBe(true);
  });

  it('a page that does not check against the key, where SQLite never reads, fails the check after the snapshot, named, and is not recorded', async () => {
    tv = await createBackupTestVault();
    await addClientWithPhoto(tv, 'First', 1);
    // Keep one snapshot: a good one made before the damage would be pruned by a new one that passed.
    await tv.api.call('backup.saveSettings', { destination: tv.dest, keepDaily: 1, keepWeekly: 0, keepMonthly: 0 });
    const good = (await tv.api.call('backup.now', {})).runs[0]!.snapshot.id;
    await tv.api.call('backup.waitForChecks', undefined);
    tv.api.close();
    // A free page: SQLite's structure check does not read it, only the page-by-page check does.
    const pgno = await addFreePages(tv.vaultDir, tv.recoveryKey);
    flipByte(join(tv.vaultDir, 'vault.db'), middleOfPage(pgno));
    await tv.reopen().call('session.signIn', { username: OWNER.username, password: OWNER.password });
    tv.clock.advance(24 * 60 * 60_000);
    await tv.api.call('session.signIn', { username: OWNER.username, password: OWNER.password });
    const run = (await tv.api.call('backup.now', {})).runs[0]!;
    // The call checks what it wrote against what it read; the pages are checked after it.
    expect(run.verification.ok).toBe(true);
    const { checks } = await tv.api.call('backup.waitForChecks', undefined);
    expect(checks).toEqual([expect.objectContaining({ snapshotId: run.snapshot.id, finished: true, ok: false, problems: [`vault.db: 1 damaged page(s), first page ${pgno}`], pruned: [] })]);
    expect((await tv.api.call('backup.status', undefined)).lastFailure?.message).toBe(`vault.db: 1 damaged page(s), first page ${pgno}`);
    // Nothing was pruned: the good snapshot is still there.
    expect((await tv.api.call('backup.list', {})).snapshots.map((s) => s.id).sort()).toEqual([good, run.snapshot.id].sort());
    const record = JSON.parse(readFileSync(recordPath(tv), 'utf8')) as { entries: { snapshotId: string }[] };
    expect(record.entries.map((e) => e.snapshotId)).toEqual([good]);
  });

  it('a scratch copy left by an app closed during the structure check is removed by the next backup', async () => {
    const { t, id } = await vaultWithSnapshot();
    const left = mkdtempSync(join(tmpdir(), scratchPrefix(readSetManifest(t.dest, id).vaultId)));
    writeFileSync(join(left, 'vault.db'), 'ciphertext');
    const other = mkdtempSync(join(tmpdir(), scratchPrefix('another-vault')));
    try {
      await t.api.call('backup.now', {});
      expect(existsSync(left)).toBe(false);
      // Another vault's copy on the same computer is not this vault's to remove.
      expect(existsSync(other)).toBe(true);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('a snapshot that fails is not recorded, even when its database itself passed', async () => {
    const { t } = await vaultWithSnapshot();
    // The database checks out in full, but the set's destruction ledger has been edited: the snapshot fails.
    const ledger = join(t.dest, 'destructions.json');
    const original = readFileSync(ledger, 'utf8');
    const edited = JSON.parse(original) as Record<string, unknown>;
    writeFileSync(ledger, JSON.stringify({ ...edited, vaultId: 'someone-else' }));
    // The record from the snapshot's own check is no proof against that: this verify rebuilds it.
    rmSync(recordPath(t));
    const failed = await t.api.call('backup.verify', {});
    expect(failed.ok).toBe(false);
    expect(failed.checked[0]!.check.problems.join()).toContain('destructions.json');
    expect(lastCheckedInFull(t)).toBe(1);
    writeFileSync(ledger, original);
    expect((await t.api.call('backup.verify', {})).ok).toBe(true);
    expect(lastCheckedInFull(t)).toBe(1);
  });
});
