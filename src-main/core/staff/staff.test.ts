import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { OWNER, addStaffMember, createTestVault, errorCodeOf, type TestVault } from '../test-support/temp-vault';
import { readKeyring } from '../vault/keyring';
import { vaultPaths } from '../platform/vault-paths';

let tv: TestVault | undefined;
afterEach(() => {
  tv?.cleanup();
  tv = undefined;
});

describe('staff accounts and key slots', () => {
  it('gives a new member a slot they can sign in with', async () => {
    tv = await createTestVault();
    const rachel = await addStaffMember(tv.api, 'reception');
    expect(readKeyring(vaultPaths(tv.vaultDir)).slots.filter((s) => s.kind === 'staff')).toHaveLength(2);
    await tv.api.call('session.signOut', undefined);
    const s = await tv.api.call('session.signIn', { username: rachel.username, password: rachel.password });
    expect(s.role).toBe('reception');
  });

  it('refuses a username that is already taken', async () => {
    tv = await createTestVault();
    const r = await tv.api.dispatch('staff.add', { username: 'Olivia', displayName: 'Another', role: 'reception', password: 'long-enough-pw' });
    expect(!r.ok && r.error.code).toBe('CONFLICT');
    expect(!r.ok && r.error.issues?.[0]?.field).toBe('username');
  });

  it('changing a password rewrites only that slot', async () => {
    tv = await createTestVault();
    await addStaffMember(tv.api, 'reception');
    const before = readKeyring(vaultPaths(tv.vaultDir)).slots;
    await tv.api.call('session.changePassword', { currentPassword: OWNER.password, newPassword: 'a brand new password' });
    const after = readKeyring(vaultPaths(tv.vaultDir)).slots;
    const changed = after.filter((s) => !before.some((b) => JSON.stringify(b) === JSON.stringify(s)));
    expect(changed).toHaveLength(1);
    expect(changed[0]!.username).toBe('olivia');
    await tv.api.call('session.signOut', undefined);
    expect(await errorCodeOf(() => tv!.api.call('session.signIn', { username: 'olivia', password: OWNER.password }))).toBe('WRONG_CREDENTIALS');
    await tv.api.call('session.signIn', { username: 'olivia', password: 'a brand new password' });
  });

  it('refuses a password change without the right current password', async () => {
    tv = await createTestVault();
    const before = readFileSync(vaultPaths(tv.vaultDir).keyring);
    expect(await errorCodeOf(() => tv!.api.call('session.changePassword', { currentPassword: 'not my password', newPassword: 'a brand new password' }))).toBe('WRONG_CREDENTIALS');
    expect(readFileSync(vaultPaths(tv.vaultDir).keyring)).toEqual(before);
  });

  it('removing a member removes their slot; they can no longer sign in; the log still names them', async () => {
    tv = await createTestVault();
    const priya = await addStaffMember(tv.api, 'practitioner');
    await tv.api.call('staff.remove', { staffId: priya.id });
    expect(readKeyring(vaultPaths(tv.vaultDir)).slots.some((s) => s.staffId === priya.id)).toBe(false);
    const list = await tv.api.call('staff.list', undefined);
    expect(list.find((m) => m.id === priya.id)?.removedAt).not.toBeNull();
    const removal = await tv.api.call('audit.list', { limit: 1, action: 'staff.removed' });
    expect(removal.entries[0]?.subjectId).toBe(priya.id);
    await tv.api.call('session.signOut', undefined);
    expect(await errorCodeOf(() => tv!.api.call('session.signIn', { username: priya.username, password: priya.password }))).toBe('WRONG_CREDENTIALS');
  });

  it('keeps at least one owner and never removes the signed-in person', async () => {
    tv = await createTestVault();
    const me = (await tv.api.call('app.status', undefined)).session!.staffId;
    expect(await errorCodeOf(() => tv!.api.call('staff.remove', { staffId: me }))).toBe('CONFLICT');
    const oscar = await addStaffMember(tv.api, 'owner');
    await tv.api.call('session.signOut', undefined);
    await tv.api.call('session.signIn', { username: oscar.username, password: oscar.password });
    await tv.api.call('staff.remove', { staffId: me });
    const list = await tv.api.call('staff.list', undefined);
    expect(list.filter((m) => m.role === 'owner' && !m.removedAt)).toHaveLength(1);
  });

  it('lets the owner reset a forgotten password', async () => {
    tv = await createTestVault();
    const rachel = await addStaffMember(tv.api, 'reception');
    await tv.api.call('staff.resetPassword', { staffId: rachel.id, newPassword: 'temporary-password-1' });
    await tv.api.call('session.signOut', undefined);
    // The old password no longer opens rachel's key slot; the one the owner set does.
    expect(await errorCodeOf(() => tv!.api.call('session.signIn', { username: 'rachel', password: rachel.password }))).toBe('WRONG_CREDENTIALS');
    const session = await tv.api.call('session.signIn', { username: 'rachel', password: 'temporary-password-1' });
    expect(session.username).toBe('rachel');
    expect(session.role).toBe('reception');
  });
});

