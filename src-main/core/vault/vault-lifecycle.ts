/**
 * Creating and unlocking a vault. The database, clinical and audit signing
 * keys are random; they are never stored in the clear, only sealed to key
 * slots (see keyring.ts and docs/key-hierarchy.md).
 */
import { existsSync, rmSync } from 'node:fs';
import { AppError } from '../../contract/errors';
import type { ParsedInput } from '../../contract/schemas';
import type { StaffMember } from '../../contract/types';
import { LATEST_VERSION, migrate, checkNotFromFuture } from '../db/migrate';
import { createDatabase, openDatabase } from '../db/open-database';
import { toFsAppError } from '../platform/fs-errors';
import { newId } from '../platform/ids';
import type { Clock, KdfCost } from '../platform/ports';
import type { Db } from '../db/types';
import { newScryptParams } from './kdf';
import { type Keyring, KEYRING_FORMAT, readKeyring, writeKeyring } from './keyring';
import { OpenVault } from './open-vault';
import { type GrantableKeys, type UnlockedSlot, issueSlot } from './slots';
import { ed25519RawPublic, newVaultSecrets, vaultKeysFrom, wipeKeys } from '../crypto/vault-keys';
import { readPublicInfo, writePublicInfo } from './public-info';
import { generateRecoveryKey } from './recovery-key';
import type { VaultPaths } from '../platform/vault-paths';

export { ensureVaultFolder } from './vault-folder';

export type SetupInput = ParsedInput<'vault.setup'>;

export interface CreatedVault {
  vault: OpenVault;
  owner: StaffMember;
  recoveryKey: string;
}

/**
 * Creates the database, then the keyring, then vault.json. A set-up that
 * crashed before the keyring was written leaves a database nobody has a key
 * to; the next set-up removes it (see `isUnfinishedSetup`).
 */
export async function createVault(
  paths: VaultPaths,
  input: SetupInput,
  kdfCost: KdfCost,
  clock: Clock,
): Promise<CreatedVault> {
  const now = clock.now().toISOString();
  const vaultId = newId('v');
  const secrets = newVaultSecrets();
  const recoveryKey = generateRecoveryKey();
  const owner: StaffMember = {
    id: newId('st'),
    username: input.owner.username,
    displayName: input.owner.displayName,
    role: 'owner',
    createdAt: now,
    removedAt: null,
  };
  const held: GrantableKeys = { database: { version: 1, key: secrets.database }, clinical: secrets.clinical, auditSeed: secrets.auditSeed };
  const keys = vaultKeysFrom({ database: Buffer.from(secrets.database), clinical: Buffer.from(secrets.clinical), auditSeed: secrets.auditSeed, auditPublicKey: null });
  // The slow part first, before anything touches the disk.
  const [ownerSlot, recoverySlot] = await Promise.all([
    issueSlot(vaultId, { kind: 'staff', staffId: owner.id, username: owner.username, role: 'owner' }, input.owner.password, held, newScryptParams(kdfCost), now),
    issueSlot(vaultId, { kind: 'recovery', staffId: null, username: null, role: null }, recoveryKey, held, newScryptParams(kdfCost), now),
  ]);

  if (isUnfinishedSetup(paths)) removeUnfinishedSetup(paths);
  const db = createDatabase(paths.database, secrets.database);
  try {
    migrate(db);
    const vault = new OpenVault(db, keys.database, vaultId, paths, clock, keys);
    db.transaction(() => {
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('vault_id', vaultId);
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('created_at', now);
      vault.settings.putClinic(input.clinic);
      vault.settings.setFlag('recovery_key_pending', 'true');
      vault.staff.insert(owner);
      vault.audit.append({ staffId: owner.id, action: 'vault.created', subjectType: 'vault', subjectId: vaultId });
      vault.audit.append({ staffId: owner.id, action: 'staff.added', subjectType: 'staff', subjectId: owner.id, detail: { role: 'owner' } });
    })();
    const keyring: Keyring = {
      format: KEYRING_FORMAT,
      vaultId,
      auditPublicKey: ed25519RawPublic(keys.auditPublic).toString('base64'),
      endorsementPublicKey: ownerSlot.endorsementPublicKey,
      slots: [ownerSlot.slot, recoverySlot.slot],
      grants: [...ownerSlot.grants, ...recoverySlot.grants],
    };
    writeKeyring(paths, keyring, { creating: true });
    writePublicInfo(paths.publicInfo, { vaultId, clinicName: input.clinic.clinicName, createdAt: now, schemaVersion: LATEST_VERSION });
    return { vault, owner, recoveryKey };
  } catch (err) {
    db.close();
    wipeKeys(keys);
    removeUnfinishedSetup(paths);
    throw toFsAppError(err);
  } finally {
    secrets.database.fill(0);
    secrets.clinical.fill(0);
    secrets.auditSeed.fill(0);
  }
}

