import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreApi } from '../app';
import { grant, stateOf, vaultWithClient } from '../test-support/consent-test-support';
import { OWNER, addStaffMember, createTestVault, errorCodeOf, testStateDir, type TestVault } from '../test-support/temp-vault';
import { copyDatabase } from '../test-support/audit-tamper';
import { openRawDatabase } from '../test-support/raw-database';
import { vaultPaths } from '../platform/vault-paths';

let tv: TestVault | undefined;
afterEach(() => {
  tv?.cleanup();
  tv = undefined;
});

const DAY = 86_400_000;
const signInOwner = (api: CoreApi) => api.call('session.signIn', { username: OWNER.username, password: OWNER.password });
const lock = (api: CoreApi) => api.call('session.lock', undefined);

async function refusal(api: CoreApi, method: string, input?: unknown) {
  const r = await api.dispatch(method, input);
  return r.ok ? null : r.error;
}

async function auditActions(api: CoreApi, action: string) {
  return (await api.call('audit.list', { limit: 100, action })).entries;
}

/** Wraps the database file copy: taken while locked (as a backup program or an insider would). */
function snapshotDatabase(v: TestVault): () => void {
  const db = vaultPaths(v.vaultDir).database;
  const copy = join(v.vaultDir, '..', 'old-vault.db');
  copyDatabase(db, copy);
  return () => copyDatabase(copy, db);
}