describe('recovery key', () => {
  it("resets the owner's password and signs them in; the old password stops working", async () => {
    tv = await createTestVault();
    await tv.api.call('session.signOut', undefined);
    const typed = tv.recoveryKey.toLowerCase().replace(/-/g, ' ');
    const s = await tv.api.call('session.recover', { username: 'olivia', recoveryKey: typed, newPassword: 'recovered password 1' });
    expect(s.username).toBe('olivia');
    await tv.api.call('session.signOut', undefined);
    expect(await errorCodeOf(() => tv!.api.call('session.signIn', { username: 'olivia', password: OWNER.password }))).toBe('WRONG_CREDENTIALS');
    await tv.api.call('session.signIn', { username: 'olivia', password: 'recovered password 1' });
    expect((await tv.api.call('audit.list', { limit: 10, action: 'staff.password_recovered' })).entries).toHaveLength(1);
  });

  it('refuses a wrong recovery key and changes nothing', async () => {
    tv = await createTestVault();
    await tv.api.call('session.signOut', undefined);
    const before = readFileSync(vaultPaths(tv.vaultDir).keyring);
    const wrong = tv.recoveryKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    expect(await errorCodeOf(() => tv!.api.call('session.recover', { username: 'olivia', recoveryKey: wrong, newPassword: 'recovered password 1' }))).toBe('RECOVERY_KEY_INVALID');
    expect(readFileSync(vaultPaths(tv.vaultDir).keyring)).toEqual(before);
  });

  it('can be replaced by the owner with their password; the old key stops working', async () => {
    tv = await createTestVault();
    const wrong = await tv.api.dispatch('vault.reissueRecoveryKey', { password: 'not my password' });
    expect(!wrong.ok && wrong.error.code).toBe('WRONG_CREDENTIALS');
    const { recoveryKey } = await tv.api.call('vault.reissueRecoveryKey', { password: OWNER.password });
    expect(recoveryKey).not.toBe(tv.recoveryKey);
    expect((await tv.api.call('app.status', undefined)).recoveryKeyPending).toBe(true);
    expect(readKeyring(vaultPaths(tv.vaultDir)).slots.filter((s) => s.kind === 'recovery')).toHaveLength(1);
    await tv.api.call('session.signOut', undefined);
    expect(await errorCodeOf(() => tv!.api.call('session.recover', { username: 'olivia', recoveryKey: tv!.recoveryKey, newPassword: 'recovered password 1' }))).toBe('RECOVERY_KEY_INVALID');
    await tv.api.call('session.recover', { username: 'olivia', recoveryKey, newPassword: 'recovered password 1' });
  });

  it("does not reset a non-owner's password", async () => {
    tv = await createTestVault();
    await addStaffMember(tv.api, 'reception');
    await tv.api.call('session.signOut', undefined);
    expect(await errorCodeOf(() => tv!.api.call('session.recover', { username: 'rachel', recoveryKey: tv!.recoveryKey, newPassword: 'recovered password 1' }))).toBe('FORBIDDEN');
  });
});

describe('roles are enforced in the core, whatever the UI shows', () => {
  const ownerOnly = [
    ['staff.list', undefined],
    ['staff.add', { username: 'x-user', displayName: 'X', role: 'owner', password: 'long-enough-password' }],
    ['settings.update', { autoLockMinutes: 60 }],
    ['audit.list', { limit: 10 }],
    ['audit.verify', undefined],
    ['vault.verify', undefined],
  ] as const;

  for (const role of ['reception', 'practitioner'] as const) {
    it(`refuses owner-only calls to ${role}, and logs each refusal`, async () => {
      tv = await createTestVault();
      const member = await addStaffMember(tv.api, role);
      await tv.api.call('session.signOut', undefined);
      await tv.api.call('session.signIn', { username: member.username, password: member.password });
      for (const [method, input] of ownerOnly) {
        const r = await tv.api.dispatch(method, input);
        expect(!r.ok && r.error.code, method).toBe('FORBIDDEN');
      }
      expect((await tv.api.call('settings.get', undefined)).autoLockMinutes).toBe(5);
      await tv.api.call('session.signOut', undefined);
      await tv.api.call('session.signIn', { username: 'olivia', password: OWNER.password });
      const denied = await tv.api.call('audit.list', { limit: 50, action: 'access.denied' });
      expect(denied.entries.map((e) => e.detail?.method).sort()).toEqual(ownerOnly.map(([m]) => m).sort());
    });
  }

  it('refuses every signed-in call when nobody is signed in', async () => {
    tv = await createTestVault();
    await tv.api.call('session.signOut', undefined);
    for (const method of ['settings.get', 'staff.list', 'audit.list', 'session.touch'] as const) {
      const r = await tv.api.dispatch(method, undefined);
      expect(!r.ok && r.error.code, method).toBe('NOT_SIGNED_IN');
    }
  });

  it('rejects unknown methods and malformed input with clear codes', async () => {
    tv = await createTestVault();
    const unknown = await tv.api.dispatch('clients.deleteEverything', {});
    expect(!unknown.ok && unknown.error.code).toBe('NOT_FOUND');
    const bad = await tv.api.dispatch('settings.update', { autoLockMinutes: 'soon' });
    expect(!bad.ok && bad.error.code).toBe('VALIDATION');
    expect(!bad.ok && bad.error.issues?.[0]?.field).toBe('autoLockMinutes');
    const badPostcode = await tv.api.dispatch('settings.update', { postcode: 'NOT A POSTCODE' });
    expect(!badPostcode.ok && badPostcode.error.issues?.[0]?.message).toMatch(/UK postcode/);
    expect((await tv.api.call('settings.get', undefined)).postcode).toBe('BS1 4DJ');
  });
});
