import { readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '../../contract/errors';
import { OWNER, SETUP_INPUT, createTestVault, errorCodeOf, makeTempDir, openTestCore, FakeClock, type TestVault } from '../test-support/temp-vault';
import { openRawDatabase } from '../test-support/raw-database';
import { readKeyring } from './keyring';
import { vaultPaths } from '../platform/vault-paths';

let tv: TestVault | undefined;
afterEach(() => {
  tv?.cleanup();
  tv = undefined;
});

describe('creating a vault', () => {
  it('signs the owner in and shows a recovery key in printable groups once', async () => {
    tv = await createTestVault();
    expect(tv.recoveryKey).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    const status = await tv.api.call('app.status', undefined);
    expect(status.state).toBe('unlocked');
    expect(status.session?.username).toBe('olivia');
    expect(status.session?.role).toBe('owner');
    expect(status.clinicName).toBe('Riverside Aesthetics');
    expect(status.recoveryKeyPending).toBe(true);
    await tv.api.call('vault.confirmRecoveryKey', undefined);
    expect((await tv.api.call('app.status', undefined)).recoveryKeyPending).toBe(false);
  });

  it('keeps the database encrypted at rest: no SQLite header and no readable clinic details', async () => {
    tv = await createTestVault();
    tv.api.call('session.lock', undefined);
    const bytes = readFileSync(join(tv.vaultDir, 'vault.db'));
    expect(bytes.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    expect(bytes.includes(Buffer.from('Riverside'))).toBe(false);
    expect(bytes.includes(Buffer.from('olivia'))).toBe(false);
  });

  it('writes one key slot per member of staff plus the recovery slot, and never the key in the clear', async () => {
    tv = await createTestVault();
    const keyring = readKeyring(vaultPaths(tv.vaultDir));
    expect(keyring.slots.map((s) => s.kind).sort()).toEqual(['recovery', 'staff']);
    expect(keyring.slots.every((s) => s.kdf.alg === 'scrypt' && s.kdf.salt.length > 0)).toBe(true);
  });

  it('refuses a password under 12 characters and creates nothing', async () => {
    const tmp = makeTempDir();
    const api = openTestCore(join(tmp.dir, 'vault'), new FakeClock());
    const result = await api.dispatch('vault.setup', { ...SETUP_INPUT, owner: { ...OWNER, password: 'short-pw' } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('VALIDATION');
      expect(result.error.issues).toContainEqual({ field: 'owner.password', message: ERROR_MESSAGES.WEAK_PASSWORD });
    }
    expect((await api.call('app.status', undefined)).state).toBe('no-vault');
    expect(existsSync(join(tmp.dir, 'vault', 'vault.db'))).toBe(false);
    api.close();
    tmp.cleanup();
  });

  it('refuses to set up over an existing vault', async () => {
    tv = await createTestVault();
    expect(await errorCodeOf(() => tv!.api.call('vault.setup', SETUP_INPUT))).toBe('VAULT_EXISTS');
  });
});

describe('signing in', () => {
  it('opens the vault with the right password and records the sign-in', async () => {
    tv = await createTestVault();
    await tv.api.call('session.signOut', undefined);
    expect((await tv.api.call('app.status', undefined)).state).toBe('locked');
    const session = await tv.api.call('session.signIn', { username: 'OLIVIA', password: OWNER.password });
    expect(session.displayName).toBe('Olivia Owner');
    const audit = await tv.api.call('audit.list', { limit: 5 });
    expect(audit.entries[0]?.action).toBe('session.signed_in');
    expect(audit.entries[1]?.action).toBe('session.signed_out');
  });

  it('gives one generic message for a wrong password and for an unknown username', async () => {
    tv = await createTestVault();
    await tv.api.call('session.signOut', undefined);
    const wrongPw = await tv.api.dispatch('session.signIn', { username: 'olivia', password: 'not the password' });
    const unknown = await tv.api.dispatch('session.signIn', { username: 'nobody', password: 'not the password' });
    expect(wrongPw).toEqual({ ok: false, error: { code: 'WRONG_CREDENTIALS', message: ERROR_MESSAGES.WRONG_CREDENTIALS } });
    expect(unknown).toEqual(wrongPw);
  });

  it('records failed sign-ins in the audit log once the vault is next unlocked', async () => {
    tv = await createTestVault();
    await tv.api.call('session.signOut', undefined);
    await tv.api.dispatch('session.signIn', { username: 'olivia', password: 'wrong password!' });
    await tv.api.dispatch('session.signIn', { username: 'mallory', password: 'wrong password!' });
    await tv.api.call('session.signIn', { username: 'olivia', password: OWNER.password });
    const failed = await tv.api.call('audit.list', { limit: 10, action: 'session.sign_in_failed' });
    expect(failed.entries.map((e) => e.detail?.reason)).toEqual(['unknown_username', 'wrong_password']);
    expect(JSON.stringify(failed)).not.toContain('mallory');
  });

  it('adds an increasing delay after repeated failures, enforced in the core', async () => {
    tv = await createTestVault();
    await tv.api.call('session.signOut', undefined);
    const attempt = () => tv!.api.dispatch('session.signIn', { username: 'olivia', password: 'wrong password!' });
    expect((await attempt()).ok).toBe(false);
    expect((await attempt()).ok).toBe(false);
    const third = await attempt();
    expect(!third.ok && third.error.code).toBe('SIGNIN_THROTTLED');
    expect(!third.ok && third.error.retryAfterSeconds).toBe(5);
    // Even the right password is refused during the delay.
    const during = await tv.api.dispatch('session.signIn', { username: 'olivia', password: OWNER.password });
    expect(!during.ok && during.error.code).toBe('SIGNIN_THROTTLED');
    tv.clock.advance(5_000);
    const fourth = await attempt();
    expect(!fourth.ok && fourth.error.retryAfterSeconds).toBe(10);
    tv.clock.advance(10_000);
    expect((await tv.api.dispatch('session.signIn', { username: 'olivia', password: OWNER.password })).ok).toBe(true);
    // Success resets the count.
    await tv.api.call('session.signOut', undefined);
    const after = await attempt();
    expect(!after.ok && after.error.code).toBe('WRONG_CREDENTIALS');
  });

  it('keeps the delay across a restart of the app', async () => {
    tv = await createTestVault();
    await tv.api.call('session.signOut', undefined);
    for (let i = 0; i < 3; i++) await tv.api.dispatch('session.signIn', { username: 'olivia', password: 'wrong password!' });
    const api = tv.reopen();
    const r = await api.dispatch('session.signIn', { username: 'olivia', password: OWNER.password });
    expect(!r.ok && r.error.code).toBe('SIGNIN_THROTTLED');
  });
});

describe('locking', () => {
  it('locks itself after the idle period and refuses calls until someone signs in', async () => {
    tv = await createTestVault();
    tv.clock.advance(4 * 60_000);
    await tv.api.call('settings.get', undefined); // activity resets the timer
    tv.clock.advance(4 * 60_000);
    expect((await tv.api.call('app.status', undefined)).state).toBe('unlocked');
    tv.clock.advance(60_000);
    expect(await errorCodeOf(() => tv!.api.call('settings.get', undefined))).toBe('NOT_SIGNED_IN');
    expect((await tv.api.call('app.status', undefined)).state).toBe('locked');
    await tv.api.call('session.signIn', { username: 'olivia', password: OWNER.password });
    const actions = (await tv.api.call('audit.list', { limit: 3 })).entries.map((e) => e.action);
    expect(actions.slice(0, 2)).toEqual(['session.signed_in', 'session.auto_locked']);
  });

  it('uses the auto-lock period from the settings, leaving the other settings as they were', async () => {
    tv = await createTestVault();
    await tv.api.call('settings.update', { autoLockMinutes: 1 });
    expect(await tv.api.call('settings.get', undefined)).toMatchObject({ autoLockMinutes: 1, postcode: 'BS1 4DJ', addressLines: ['1 High Street', 'Bristol'], icoRegistrationNumber: 'ZA123456' });
    tv.clock.advance(61_000);
    tv.api.core.checkIdle();
    expect((await tv.api.call('app.status', undefined)).state).toBe('locked');
  });

  it('lets another member of staff sign in without closing the app', async () => {
    tv = await createTestVault();
    await tv.api.call('staff.add', { username: 'rachel', displayName: 'Rachel Reception', role: 'reception', password: 'rachel-password-1' });
    await tv.api.call('session.lock', undefined);
    const s = await tv.api.call('session.signIn', { username: 'rachel', password: 'rachel-password-1' });
    expect(s.role).toBe('reception');
    expect(s.permissions).not.toContain('clinical.read');
  });
});

describe('bad vaults and folders', () => {
  it('reports a damaged keyring and leaves it exactly as it was', async () => {
    tv = await createTestVault();
    const paths = vaultPaths(tv.vaultDir);
    const api = tv.reopen();
    const original = readFileSync(paths.keyring);
    const flipped = Buffer.from(original);
    const at = flipped.indexOf(Buffer.from('"wrappedKey": "')) + 20;
    flipped[at] = flipped[at] === 0x41 ? 0x42 : 0x41;
    writeFileSync(paths.keyring, flipped);
    const status = await api.call('app.status', undefined);
    expect(status.startupError?.code).toBe('KEYRING_DAMAGED');
    expect(await errorCodeOf(() => api.call('session.signIn', { username: 'olivia', password: OWNER.password }))).toBe('KEYRING_DAMAGED');
    expect(readFileSync(paths.keyring)).toEqual(flipped);
  });

  it('reports a truncated keyring', async () => {
    tv = await createTestVault();
    const paths = vaultPaths(tv.vaultDir);
    const api = tv.reopen();
    writeFileSync(paths.keyring, readFileSync(paths.keyring).subarray(0, 200));
    expect((await api.call('app.status', undefined)).startupError?.code).toBe('KEYRING_DAMAGED');
  });

  it('does not overwrite a keyring damaged while signed in, and rolls the staff change back', async () => {
    tv = await createTestVault();
    const paths = vaultPaths(tv.vaultDir);
    writeFileSync(paths.keyring, '{"format":"clinic-vault-keyring"');
    const code = await errorCodeOf(() =>
      tv!.api.call('staff.add', { username: 'rachel', displayName: 'Rachel', role: 'reception', password: 'rachel-password-1' }),
    );
    expect(code).toBe('KEYRING_DAMAGED');
    expect(readFileSync(paths.keyring, 'utf8')).toBe('{"format":"clinic-vault-keyring"');
    expect((await tv.api.call('staff.list', undefined)).map((s) => s.username)).toEqual(['olivia']);
  });

  it('reports a database replaced with garbage, and does not touch it', async () => {
    tv = await createTestVault();
    const paths = vaultPaths(tv.vaultDir);
    tv.api.close();
    const garbage = Buffer.alloc(64 * 1024, 0x5a);
    writeFileSync(paths.database, garbage);
    const api = tv.reopen();
    expect(await errorCodeOf(() => api.call('session.signIn', { username: 'olivia', password: OWNER.password }))).toBe('DATABASE_DAMAGED');
    expect((await api.call('app.status', undefined)).startupError?.code).toBe('DATABASE_DAMAGED');
    expect(readFileSync(paths.database)).toEqual(garbage);
  });

  it('detects one flipped byte in the database', async () => {
    tv = await createTestVault();
    const paths = vaultPaths(tv.vaultDir);
    tv.api.close();
    const bytes = readFileSync(paths.database);
    bytes[100] = bytes[100]! ^ 0xff; // inside page 1's encrypted body
    writeFileSync(paths.database, bytes);
    const api = tv.reopen();
    expect(await errorCodeOf(() => api.call('session.signIn', { username: 'olivia', password: OWNER.password }))).toBe('DATABASE_DAMAGED');
  });

  it('refuses a vault written by a newer version before sign-in, and changes nothing', async () => {
    tv = await createTestVault();
    const paths = vaultPaths(tv.vaultDir);
    tv.api.close();
    const info = JSON.parse(readFileSync(paths.publicInfo, 'utf8'));
    writeFileSync(paths.publicInfo, JSON.stringify({ ...info, schemaVersion: 99 }));
    const api = tv.reopen();
    expect((await api.call('app.status', undefined)).startupError?.code).toBe('VAULT_FROM_NEWER_VERSION');
    expect(await errorCodeOf(() => api.call('session.signIn', { username: 'olivia', password: OWNER.password }))).toBe('VAULT_FROM_NEWER_VERSION');
  });

  it('refuses a database whose schema is newer than this app, leaving it as it was', async () => {
    tv = await createTestVault();
    const recoveryKey = tv.recoveryKey;
    tv.api.close();
    const raw = await openRawDatabase(tv.vaultDir, recoveryKey);
    raw.pragma('user_version = 99');
    raw.close();
    const api = tv.reopen();
    expect(await errorCodeOf(() => api.call('session.signIn', { username: 'olivia', password: OWNER.password }))).toBe('VAULT_FROM_NEWER_VERSION');
    const check = await openRawDatabase(tv.vaultDir, recoveryKey);
    expect(check.pragma('user_version', { simple: true })).toBe(99);
    expect((check.prepare('SELECT count(*) AS n FROM staff').get() as { n: number }).n).toBe(1);
    check.close();
  });

  it('refuses a second instance on the same vault', async () => {
    tv = await createTestVault();
    expect(await errorCodeOf(() => openTestCore(tv!.vaultDir, new FakeClock()))).toBe('VAULT_IN_USE');
  });

  it('reports a vault folder whose drive is missing, without creating it', async () => {
    const tmp = makeTempDir();
    const dir = join(tmp.dir, 'unplugged-drive', 'vault');
    expect(await errorCodeOf(() => openTestCore(dir, new FakeClock()))).toBe('VAULT_FOLDER_MISSING');
    expect(existsSync(join(tmp.dir, 'unplugged-drive'))).toBe(false);
    tmp.cleanup();
  });

  it.runIf(process.platform === 'linux')('reports a vault folder that cannot be written (Linux: /sys refuses even root)', async () => {
    expect(await errorCodeOf(() => openTestCore('/sys/clinic-vault-test', new FakeClock()))).toBe('VAULT_NOT_WRITABLE');
  });

  it('makes the vault folder private to the user', async () => {
    tv = await createTestVault();
    if (process.platform !== 'win32') expect(statSync(tv.vaultDir).mode & 0o077).toBe(0);
  });
});