describe('rollback detection', () => {
  it('notices vault.db replaced by an older copy: the owner must accept it, and everyone else is refused until then', async () => {
    tv = await createTestVault();
    const rachel = await addStaffMember(tv.api, 'reception');
    await lock(tv.api);
    const restoreOld = snapshotDatabase(tv);
    tv.clock.advance(2 * DAY); // the newer database is used on 24/11/2026
    await signInOwner(tv.api);
    await lock(tv.api);
    restoreOld();
    tv.reopen();

    const refused = await tv.api.dispatch('session.signIn', { username: rachel.username, password: rachel.password });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'ROLLBACK_UNCONFIRMED',
        message: 'This database is older than the last one used on 24/11/2026: it may have been restored or replaced. Ask the clinic owner to sign in and confirm it before anyone can use it.',
      },
    });
    expect((await tv.api.call('app.status', undefined)).state).toBe('locked');

    const owner = await signInOwner(tv.api);
    const ownerMessage = 'This database is older than the last one used on 24/11/2026: it may have been restored or replaced. The owner must confirm it before anyone can use it.';
    // One warning: the newer checkpoints in audit-anchor.json are explained by the older database, not shown as tampering too.
    expect(owner.warnings).toEqual([{ kind: 'rollback_unconfirmed', message: ownerMessage, lastUsedAt: expect.any(String) }]);
    expect(await refusal(tv.api, 'clients.search', { query: 'zoe' })).toEqual({ code: 'ROLLBACK_UNCONFIRMED', message: ownerMessage });
    expect(await refusal(tv.api, 'audit.list', { limit: 5 })).toMatchObject({ code: 'ROLLBACK_UNCONFIRMED' });
    expect(await refusal(tv.api, 'staff.list')).toMatchObject({ code: 'ROLLBACK_UNCONFIRMED' });
    const upload = await tv.api.upload(Buffer.from('x'), { fileName: 'a.jpg' });
    expect(upload).toMatchObject({ ok: false, error: { code: 'ROLLBACK_UNCONFIRMED' } });
    expect((await tv.api.call('app.status', undefined)).session?.warnings.map((w) => w.kind)).toContain('rollback_unconfirmed');

    const after = await tv.api.call('vault.acceptRollback', undefined);
    expect(after.warnings).toEqual([]);
    expect((await tv.api.call('audit.verify', undefined)).ok).toBe(true);
    expect((await auditActions(tv.api, 'vault.rollback_detected')).map((e) => e.detail)).toEqual([
      expect.objectContaining({ source: 'vault-folder' }),
      expect.objectContaining({ source: 'vault-folder', signInRefused: true }),
    ]);
    expect(await auditActions(tv.api, 'vault.rollback_accepted')).toHaveLength(1);
    await lock(tv.api);

    // Accepted once: nobody is stopped again.
    expect((await tv.api.call('session.signIn', { username: rachel.username, password: rachel.password })).warnings).toEqual([]);
    await lock(tv.api);
    expect((await signInOwner(tv.api)).warnings).toEqual([]);
  });

  it('lets only the owner accept, and only when there is something to accept', async () => {
    tv = await createTestVault();
    expect(await errorCodeOf(() => tv!.api.call('vault.acceptRollback', undefined))).toBe('CONFLICT');
    const priya = await addStaffMember(tv.api, 'practitioner');
    await lock(tv.api);
    await tv.api.call('session.signIn', { username: priya.username, password: priya.password });
    expect(await errorCodeOf(() => tv!.api.call('vault.acceptRollback', undefined))).toBe('FORBIDDEN');
  });

  it('notices the whole vault folder replaced by an older copy, by the record kept in the app folder on this PC', async () => {
    tv = await createTestVault();
    await lock(tv.api);
    tv.api.close();
    const copy = join(tv.vaultDir, '..', 'vault-copy');
    cpSync(tv.vaultDir, copy, { recursive: true });
    tv.reopen();
    tv.clock.advance(DAY);
    await signInOwner(tv.api);
    await lock(tv.api);
    tv.api.close();
    rmSync(tv.vaultDir, { recursive: true, force: true });
    cpSync(copy, tv.vaultDir, { recursive: true });
    tv.reopen();

    const owner = await signInOwner(tv.api);
    expect(owner.warnings).toContainEqual(expect.objectContaining({ kind: 'rollback_unconfirmed', message: expect.stringContaining('last one used on 23/11/2026') }));
    await tv.api.call('vault.acceptRollback', undefined);
    expect((await auditActions(tv.api, 'vault.rollback_detected'))[0]!.detail).toMatchObject({ source: 'this-pc' });
  });

  it('still gives away an older vault folder whose generation an insider raised by hand, by the signed checkpoint this PC kept', async () => {
    tv = await createTestVault();
    await lock(tv.api);
    tv.api.close();
    const copy = join(tv.vaultDir, '..', 'vault-copy');
    cpSync(tv.vaultDir, copy, { recursive: true });
    tv.reopen();
    await signInOwner(tv.api);
    await lock(tv.api);
    tv.api.close();
    rmSync(tv.vaultDir, { recursive: true, force: true });
    cpSync(copy, tv.vaultDir, { recursive: true });
    // The insider holds the database key, so can make the old copy look newest.
    const raw = await openRawDatabase(tv.vaultDir, tv.recoveryKey);
    raw.prepare(`UPDATE meta SET value = '1000' WHERE key = 'rollback_generation'`).run();
    raw.close();
    tv.reopen();

    const owner = await signInOwner(tv.api);
    expect(owner.warnings.map((w) => w.kind)).toEqual(['audit_tampered']);
    expect(owner.warnings[0]!.message).toMatch(/the checkpoint for entry #\d+ \(signed \d{2}\/\d{2}\/\d{4}\) is missing from the database/);
  });

  it('does not let a consent withdrawn after the copy was taken come back unnoticed', async () => {
    const made = await vaultWithClient();
    tv = made.tv;
    const { clientId } = made;
    await grant(tv.api, clientId, 'marketing.email');
    await lock(tv.api);
    const restoreOld = snapshotDatabase(tv);
    tv.clock.advance(DAY);
    await signInOwner(tv.api);
    await tv.api.call('consent.withdraw', { clientId, purposeId: 'marketing.email', method: 'email' });
    await lock(tv.api);
    restoreOld();

    await signInOwner(tv.api);
    // The old database still says "granted", but it cannot be read or exported until the owner has looked.
    expect(await refusal(tv.api, 'consent.current', { clientId })).toMatchObject({ code: 'ROLLBACK_UNCONFIRMED' });
    expect(await refusal(tv.api, 'marketing.export', { channel: 'email' })).toMatchObject({ code: 'ROLLBACK_UNCONFIRMED' });
    await tv.api.call('vault.acceptRollback', undefined);
    expect(stateOf(await tv.api.call('consent.current', { clientId }), 'marketing.email')).toBe('granted');
  });

  it('ignores a record that was not written by this vault (no false alarm from a forged file)', async () => {
    tv = await createTestVault();
    const vaultId = JSON.parse(readFileSync(join(tv.vaultDir, 'vault.json'), 'utf8')).vaultId as string;
    await lock(tv.api);
    const forged = { format: 'clinic-vault-generation', version: 1, vaultId, generation: 10_000, at: '2030-01-01T00:00:00.000Z', mac: 'ab'.repeat(32) };
    writeFileSync(join(tv.vaultDir, 'vault-generation.json'), JSON.stringify(forged));
    writeFileSync(join(testStateDir(tv.vaultDir), 'vault-generations', `${vaultId}.json`), JSON.stringify(forged));
    expect((await signInOwner(tv.api)).warnings).toEqual([]);
    expect(await auditActions(tv.api, 'vault.rollback_detected')).toEqual([]);
  });
});

