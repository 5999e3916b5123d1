/**
 * Vaults from builds before keyring version 2 keep opening, and each person's
 * slot is converted at their next sign-in (legacy-conversion.ts).
 */
import { createCipheriv, createHash, randomBytes, scryptSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { newClient, anotherPerson } from '../test-support/test-clients';
import { databaseKeyFor } from '../test-support/raw-database';
import { offlineUnlock, offlineUnlockRecovery } from '../test-support/offline-unlock';
import { OWNER, addStaffMember, createTestVault, errorCodeOf, type TestVault } from '../test-support/temp-vault';
import { findStaffSlotByUsername, readKeyring } from './keyring';
import { vaultPaths } from '../platform/vault-paths';

let tv: TestVault | undefined;
afterEach(() => {
  tv?.cleanup();
  tv = undefined;
});

/** A slot exactly as version-1 builds wrote it: the database key wrapped under the secret. */
function v1Slot(vaultId: string, databaseKey: Buffer, secret: string, holder: { kind: 'staff' | 'recovery'; staffId: string | null; username: string | null }) {
  const kdf = { alg: 'scrypt', N: 1024, r: 8, p: 1, salt: randomBytes(16).toString('base64') };
  const kek = scryptSync(secret.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), 32, { N: kdf.N, r: kdf.r, p: kdf.p });
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(`clinic-vault|${vaultId}|${holder.kind}|${holder.staffId ?? '-'}`, 'utf8'));
  const wrapped = Buffer.concat([cipher.update(databaseKey), cipher.final()]);
  return { ...holder, kdf, iv: iv.toString('base64'), wrappedKey: wrapped.toString('base64'), tag: cipher.getAuthTag().toString('base64'), createdAt: '2026-10-01T09:00:00.000Z' };
}

interface LegacyVault {
  priya: { id: string; username: string; password: string };
  rachel: { id: string; username: string; password: string };
}

/** A vault with three staff and two clients whose keyring is then written in the version-1 format. */
async function legacyVault(): Promise<LegacyVault> {
  tv = await createTestVault();
  const priya = await addStaffMember(tv.api, 'practitioner');
  const rachel = await addStaffMember(tv.api, 'reception');
  await tv.api.call('clients.create', newClient({ lastName: 'Okafor', ...anotherPerson(1), email: 'okafor@example.co.uk' }));
  await tv.api.call('clients.create', newClient({ lastName: 'Nowak', ...anotherPerson(2), email: 'nowak@example.co.uk' }));
  tv.api.call('session.lock', undefined);
  const paths = vaultPaths(tv.vaultDir);
  const current = readKeyring(paths);
  const databaseKey = await databaseKeyFor(tv.vaultDir, tv.recoveryKey);
  const staffId = (username: string) => findStaffSlotByUsername(current, username)!.staffId;
  const slots = [
    v1Slot(current.vaultId, databaseKey, OWNER.password, { kind: 'staff', staffId: staffId(OWNER.username), username: OWNER.username }),
    v1Slot(current.vaultId, databaseKey, priya.password, { kind: 'staff', staffId: priya.id, username: priya.username }),
    v1Slot(current.vaultId, databaseKey, rachel.password, { kind: 'staff', staffId: rachel.id, username: rachel.username }),
    v1Slot(current.vaultId, databaseKey, tv.recoveryKey, { kind: 'recovery', staffId: null, username: null }),
  ];
  const body = { format: 'clinic-vault-keyring', version: 1, vaultId: current.vaultId, slots };
  const checksum = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  writeFileSync(paths.keyring, JSON.stringify({ ...body, checksum }, null, 2));
  writeFileSync(`${tv.vaultDir}/keyring.prev.json`, JSON.stringify({ ...body, checksum }, null, 2));
  tv.reopen();
  return { priya, rachel };
}

const formatOf = (username: string) => findStaffSlotByUsername(readKeyring(vaultPaths(tv!.vaultDir)), username)?.format;

