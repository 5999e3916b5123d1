/**
 * Database key rotation (docs/key-hierarchy.md, "Rotation"). Removing someone
 * deletes their slot, but they may have kept the database key itself (or a
 * copy of the folder); rotating re-encrypts vault.db under a new key that only
 * the current slots are granted. The steps, each safe to die after:
 *
 *  1. write the keyring with the new key (version n+1) granted to every slot,
 *     beside version n;
 *  2. close the database and re-encrypt the file (db/rekey.ts: the file is
 *     wholly under one key or the other at every moment);
 *  3. reopen it with the new key;
 *  4. write the keyring without version n, and audit the rotation.
 *
 * An unlock that finds two versions opens the file with whichever fits
 * (newest first) and drops the other (`finishInterruptedRotation`).
 */
import { randomBytes } from 'node:crypto';
import { AppError } from '../../contract/errors';
import { rekeyDatabaseFile } from '../db/rekey';
import type { Clock } from '../platform/ports';
import { type Keyring, databaseVersions, readKeyring, writeKeyring } from './keyring';
import type { OpenVault } from './open-vault';
import { requireEndorsedSlots } from './slot-trust';
import { sealGrant } from './slots';
import { ed25519SeedOf } from '../crypto/vault-keys';
import { openWithKeys } from './vault-lifecycle';

export type RotationStep = 'keyring-extended' | 'database-closed' | 'rekeying' | 'reopened' | 'keyring-trimmed' | 'done';

export interface RotationProgress {
  step: RotationStep;
  /** Set while step is 'rekeying'. */
  pagesDone?: number;
  pagesTotal?: number;
}

export interface RotationOptions {
  clock: Clock;
  staffId: string;
  onProgress?: (progress: RotationProgress) => void;
  signal?: AbortSignal;
  /** Called with the vault the session should use from now on (null while the file is being re-encrypted). */
  adopt: (vault: OpenVault | null) => void;
}

/**
 * Why a rotation cannot run now, or null. A legacy (version-1) slot wraps the
 * database key itself under a password we do not have, so it could not be
 * given the new key: that person would be locked out.
 */
export function rotationBlocker(keyring: Keyring): string | null {
  const legacy = keyring.slots.filter((s) => s.format === 'legacy-v1');
  if (legacy.length === 0) return null;
  if (legacy.some((s) => s.kind === 'recovery')) {
    return 'The database key cannot be changed until a new recovery key is issued (Settings, Recovery key). Nothing has been changed.';
  }
  return `${legacy.length === 1 ? 'One member of staff has' : `${legacy.length} members of staff have`} a key from before Clinic Vault was updated, so their key cannot be changed. Reset their passwords (Staff page), then try again. Nothing has been changed.`;
}

/**
 * Before anything is written: no legacy slot, and every slot carries an
 * endorsement this owner session can check (slot-trust.ts), so the new key is
 * sealed only to public keys a legitimate issuer vouched for.
 */
export function requireRotationPossible(vault: OpenVault, keyring: Keyring): void {
  const blocker = rotationBlocker(keyring);
  if (blocker) throw new AppError('CONFLICT', blocker);
  requireEndorsedSlots(vault, keyring);
}

/**
 * The keyring without staff slots of anyone not on the staff list. Removal
 * deletes a member's slot in the same transaction, so such a slot was put
 * back by hand (a removed member's own old, genuinely endorsed slot): it must
 * not be sealed the new key.
 */
function withoutSlotsOfFormerStaff(vault: OpenVault, keyring: Keyring): Keyring {
  const former = new Set(
    keyring.slots.filter((s) => s.kind === 'staff' && (!s.staffId || vault.staff.get(s.staffId)?.removedAt !== null)).map((s) => s.id),
  );
  if (former.size === 0) return keyring;
  return { ...keyring, slots: keyring.slots.filter((s) => !former.has(s.id)), grants: keyring.grants.filter((g) => !former.has(g.slotId)) };
}

/** The keyring with only one database key version's grants left. */
function keepingOnlyDatabaseVersion(keyring: Keyring, version: number): Keyring {
  return { ...keyring, grants: keyring.grants.filter((g) => g.key !== 'database' || g.version === version) };
}

export async function rotateDatabaseKey(vault: OpenVault, opts: RotationOptions): Promise<{ vault: OpenVault; version: number }> {
  const progress = opts.onProgress ?? (() => undefined);
  const keyring = withoutSlotsOfFormerStaff(vault, readKeyring(vault.paths));
  requireRotationPossible(vault, keyring);
  opts.signal?.throwIfAborted();
  const current = databaseVersions(keyring)[0] ?? 1;
  const next = current + 1;
  const newKey = randomBytes(32);
  const newGrants = keyring.slots.flatMap((s) => (s.format === 'x25519' ? [sealGrant(keyring.vaultId, s, 'database', next, newKey)] : []));
  const extended: Keyring = { ...keyring, grants: [...keyring.grants, ...newGrants] };
  writeKeyring(vault.paths, extended);
  progress({ step: 'keyring-extended' });

  // The session's other keys survive the database being closed and reopened.
  const oldKey = Buffer.from(vault.keys.database);
  const clinical = vault.keys.clinical && Buffer.from(vault.keys.clinical);
  const auditSeed = vault.keys.auditSigning && ed25519SeedOf(vault.keys.auditSigning);
  const paths = vault.paths;
  opts.adopt(null);
  vault.close();
  progress({ step: 'database-closed' });
  try {
    let rekeyError: unknown = null;
    try {
      await rekeyDatabaseFile(paths.database, oldKey, newKey, {
        onProgress: (pagesDone, pagesTotal) => progress({ step: 'rekeying', pagesDone, pagesTotal }),
        signal: opts.signal,
      });
    } catch (err) {
      rekeyError = err;
    }
    // Whatever happened, reopen the file with whichever key now fits it, and keep only that one.
    const candidates = [
      { version: next, key: newKey },
      { version: current, key: oldKey },
    ];
    const opened = openWithKeys(paths, extended, { databaseKeys: candidates, clinical, auditSeed }, opts.clock);
    opts.adopt(opened.vault);
    progress({ step: 'reopened' });
    writeKeyring(paths, keepingOnlyDatabaseVersion(readKeyring(paths), opened.databaseVersion));
    progress({ step: 'keyring-trimmed' });
    if (rekeyError) throw rekeyError;
    if (opened.databaseVersion !== next) throw new AppError('INTERNAL', undefined, { cause: new Error('rekey returned but the file is under the old key') });
    opened.vault.audit.append({ staffId: opts.staffId, action: 'vault.database_key_rotated', detail: { version: next } });
    progress({ step: 'done' });
    return { vault: opened.vault, version: next };
  } finally {
    oldKey.fill(0);
    newKey.fill(0);
    clinical?.fill(0);
    auditSeed?.fill(0);
  }
}

/**
 * At unlock: a keyring holding two database key versions is a rotation that
 * stopped part-way. The version that opened the file is the one in use; the
 * other's grants are dropped (the new key if the file was never re-encrypted,
 * the old one if it was), so the keyring again holds exactly one.
 */
export function finishInterruptedRotation(vault: OpenVault, keyring: Keyring, openedVersion: number): void {
  const versions = databaseVersions(keyring);
  if (versions.length <= 1) return;
  vault.db.transaction(() => {
    vault.audit.append({
      staffId: null,
      action: 'vault.database_key_rotation_finished',
      detail: { version: openedVersion, completed: openedVersion === versions[0] },
    });
    writeKeyring(vault.paths, keepingOnlyDatabaseVersion(readKeyring(vault.paths), openedVersion));
  })();
}