describe('the backup hook', () => {
  it('moves the generation on and checkpoints the head, and refuses while an older database waits', async () => {
    tv = await createTestVault();
    const first = tv.api.core.anchorBackup();
    const second = tv.api.core.anchorBackup();
    expect(second.generation).toBe(first.generation + 1);
    const raw = await openRawDatabase(tv.vaultDir, tv.recoveryKey);
    const head = (raw.prepare('SELECT max(seq) AS s FROM audit_log').get() as { s: number }).s;
    raw.close();
    expect(second.checkpointSeq).toBe(head);
    // A backup taken now is older than what follows it: putting it back is noticed.
    await lock(tv.api);
    const restoreOld = snapshotDatabase(tv);
    await signInOwner(tv.api);
    await lock(tv.api);
    restoreOld();
    await signInOwner(tv.api);
    expect(() => tv!.api.core.anchorBackup()).toThrow(expect.objectContaining({ code: 'ROLLBACK_UNCONFIRMED' }));
  });
});

describe('a normal day', () => {
  it('raises no alarm: sign-ins by every role, locks, switching user, auto-lock, verify and restarts', async () => {
    tv = await createTestVault();
    const rachel = await addStaffMember(tv.api, 'reception');
    const priya = await addStaffMember(tv.api, 'practitioner');
    const signIns: { warnings: unknown[] }[] = [];
    for (let hour = 0; hour < 3; hour++) {
      tv.clock.advance(3_600_000);
      signIns.push(await tv.api.call('session.signIn', { username: rachel.username, password: rachel.password }));
      signIns.push(await tv.api.call('session.signIn', { username: priya.username, password: priya.password })); // switch user
      await lock(tv.api);
      signIns.push(await signInOwner(tv.api));
      expect((await tv.api.call('vault.verify', undefined)).ok).toBe(true);
      tv.clock.advance(6 * 60_000);
      tv.api.core.checkIdle(); // auto-lock
      expect((await tv.api.call('app.status', undefined)).state).toBe('locked');
      tv.reopen();
    }
    signIns.push(await signInOwner(tv.api));
    expect(signIns.every((s) => s.warnings.length === 0)).toBe(true);
    expect((await tv.api.call('audit.verify', undefined)).ok).toBe(true);
    expect(await auditActions(tv.api, 'audit.tamper_detected')).toEqual([]);
    expect(await auditActions(tv.api, 'vault.rollback_detected')).toEqual([]);
  });

  it('raises no alarm after a crash between the database commit and the records outside it', async () => {
    tv = await createTestVault();
    await lock(tv.api);
    const paths = vaultPaths(tv.vaultDir);
    const vaultId = JSON.parse(readFileSync(paths.publicInfo, 'utf8')).vaultId as string;
    const outside = [paths.generationRecord, paths.auditAnchor, join(testStateDir(tv.vaultDir), 'vault-generations', `${vaultId}.json`)];
    const before = outside.map((p) => readFileSync(p));
    await signInOwner(tv.api);
    await lock(tv.api);
    // The database committed the new generation and checkpoint, then the process died before
    // any file outside it was written: those files are as they were before.
    outside.forEach((p, i) => writeFileSync(p, before[i]!));
    tv.reopen();
    expect((await signInOwner(tv.api)).warnings).toEqual([]);
    expect((await tv.api.call('audit.verify', undefined)).ok).toBe(true);
    // Nor after one of the records was written and the other not.
    await lock(tv.api);
    const halfway = readFileSync(outside[2]!);
    await signInOwner(tv.api);
    await lock(tv.api);
    writeFileSync(outside[2]!, halfway);
    expect((await signInOwner(tv.api)).warnings).toEqual([]);
  });
});
