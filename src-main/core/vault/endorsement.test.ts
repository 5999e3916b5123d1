/**
 * Slot endorsements (endorsement.ts, slot-trust.ts) against an insider who can
 * write the vault folder: they edit keyring.json (fixing its checksum, which is
 * no secret) to put a key pair of their own in a colleague's place, hoping to
 * be sealed the next rotation's database key or to sign in under that name.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { newScryptParams } from './kdf';
import { type Keyring, type PairSlot, databaseVersions, findStaffSlotByUsername, readKeyring, writeKeyring } from './keyring';
import { slotTrust, vaultEndorsementKey } from './endorsement';
import { issueSlot, unlockSlot } from './slots';
import { vaultPaths } from '../platform/vault-paths';
import { databaseKeyFor } from '../test-support/raw-database';
import { opensDatabase } from '../test-support/offline-unlock';
import { OWNER, addStaffMember, createTestVault, errorCodeOf, type TestVault } from '../test-support/temp-vault';

let tv: TestVault | undefined;
afterEach(() => {
  tv?.cleanup();
  tv = undefined;
});

const keyringOf = (vaultDir: string) => readKeyring(vaultPaths(vaultDir));
const slotOf = (vaultDir: string, username: string) => findStaffSlotByUsername(keyringOf(vaultDir), username) as PairSlot;

/** What the insider does: rewrite the keyring with a valid checksum. */
function rewriteKeyring(vaultDir: string, change: (k: Keyring) => Keyring): void {
  const paths = vaultPaths(vaultDir);
  writeKeyring(paths, change(readKeyring(paths)), { creating: true });
}

function replaceSlot(vaultDir: string, username: string, change: (s: PairSlot) => PairSlot): void {
  rewriteKeyring(vaultDir, (k) => ({ ...k, slots: k.slots.map((s) => (s.username === username ? change(s as PairSlot) : s)) }));
}

const plantedPublicKey = () => generateKeyPairSync('x25519').publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('base64');

/**
 * The insider (Rachel, reception) makes a slot of her own under a colleague's
 * name: her own password, a fresh key pair, the database key she holds sealed
 * to it, and the colleague's endorsement copied across.
 */
async function forgedSlotFor(vaultDir: string, victim: { id: string; username: string }, insider: { username: string; password: string }, password: string) {
  const keyring = keyringOf(vaultDir);
  const own = await unlockSlot(keyring, findStaffSlotByUsername(keyring, insider.username)!, insider.password);
  const genuine = slotOf(vaultDir, victim.username);
  const { slot, grants } = await issueSlot(
    keyring.vaultId,
    { kind: 'staff', staffId: victim.id, username: victim.username, role: 'practitioner' },
    password,
    { database: { version: 1, key: own!.databaseKeys[0]!.key }, clinical: null, auditSeed: null },
    newScryptParams('test'),
    genuine.createdAt,
  );
  return { genuineId: genuine.id, slot: { ...slot, endorsement: genuine.endorsement }, grants };
}

