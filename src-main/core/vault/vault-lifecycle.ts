/**
 * Creating and unlocking a vault. The database key is 32 random bytes; it is
 * never stored in the clear, only inside key slots (see keyring.ts).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../shared/errors';
import type { ParsedInput } from '../../shared/schemas';
import type { StaffMember } from '../../shared/types';
import { LATEST_VERSION, migrate, checkNotFromFuture } from '../db/migrate';
import { createDatabase, openDatabase } from '../db/open-database';
import { toFsAppError } from '../fs-errors';
import { newId } from '../ids';
import type { Clock, KdfCost } from '../ports';
import { newScryptParams } from './kdf';
import { type Keyring, KEYRING_FORMAT, KEYRING_VERSION, makeSlot, writeKeyring } from './keyring';
import { OpenVault } from './open-vault';
import { readPublicInfo, writePublicInfo } from './public-info';
import { generateRecoveryKey } from './recovery-key';
import type { VaultPaths } from './vault-paths';

/**
 * Makes sure the vault folder exists and can be written. The folder itself is
 * created if missing, but not its parent: a parent that is gone usually means
 * an unplugged drive, and a new empty vault there would hide the real one.
 */
export function ensureVaultFolder(paths: VaultPaths): void {
  try {
    if (!existsSync(paths.dir)) {
      if (!existsSync(dirname(paths.dir))) throw new AppError('VAULT_FOLDER_MISSING');
      mkdirSync(paths.dir, { mode: 0o700 });
    }
    const probe = `${paths.dir}/.write-test-${process.pid}`;
    rmSync(probe, { force: true });
    mkdirSync(probe);
    rmSync(probe, { recursive: true, force: true });
  } catch (err) {
    throw toFsAppError(err);
  }
}

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
  const databaseKey = randomBytes(32);
  const recoveryKey = generateRecoveryKey();
  const owner: StaffMember = {
    id: newId('st'),
    username: input.owner.username,
    displayName: input.owner.displayName,
    role: 'owner',
    createdAt: now,
    removedAt: null,
  };
  // The slow part first, before anything touches the disk.
  const [ownerSlot, recoverySlot] = await Promise.all([
    makeSlot(vaultId, databaseKey, input.owner.password, { kind: 'staff', staffId: owner.id, username: owner.username }, newScryptParams(kdfCost), now),
    makeSlot(vaultId, databaseKey, recoveryKey, { kind: 'recovery', staffId: null, username: null }, newScryptParams(kdfCost), now),
  ]);

  if (isUnfinishedSetup(paths)) removeUnfinishedSetup(paths);
  const db = createDatabase(paths.database, databaseKey);
  try {
    migrate(db);
    const vault = new OpenVault(db, Buffer.from(databaseKey), vaultId, paths, clock);
    db.transaction(() => {
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('vault_id', vaultId);
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('created_at', now);
      vault.settings.putClinic(input.clinic);
      vault.settings.setFlag('recovery_key_pending', 'true');
      vault.staff.insert(owner);
      vault.audit.append({ staffId: owner.id, action: 'vault.created', subjectType: 'vault', subjectId: vaultId });
      vault.audit.append({ staffId: owner.id, action: 'staff.added', subjectType: 'staff', subjectId: owner.id, detail: { role: 'owner' } });
    })();
    const keyring: Keyring = { format: KEYRING_FORMAT, version: KEYRING_VERSION, vaultId, slots: [ownerSlot, recoverySlot] };
    writeKeyring(paths, keyring, { creating: true });
    writePublicInfo(paths.publicInfo, { vaultId, clinicName: input.clinic.clinicName, createdAt: now, schemaVersion: LATEST_VERSION });
    return { vault, owner, recoveryKey };
  } catch (err) {
    db.close();
    removeUnfinishedSetup(paths);
    throw toFsAppError(err);
  } finally {
    databaseKey.fill(0);
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
 * Opens the database with a key that came out of a slot. Checks that the
 * database belongs to the keyring's vault, refuses a vault from a newer app
 * version before writing anything, then applies any pending migrations.
 */
export function openWithKey(paths: VaultPaths, keyring: Keyring, databaseKey: Buffer, clock: Clock): OpenVault {
  const db = openDatabase(paths.database, databaseKey);
  try {
    checkNotFromFuture(db);
    const row = db.prepare(`SELECT value FROM meta WHERE key = 'vault_id'`).get() as { value: string } | undefined;
    if (row?.value !== keyring.vaultId) throw new AppError('KEYRING_DAMAGED');
    migrate(db);
    return new OpenVault(db, databaseKey, keyring.vaultId, paths, clock);
  } catch (err) {
    db.close();
    throw toFsAppError(err);
  }
}
