/**
 * The attacks of issue #8 items 1 and 2, as a member of staff with their own
 * password and a copy of the vault folder would try them: offline, with the
 * keyring file alone (test-support/offline-unlock.ts), never through the core.
 */
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OWNER, addStaffMember, createTestVault, errorCodeOf, type TestVault } from '../test-support/temp-vault';
import { offlineUnlock, opensDatabase } from '../test-support/offline-unlock';
import { type Keyring, readKeyring, writeKeyring } from './keyring';
import { vaultPaths } from '../platform/vault-paths';

let tv: TestVault | undefined;
const temps: string[] = [];
afterEach(() => {
  tv?.cleanup();
  tv = undefined;
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

function copyOfFolder(vaultDir: string): string {
  const copy = join(mkdtempSync(join(tmpdir(), 'cv-stolen-')), 'vault');
  temps.push(copy);
  cpSync(vaultDir, copy, { recursive: true });
  return copy;
}

/** Every file in the folder that reads as a keyring (keyring.json, keyring.prev.json, temp files...), each in a folder of its own. */
function everyKeyringIn(vaultDir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(vaultDir)) {
    if (!name.startsWith('keyring')) continue;
    const alone = mkdtempSync(join(tmpdir(), 'cv-keyring-'));
    temps.push(alone);
    writeFileSync(join(alone, 'keyring.json'), readFileSync(join(vaultDir, name)));
    found.push(alone);
  }
  return found;
}

/** Whether `password` opens any slot of `username` in any keyring-like file of the folder. */
async function opensAnySlot(vaultDir: string, username: string, password: string): Promise<boolean> {
  for (const dir of everyKeyringIn(vaultDir)) {
    if (await offlineUnlock(dir, username, password)) return true;
  }
  return false;
}

function rewriteKeyring(vaultDir: string, change: (k: Keyring) => Keyring): void {
  const paths = vaultPaths(vaultDir);
  writeKeyring(paths, change(readKeyring(paths)), { creating: true });
}

describe('revocation: nothing in the folder opens for an old secret', () => {
  it('a removed member’s password opens no slot anywhere in a copy of the folder', async () => {
    tv = await createTestVault();
    const priya = await addStaffMember(tv.api, 'practitioner');
    expect(await opensAnySlot(tv.vaultDir, priya.username, priya.password)).toBe(true);
    await tv.api.call('staff.remove', { staffId: priya.id });
    const stolen = copyOfFolder(tv.vaultDir);
    expect(readdirSync(stolen)).not.toContain('keyring.prev.json');
    expect(await opensAnySlot(stolen, priya.username, priya.password)).toBe(false);
  });

  it('an old password, after a change or a reset, opens no slot in the folder', async () => {
    tv = await createTestVault();
    const rachel = await addStaffMember(tv.api, 'reception');
    await tv.api.call('staff.resetPassword', { staffId: rachel.id, newPassword: 'rachel-new-password-1' });
    await tv.api.call('session.changePassword', { currentPassword: OWNER.password, newPassword: 'a brand new password' });
    const stolen = copyOfFolder(tv.vaultDir);
    expect(await opensAnySlot(stolen, rachel.username, rachel.password)).toBe(false);
    expect(await opensAnySlot(stolen, OWNER.username, OWNER.password)).toBe(false);
    expect(await opensAnySlot(stolen, rachel.username, 'rachel-new-password-1')).toBe(true);
  });

  it('an old keyring copy and the old password give a key pair that no current grant is sealed to', async () => {
    tv = await createTestVault();
    const oldCopy = copyOfFolder(tv.vaultDir);
    await tv.api.call('session.changePassword', { currentPassword: OWNER.password, newPassword: 'a brand new password' });
    const oldSlot = readKeyring(vaultPaths(oldCopy)).slots.find((s) => s.username === OWNER.username)!;
    // The attacker splices their old slot into the current keyring: it opens, but holds nothing.
    const spliced = copyOfFolder(tv.vaultDir);
    rewriteKeyring(spliced, (k) => ({ ...k, slots: [...k.slots.filter((s) => s.username !== OWNER.username), oldSlot] }));
    const keys = await offlineUnlock(spliced, OWNER.username, OWNER.password);
    expect(keys).not.toBeNull();
    expect(keys!.database).toEqual([]);
    expect(keys!.clinical).toBeNull();
    expect(keys!.auditSeed).toBeNull();
  });

  it('after a key rotation, a removed member’s old keyring copy and password give a key that does not open the current database', async () => {
    tv = await createTestVault();
    const priya = await addStaffMember(tv.api, 'practitioner');
    const takenBefore = copyOfFolder(tv.vaultDir);
    await tv.api.call('staff.remove', { staffId: priya.id, rotateDatabaseKey: true });
    tv.api.call('session.lock', undefined);
    const old = await offlineUnlock(takenBefore, priya.username, priya.password);
    expect(old?.database).toHaveLength(1);
    expect(opensDatabase(takenBefore, old!.database[0]!.key)).toBe(true); // the copy they took still opens: rotation cannot undo that
    expect(opensDatabase(tv.vaultDir, old!.database[0]!.key)).toBe(false);
  });

  it('keeps no keyring.prev.json from an earlier build once the keyring is written', async () => {
    tv = await createTestVault();
    const prev = `${tv.vaultDir}/keyring.prev.json`;
    writeFileSync(prev, '{}');
    await addStaffMember(tv.api, 'reception');
    expect(existsSync(prev)).toBe(false);
    writeFileSync(prev, '{}');
    tv.api.call('session.lock', undefined);
    await tv.api.call('session.signIn', { username: OWNER.username, password: OWNER.password });
    expect(existsSync(prev)).toBe(false);
  });
});

describe('role keys: what each password unwraps offline', () => {
  it('a reception password unwraps the database key only: no clinical key, no signing key', async () => {
    tv = await createTestVault();
    const rachel = await addStaffMember(tv.api, 'reception');
    const stolen = copyOfFolder(tv.vaultDir);
    const keys = await offlineUnlock(stolen, rachel.username, rachel.password);
    expect(keys?.database).toHaveLength(1);
    expect(opensDatabase(stolen, keys!.database[0]!.key)).toBe(true);
    expect(keys!.clinical).toBeNull();
    expect(keys!.auditSeed).toBeNull();
  });

  it('a practitioner gets the clinical key but not the signing key; the owner gets all three', async () => {
    tv = await createTestVault();
    const priya = await addStaffMember(tv.api, 'practitioner');
    const practitioner = await offlineUnlock(tv.vaultDir, priya.username, priya.password);
    const owner = await offlineUnlock(tv.vaultDir, OWNER.username, OWNER.password);
    expect(practitioner!.clinical).not.toBeNull();
    expect(practitioner!.auditSeed).toBeNull();
    expect(owner!.clinical!.equals(practitioner!.clinical!)).toBe(true);
    expect(owner!.auditSeed).not.toBeNull();
  });

  it('the keys a signed-in session holds follow its grants: reception has no clinical or signing key', async () => {
    tv = await createTestVault();
    const ownerKeys = tv.api.core.requireSession().vault.keys;
    expect(ownerKeys.clinical).not.toBeNull();
    expect(ownerKeys.auditSigning).not.toBeNull();
    const rachel = await addStaffMember(tv.api, 'reception');
    await tv.api.call('session.signIn', { username: rachel.username, password: rachel.password });
    const desk = tv.api.core.requireSession().vault.keys;
    expect(desk.clinical).toBeNull();
    expect(desk.auditSigning).toBeNull();
    expect(desk.auditPublic.export({ format: 'der', type: 'spki' })).toEqual(ownerKeys.auditPublic.export({ format: 'der', type: 'spki' }));
  });

  it('editing keyring.json to make a reception slot an owner’s, or to hand it the owner’s grants, unlocks nothing more', async () => {
    tv = await createTestVault();
    const rachel = await addStaffMember(tv.api, 'reception');
    tv.api.call('session.lock', undefined);
    const keyring = readKeyring(vaultPaths(tv.vaultDir));
    const deskSlot = keyring.slots.find((s) => s.username === rachel.username)!;
    const ownerSlot = keyring.slots.find((s) => s.username === OWNER.username)!;
    const ownersGrants = (k: Keyring) => k.grants.filter((g) => g.slotId === ownerSlot.id).map((g) => ({ ...g, slotId: deskSlot.id }));
    // The owner's grants copied onto her slot: she still signs in as reception, with no clinical key.
    rewriteKeyring(tv.vaultDir, (k) => ({ ...k, grants: [...k.grants, ...ownersGrants(k)] }));
    let api = tv.reopen();
    const session = await api.call('session.signIn', { username: rachel.username, password: rachel.password });
    expect(session.role).toBe('reception');
    expect(api.core.requireSession().vault.keys.clinical).toBeNull();
    // And the role on the slot edited too: offline it opens nothing more; the app reports the slot altered (endorsement.ts).
    rewriteKeyring(tv.vaultDir, (k) => ({ ...k, slots: k.slots.map((s) => (s.id === deskSlot.id ? { ...s, role: 'owner' } : s)) }));
    const offline = await offlineUnlock(tv.vaultDir, rachel.username, rachel.password);
    expect(offline!.clinical).toBeNull();
    expect(offline!.auditSeed).toBeNull();
    api = tv.reopen();
    expect(await errorCodeOf(() => api.call('session.signIn', { username: rachel.username, password: rachel.password }))).toBe('KEYRING_DAMAGED');
  });

  it('a public key swapped in keyring.json is reported as a damaged keyring at its holder’s sign-in', async () => {
    tv = await createTestVault();
    const rachel = await addStaffMember(tv.api, 'reception');
    tv.api.call('session.lock', undefined);
    const planted = generateKeyPairSync('x25519').publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('base64');
    rewriteKeyring(tv.vaultDir, (k) => ({ ...k, slots: k.slots.map((s) => (s.username === rachel.username ? { ...s, publicKey: planted } : s)) }));
    const api = tv.reopen();
    expect(await errorCodeOf(() => api.call('session.signIn', { username: rachel.username, password: rachel.password }))).toBe('KEYRING_DAMAGED');
  });
});