describe('a colleague’s public key substituted in keyring.json', () => {
  it('the next key rotation refuses, names the member, and writes nothing', async () => {
    tv = await createTestVault();
    const priya = await addStaffMember(tv.api, 'practitioner');
    await addStaffMember(tv.api, 'reception');
    replaceSlot(tv.vaultDir, priya.username, (s) => ({ ...s, publicKey: plantedPublicKey() }));
    const before = readFileSync(vaultPaths(tv.vaultDir).keyring);
    const result = await tv.api.dispatch('vault.rotateDatabaseKey', undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!result.ok && result.error.message).toBe('priya test’s key slot has been altered: reset priya test’s password before changing the key. Nothing has been changed.');
    expect(readFileSync(vaultPaths(tv.vaultDir).keyring)).toEqual(before);
    expect(databaseVersions(keyringOf(tv.vaultDir))).toEqual([1]);
    // The same goes for removing someone with the key change: nobody is removed.
    const rachelId = findStaffSlotByUsername(keyringOf(tv.vaultDir), 'rachel')!.staffId!;
    expect(await errorCodeOf(() => tv!.api.call('staff.remove', { staffId: rachelId, rotateDatabaseKey: true }))).toBe('CONFLICT');
    expect((await tv.api.call('staff.list', undefined)).find((m) => m.id === rachelId)?.removedAt).toBeNull();
  });

  it('stripping the endorsement as well, or vouching with the insider’s own endorsement key, is refused just the same', async () => {
    tv = await createTestVault();
    const priya = await addStaffMember(tv.api, 'practitioner');
    const rachel = await addStaffMember(tv.api, 'reception');
    const genuine = slotOf(tv.vaultDir, priya.username);
    const planted = plantedPublicKey();
    replaceSlot(tv.vaultDir, priya.username, ({ endorsement: _dropped, ...s }) => ({ ...s, publicKey: planted }));
    expect(await errorCodeOf(() => tv!.api.call('vault.rotateDatabaseKey', undefined))).toBe('CONFLICT');

    // Rachel's own slot holds her endorsement key and its certificate: she signs the planted slot with it.
    const keyring = keyringOf(tv.vaultDir);
    const hers = await unlockSlot(keyring, findStaffSlotByUsername(keyring, rachel.username)!, rachel.password);
    expect(hers!.holderSeed).not.toBeNull();
    const { signature: _unused, ...rachelsEndorsement } = slotOf(tv.vaultDir, rachel.username).endorsement!;
    const { sign } = await import('node:crypto');
    const { ed25519FromSeed } = await import('../crypto/vault-keys');
    const identity = ['clinic-vault-slot-endorsement', keyring.vaultId, genuine.id, 'staff', priya.id, priya.username, 'practitioner', planted];
    const signature = sign(null, Buffer.from(JSON.stringify(identity)), ed25519FromSeed(hers!.holderSeed!).privateKey).toString('base64');
    replaceSlot(tv.vaultDir, priya.username, (s) => ({ ...s, endorsement: { ...rachelsEndorsement, by: 'holder', signature } }));
    const result = await tv.api.dispatch('vault.rotateDatabaseKey', undefined);
    expect(!result.ok && result.error.message).toContain('priya test’s key slot has been altered');
    expect(databaseVersions(keyringOf(tv.vaultDir))).toEqual([1]);
  });

  it('the recovery slot’s public key substituted: the rotation refuses until a new recovery key is issued', async () => {
    tv = await createTestVault();
    rewriteKeyring(tv.vaultDir, (k) => ({ ...k, slots: k.slots.map((s) => (s.kind === 'recovery' ? { ...(s as PairSlot), publicKey: plantedPublicKey() } : s)) }));
    const refused = await tv.api.dispatch('vault.rotateDatabaseKey', undefined);
    expect(!refused.ok && refused.error.message).toBe(
      'The recovery key’s key slot has been altered: issue a new recovery key (Settings, Recovery key) before changing the key. Nothing has been changed.',
    );
    await tv.api.call('vault.reissueRecoveryKey', { password: OWNER.password });
    expect(await tv.api.call('vault.rotateDatabaseKey', undefined)).toEqual({ version: 2 });
  });

  it('signing in under the substituted slot is refused as a damaged keyring, for that name only', async () => {
    tv = await createTestVault();
    const priya = await addStaffMember(tv.api, 'practitioner');
    const rachel = await addStaffMember(tv.api, 'reception');
    const forged = await forgedSlotFor(tv.vaultDir, priya, rachel, 'rachels-chosen-password');
    rewriteKeyring(tv.vaultDir, (k) => ({
      ...k,
      slots: k.slots.map((s) => (s.id === forged.genuineId ? forged.slot : s)),
      grants: [...k.grants.filter((g) => g.slotId !== forged.genuineId), ...forged.grants],
    }));
    const api = tv.reopen();
    expect(await errorCodeOf(() => api.call('session.signIn', { username: priya.username, password: 'rachels-chosen-password' }))).toBe('KEYRING_DAMAGED');
    expect(await errorCodeOf(() => api.call('session.signIn', { username: priya.username, password: priya.password }))).toBe('WRONG_CREDENTIALS');
    // Everyone else still signs in, and the owner sees the attempt in the log.
    await api.call('session.signIn', { username: rachel.username, password: rachel.password });
    await api.call('session.signIn', { username: OWNER.username, password: OWNER.password });
    const failures = await api.call('audit.list', { limit: 10, action: 'session.sign_in_failed' });
    expect(failures.entries.map((e) => e.detail?.reason)).toContain('key_slot_altered');
  });

  it('the owner resetting that member’s password replaces the slot cleanly; the key then changes and the planted key gets none of it', async () => {
    tv = await createTestVault();
    const priya = await addStaffMember(tv.api, 'practitioner');
    const planted = plantedPublicKey();
    replaceSlot(tv.vaultDir, priya.username, (s) => ({ ...s, publicKey: planted }));
    expect(await errorCodeOf(() => tv!.api.call('vault.rotateDatabaseKey', undefined))).toBe('CONFLICT');
    await tv.api.call('staff.resetPassword', { staffId: priya.id, newPassword: 'priya-after-reset-1' });
    expect(keyringOf(tv.vaultDir).slots.some((s) => s.format === 'x25519' && s.publicKey === planted)).toBe(false);
    expect(await tv.api.call('vault.rotateDatabaseKey', undefined)).toEqual({ version: 2 });
    const keyring = keyringOf(tv.vaultDir);
    expect(keyring.grants.every((g) => keyring.slots.some((s) => s.id === g.slotId && s.format === 'x25519' && s.publicKey !== planted))).toBe(true);
    await tv.api.call('session.signIn', { username: priya.username, password: 'priya-after-reset-1' });
    expect(tv.api.core.requireSession().vault.keys.clinical).not.toBeNull();
  });

  it('editing the role or username on a slot is caught at that person’s sign-in', async () => {
    tv = await createTestVault();
    const rachel = await addStaffMember(tv.api, 'reception');
    replaceSlot(tv.vaultDir, rachel.username, (s) => ({ ...s, role: 'owner' }));
    const api = tv.reopen();
    expect(await errorCodeOf(() => api.call('session.signIn', { username: rachel.username, password: rachel.password }))).toBe('KEYRING_DAMAGED');
    await api.call('session.signIn', { username: OWNER.username, password: OWNER.password });
  });
});

