import { afterEach, describe, expect, it } from 'vitest';
import { newClient, anotherPerson } from '../test-support/test-clients';
import { databaseKeyFor } from '../test-support/raw-database';
import { opensDatabase } from '../test-support/offline-unlock';
import { OWNER, addStaffMember, createTestVault, errorCodeOf, type TestVault } from '../test-support/temp-vault';
import { databaseVersions, readKeyring } from './keyring';
import { vaultPaths } from '../platform/vault-paths';

let tv: TestVault | undefined;
afterEach(() => {
  tv?.cleanup();
  tv = undefined;
});

describe('database key rotation', () => {
  it('re-encrypts the database under a new key: data intact, everyone signs in, the old key opens nothing', async () => {
    tv = await createTestVault();
    const priya = await addStaffMember(tv.api, 'practitioner');
    const rachel = await addStaffMember(tv.api, 'reception');
    for (const [i, lastName] of ['Hartley', 'Okafor', 'Nowak'].entries()) await tv.api.call('clients.create', newClient({ lastName, ...anotherPerson(i), email: `${lastName.toLowerCase()}@example.co.uk` }));
    const oldKey = await databaseKeyFor(tv.vaultDir, tv.recoveryKey);
    const progress: string[] = [];
    const stop = tv.api.core.onRotationProgress((p) => progress.push(p.step));
    expect(await tv.api.call('vault.rotateDatabaseKey', undefined)).toEqual({ version: 2 });
    stop();
    expect(progress.filter((s, i) => s !== progress[i - 1])).toEqual(['keyring-extended', 'database-closed', 'rekeying', 'reopened', 'keyring-trimmed', 'done']);
    // Still signed in, on the re-encrypted file.
    expect((await tv.api.call('clients.search', { query: 'Okafor', limit: 5 })).results).toHaveLength(1);
    expect(databaseVersions(readKeyring(vaultPaths(tv.vaultDir)))).toEqual([2]);
    tv.api.call('session.lock', undefined);
    expect(opensDatabase(tv.vaultDir, oldKey)).toBe(false);
    expect(opensDatabase(tv.vaultDir, await databaseKeyFor(tv.vaultDir, tv.recoveryKey))).toBe(true);
    for (const [username, password] of [[priya.username, priya.password], [rachel.username, rachel.password], [OWNER.username, OWNER.password]] as const) {
      await tv.api.call('session.signIn', { username, password });
      expect((await tv.api.call('clients.search', { query: 'Nowak', limit: 5 })).results).toHaveLength(1);
    }
    const audit = await tv.api.call('audit.list', { limit: 50, action: 'vault.database_key_rotated' });
    expect(audit.entries.map((e) => e.detail?.version)).toEqual([2]);
    expect((await tv.api.call('audit.verify', undefined)).ok).toBe(true);
  });

  it('refuses a sign-in while the file is being re-encrypted, and carries out a lock asked for meanwhile once it ends', async () => {
    tv = await createTestVault();
    const rachel = await addStaffMember(tv.api, 'reception');
    let duringSignIn: Promise<unknown> | undefined;
    const stop = tv.api.core.onRotationProgress((p) => {
      if (p.step !== 'database-closed') return;
      duringSignIn = tv!.api.dispatch('session.signIn', { username: rachel.username, password: rachel.password });
      tv!.api.core.lock('locked');
    });
    await tv.api.call('vault.rotateDatabaseKey', undefined);
    stop();
    expect(await duringSignIn).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await tv.api.call('app.status', undefined)).state).toBe('locked');
    await tv.api.call('session.signIn', { username: OWNER.username, password: OWNER.password });
    const actions = (await tv.api.call('audit.list', { limit: 3 })).entries.map((e) => e.action);
    expect(actions).toEqual(['session.signed_in', 'session.locked', 'vault.database_key_rotated']);
  });

  it('removing a member with rotateDatabaseKey rotates the key in the same call', async () => {
    tv = await createTestVault();
    const priya = await addStaffMember(tv.api, 'practitioner');
    const before = await databaseKeyFor(tv.vaultDir, tv.recoveryKey);
    await tv.api.call('staff.remove', { staffId: priya.id, rotateDatabaseKey: true });
    expect(databaseVersions(readKeyring(vaultPaths(tv.vaultDir)))).toEqual([2]);
    tv.api.call('session.lock', undefined);
    expect(opensDatabase(tv.vaultDir, before)).toBe(false);
  });

  it('stopped during the re-encryption: CANCELLED, the file still under the old key, the keyring holding only it, still signed in', async () => {
    tv = await createTestVault();
    await tv.api.call('clients.create', newClient({ lastName: 'Kowalczyk' }));
    const before = await databaseKeyFor(tv.vaultDir, tv.recoveryKey);
    const controller = new AbortController();
    const answer = await tv.api.dispatch('vault.rotateDatabaseKey', undefined, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.label === 'Re-encrypting the database') controller.abort();
      },
    });
    expect(answer).toEqual({ ok: false, error: expect.objectContaining({ code: 'CANCELLED' }) });
    expect(databaseVersions(readKeyring(vaultPaths(tv.vaultDir)))).toEqual([1]);
    expect((await tv.api.call('clients.search', { query: 'Kowalczyk', limit: 5 })).results).toHaveLength(1);
    expect((await tv.api.call('audit.list', { limit: 5, action: 'vault.database_key_rotated' })).entries).toEqual([]);
    tv.api.call('session.lock', undefined);
    expect(opensDatabase(tv.vaultDir, before)).toBe(true);
    // Nothing half-done is left for the next unlock to finish.
    await tv.api.call('session.signIn', { username: OWNER.username, password: OWNER.password });
    expect((await tv.api.call('audit.list', { limit: 5, action: 'vault.database_key_rotation_finished' })).entries).toEqual([]);
  });

  it('removing a member with the key change stopped half way: they stay removed, and the answer says the key was not changed', async () => {
    tv = await createTestVault();
    const priya = await addStaffMember(tv.api, 'practitioner');
    const controller = new AbortController();
    const answer = await tv.api.dispatch('staff.remove', { staffId: priya.id, rotateDatabaseKey: true }, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.label === 'Re-encrypting the database') controller.abort();
      },
    });
    expect(answer).toEqual({ ok: false, error: expect.objectContaining({ code: 'KEY_CHANGE_STOPPED' }) });
    expect((await tv.api.call('staff.list', undefined)).find((m) => m.id === priya.id)?.removedAt).toBeTruthy();
    expect(databaseVersions(readKeyring(vaultPaths(tv.vaultDir)))).toEqual([1]);
    tv.api.call('session.lock', undefined);
    expect(await errorCodeOf(() => tv!.api.call('session.signIn', { username: priya.username, password: priya.password }))).toBe('WRONG_CREDENTIALS');
  });

  it('is refused to anyone but the owner, and changes nothing', async () => {
    tv = await createTestVault();
    const priya = await addStaffMember(tv.api, 'practitioner');
    await tv.api.call('session.signIn', { username: priya.username, password: priya.password });
    expect(await errorCodeOf(() => tv!.api.call('vault.rotateDatabaseKey', undefined))).toBe('FORBIDDEN');
    expect(databaseVersions(readKeyring(vaultPaths(tv.vaultDir)))).toEqual([1]);
  });
});