/** A database with no keyring and no vault.json: a set-up that never finished. No key to it exists. */
export function isUnfinishedSetup(paths: VaultPaths): boolean {
  return existsSync(paths.database) && !existsSync(paths.keyring) && readPublicInfo(paths.publicInfo) === null;
}

function removeUnfinishedSetup(paths: VaultPaths): void {
  if (existsSync(paths.keyring)) return; // never remove a database someone can open
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${paths.database}${suffix}`, { force: true });
}

/**
 * Opens the database with the keys that came out of a slot. Mid-rotation a
 * slot holds two database key versions: the newest that opens the file is the
 * one in use (key-rotation.ts finishes the clean-up). Checks that the database
 * belongs to the keyring's vault, refuses a vault from a newer app version
 * before writing anything, then applies any pending migrations.
 */
export function openWithKeys(
  paths: VaultPaths,
  keyring: Keyring,
  unlocked: Pick<UnlockedSlot, 'databaseKeys' | 'clinical' | 'auditSeed'>,
  clock: Clock,
): { vault: OpenVault; databaseVersion: number } {
  const { db, version, key } = openWithNewestKey(paths.database, unlocked.databaseKeys);
  try {
    checkNotFromFuture(db);
    const row = db.prepare(`SELECT value FROM meta WHERE key = 'vault_id'`).get() as { value: string } | undefined;
    if (row?.value !== keyring.vaultId) throw new AppError('KEYRING_DAMAGED');
    migrate(db);
    const keys = vaultKeysFrom({
      database: Buffer.from(key),
      clinical: unlocked.clinical && Buffer.from(unlocked.clinical),
      auditSeed: unlocked.auditSeed,
      auditPublicKey: keyring.auditPublicKey,
    });
    return { vault: new OpenVault(db, keys.database, keyring.vaultId, paths, clock, keys), databaseVersion: version };
  } catch (err) {
    db.close();
    throw toFsAppError(err);
  }
}

function openWithNewestKey(path: string, candidates: { version: number; key: Buffer }[]): { db: Db; version: number; key: Buffer } {
  if (candidates.length === 0) throw new AppError('KEYRING_DAMAGED');
  let lastError: unknown;
  for (const candidate of candidates) {
    try {
      return { db: openDatabase(path, candidate.key), ...candidate };
    } catch (err) {
      // Only "this key does not fit" moves on to the older key; a missing drive does not.
      if (!(err instanceof AppError && err.code === 'DATABASE_DAMAGED')) throw err;
      lastError = err;
    }
  }
  throw lastError;
}

/**
 * Closes the vault and opens it again holding `held` (when a session has just
 * been given keys it did not open with: a legacy vault's first owner sign-in).
 */
export function reopenHolding(vault: OpenVault, held: GrantableKeys, clock: Clock): OpenVault {
  const database = { version: held.database.version, key: Buffer.from(held.database.key) };
  const clinical = held.clinical && Buffer.from(held.clinical);
  const auditSeed = held.auditSeed && Buffer.from(held.auditSeed);
  const paths = vault.paths;
  vault.close();
  try {
    return openWithKeys(paths, readKeyring(paths), { databaseKeys: [database], clinical, auditSeed }, clock).vault;
  } finally {
    database.key.fill(0);
    clinical?.fill(0);
    auditSeed?.fill(0);
  }
}