describe('the key that checks endorsements', () => {
  it('replaced in keyring.json by an insider’s own (with slots re-signed by it) is reported at an owner’s sign-in, and cannot pass a rotation', async () => {
    tv = await createTestVault();
    const rachel = await addStaffMember(tv.api, 'reception');
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const { sign } = await import('node:crypto');
    const { ed25519RawPublic } = await import('../crypto/vault-keys');
    rewriteKeyring(tv.vaultDir, (k) => ({
      ...k,
      endorsementPublicKey: ed25519RawPublic(publicKey).toString('base64'),
      slots: k.slots.map((s) => {
        const p = s as PairSlot;
        const identity = ['clinic-vault-slot-endorsement', k.vaultId, p.id, p.kind, p.staffId, p.username, p.role, p.publicKey];
        return { ...p, endorsement: { by: 'owner' as const, signature: sign(null, Buffer.from(JSON.stringify(identity)), privateKey).toString('base64') } };
      }),
    }));
    const api = tv.reopen();
    expect(await errorCodeOf(() => api.call('session.signIn', { username: OWNER.username, password: OWNER.password }))).toBe('KEYRING_DAMAGED');
    // A reception session can only check against the file's copy (docs/key-hierarchy.md says so); it signs in.
    await api.call('session.signIn', { username: rachel.username, password: rachel.password });
  });
});

describe('a vault upgraded from a version-1 keyring', () => {
  it('refuses the first key rotation, naming each member converted by their own sign-in, until the owner resets them', async () => {
    tv = await createTestVault();
    const rachel = await addStaffMember(tv.api, 'reception');
    // Strip every endorsement and the key, as a keyring written before endorsements (or converted by its holders) has none.
    rewriteKeyring(tv.vaultDir, (k) => ({ ...k, endorsementPublicKey: null, slots: k.slots.map((s) => { const { endorsement: _none, ...rest } = s as PairSlot; return rest; }) }));
    const api = tv.reopen();
    await api.call('session.signIn', { username: rachel.username, password: rachel.password });
    await api.call('session.signIn', { username: OWNER.username, password: OWNER.password });
    const refused = await api.dispatch('vault.rotateDatabaseKey', undefined);
    expect(!refused.ok && refused.error.message).toBe(
      'These key slots cannot be trusted with the new key: Olivia Owner, the recovery key, rachel test. Reset those members’ passwords, and issue a new recovery key (Settings, Recovery key), before changing the key. Nothing has been changed.',
    );
    await api.call('session.changePassword', { currentPassword: OWNER.password, newPassword: 'olivia-new-password-1' });
    await api.call('vault.reissueRecoveryKey', { password: 'olivia-new-password-1' });
    const stillRachel = await api.dispatch('vault.rotateDatabaseKey', undefined);
    expect(!stillRachel.ok && stillRachel.error.message).toBe('rachel test’s key slot was made before key slots were signed: reset rachel test’s password before changing the key. Nothing has been changed.');
    await api.call('staff.resetPassword', { staffId: rachel.id, newPassword: 'rachel-reset-password-1' });
    expect(await api.call('vault.rotateDatabaseKey', undefined)).toEqual({ version: 2 });
  });
});