describe('a vault with a version-1 keyring', () => {
  it('opens for the owner, whose slot becomes a key pair holding new clinical and signing keys; the recovery key must be reissued', async () => {
    const { priya } = await legacyVault();
    await tv!.api.call('session.signIn', { username: OWNER.username, password: OWNER.password });
    expect((await tv!.api.call('clients.search', { query: 'Okafor', limit: 5 })).results).toHaveLength(1);
    const status = await tv!.api.call('app.status', undefined);
    expect(status.recoveryKeyPending).toBe(true);
    const keys = tv!.api.core.requireSession().vault.keys;
    expect(keys.clinical).not.toBeNull();
    expect(keys.auditSigning).not.toBeNull();
    const keyring = readKeyring(vaultPaths(tv!.vaultDir));
    expect(keyring.auditPublicKey).not.toBeNull();
    expect(formatOf(OWNER.username)).toBe('x25519');
    expect(formatOf(priya.username)).toBe('legacy-v1');
    expect(readFileSync(vaultPaths(tv!.vaultDir).keyring, 'utf8')).toContain('"version": 2');
    const offline = await offlineUnlock(tv!.vaultDir, OWNER.username, OWNER.password);
    expect(offline!.clinical!.equals(keys.clinical!)).toBe(true);
    const audit = await tv!.api.call('audit.list', { limit: 10, action: 'vault.key_slot_converted' });
    expect(audit.entries[0]?.detail?.keysCreated).toBe(true);
  });

  it('converts a practitioner at sign-in without the clinical key, and the staff list says a password reset will grant it', async () => {
    const { priya, rachel } = await legacyVault();
    await tv!.api.call('session.signIn', { username: OWNER.username, password: OWNER.password });
    await tv!.api.call('session.signIn', { username: priya.username, password: priya.password });
    expect(formatOf(priya.username)).toBe('x25519');
    expect(tv!.api.core.requireSession().vault.keys.clinical).toBeNull();
    await tv!.api.call('session.signIn', { username: rachel.username, password: rachel.password });
    expect((await tv!.api.call('clients.search', { query: 'Nowak', limit: 5 })).results).toHaveLength(1);
    await tv!.api.call('session.signIn', { username: OWNER.username, password: OWNER.password });
    const flagged = (await tv!.api.call('staff.list', undefined)).filter((m) => m.needsPasswordResetForClinical).map((m) => m.username);
    expect(flagged).toEqual([priya.username]);
    await tv!.api.call('staff.resetPassword', { staffId: priya.id, newPassword: 'priya-reset-password-1' });
    expect((await tv!.api.call('staff.list', undefined)).some((m) => m.needsPasswordResetForClinical)).toBe(false);
    expect((await offlineUnlock(tv!.vaultDir, priya.username, 'priya-reset-password-1'))!.clinical).not.toBeNull();
    expect((await offlineUnlock(tv!.vaultDir, rachel.username, rachel.password))!.clinical).toBeNull();
  });

  it('lets a practitioner sign in before the owner has, holding the database key only', async () => {
    const { priya } = await legacyVault();
    const session = await tv!.api.call('session.signIn', { username: priya.username, password: priya.password });
    expect(session.role).toBe('practitioner');
    expect(tv!.api.core.requireSession().vault.keys.clinical).toBeNull();
    expect(readKeyring(vaultPaths(tv!.vaultDir)).auditPublicKey).toBeNull();
  });

  it('keeps the old recovery key working for the database key only until a new one is issued', async () => {
    await legacyVault();
    await tv!.api.call('session.signIn', { username: OWNER.username, password: OWNER.password });
    const old = await offlineUnlockRecovery(tv!.vaultDir, tv!.recoveryKey);
    expect(old!.database).toHaveLength(1);
    expect(old!.clinical).toBeNull();
    const { recoveryKey } = await tv!.api.call('vault.reissueRecoveryKey', { password: OWNER.password });
    expect(await offlineUnlockRecovery(tv!.vaultDir, tv!.recoveryKey)).toBeNull();
    const fresh = await offlineUnlockRecovery(tv!.vaultDir, recoveryKey);
    expect(fresh!.clinical).not.toBeNull();
    expect(fresh!.auditSeed).not.toBeNull();
  });

  it('refuses a key rotation while legacy slots remain, and changes nothing', async () => {
    await legacyVault();
    await tv!.api.call('session.signIn', { username: OWNER.username, password: OWNER.password });
    const before = readFileSync(vaultPaths(tv!.vaultDir).keyring);
    expect(await errorCodeOf(() => tv!.api.call('vault.rotateDatabaseKey', undefined))).toBe('CONFLICT');
    expect(readFileSync(vaultPaths(tv!.vaultDir).keyring)).toEqual(before);
  });

  it('deletes the earlier build’s keyring.prev.json at the first unlock', async () => {
    await legacyVault();
    await tv!.api.call('session.signIn', { username: OWNER.username, password: OWNER.password });
    const { existsSync } = await import('node:fs');
    expect(existsSync(`${tv!.vaultDir}/keyring.prev.json`)).toBe(false);
  });
});