describe('a removed member who puts their own old slot back', () => {
  it('is dropped by the next rotation and sealed none of the new key', async () => {
    tv = await createTestVault();
    const priya = await addStaffMember(tv.api, 'practitioner');
    const oldSlot = slotOf(tv.vaultDir, priya.username);
    const oldGrants = keyringOf(tv.vaultDir).grants.filter((g) => g.slotId === oldSlot.id);
    await tv.api.call('staff.remove', { staffId: priya.id });
    rewriteKeyring(tv.vaultDir, (k) => ({ ...k, slots: [...k.slots, oldSlot], grants: [...k.grants, ...oldGrants] }));
    expect(await tv.api.call('vault.rotateDatabaseKey', undefined)).toEqual({ version: 2 });
    expect(keyringOf(tv.vaultDir).slots.some((s) => s.id === oldSlot.id)).toBe(false);
    tv.api.call('session.lock', undefined);
    const theirs = await unlockSlot({ ...keyringOf(tv.vaultDir), slots: [oldSlot] }, oldSlot, priya.password);
    expect(theirs!.databaseKeys).toEqual([]);
    expect(opensDatabase(tv.vaultDir, await databaseKeyFor(tv.vaultDir, tv.recoveryKey))).toBe(true);
  });
});

describe('a normal day', () => {
  it('adding staff, changing one’s own password, resets, recovery and a new recovery key leave every slot endorsed, and the key changes', async () => {
    tv = await createTestVault();
    const priya = await addStaffMember(tv.api, 'practitioner');
    const rachel = await addStaffMember(tv.api, 'reception');
    const oscar = await addStaffMember(tv.api, 'owner');
    await tv.api.call('staff.resetPassword', { staffId: oscar.id, newPassword: 'oscar-reset-password-1' });
    await tv.api.call('session.signIn', { username: rachel.username, password: rachel.password });
    await tv.api.call('session.changePassword', { currentPassword: rachel.password, newPassword: 'rachel-own-new-password' });
    await tv.api.call('session.signIn', { username: priya.username, password: priya.password });
    await tv.api.call('session.changePassword', { currentPassword: priya.password, newPassword: 'priya-own-new-password' });
    await tv.api.call('session.changePassword', { currentPassword: 'priya-own-new-password', newPassword: 'priya-second-password' });
    await tv.api.call('session.signOut', undefined);
    await tv.api.call('session.recover', { username: OWNER.username, recoveryKey: tv.recoveryKey, newPassword: 'olivia-recovered-password' });
    await tv.api.call('vault.reissueRecoveryKey', { password: 'olivia-recovered-password' });
    await tv.api.call('session.changePassword', { currentPassword: 'olivia-recovered-password', newPassword: 'olivia-final-password' });

    const keyring = keyringOf(tv.vaultDir);
    const seed = await import('../crypto/vault-keys').then((m) => m.ed25519SeedOf(tv!.api.core.requireSession().vault.keys.auditSigning!));
    const anchor = vaultEndorsementKey(keyring.vaultId, seed).publicKey;
    expect(keyring.slots.map((s) => s.format === 'x25519' && s.endorsement?.by)).toEqual(expect.arrayContaining(['owner', 'holder']));
    for (const slot of keyring.slots) expect(slotTrust(keyring.vaultId, slot as PairSlot, anchor), `${slot.kind} ${slot.username}`).toBe('endorsed');

    expect(await tv.api.call('vault.rotateDatabaseKey', undefined)).toEqual({ version: 2 });
    for (const [username, password] of [
      [rachel.username, 'rachel-own-new-password'],
      [priya.username, 'priya-second-password'],
      [oscar.username, 'oscar-reset-password-1'],
      [OWNER.username, 'olivia-final-password'],
    ] as const) {
      await tv.api.call('session.signIn', { username, password });
    }
    expect((await tv.api.call('audit.verify', undefined)).ok).toBe(true);
  });
});
