/**
 * Restoring a snapshot into a new folder (docs/backups.md). Nothing is ever
 * written over existing files: the snapshot is copied into a hidden staging
 * folder beside the target, checked there in full (every SHA-256, the
 * database opened with the key the recovery key or owner's password unlocks
 * from the snapshot's own keyring, the manifest's HMAC, every page, SQLite's
 * structure, the audit chain), and only then renamed to the target. A restore
 * killed at any point leaves the staging folder, which the next restore into
 * the same target clears away (and names); the target never exists half made.
 */
import { mkdir, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../contract/errors';
import type { RestoreResult } from '../../contract/backup-types';
import { openDatabase } from '../db/open-database';
import type { Db } from '../db/types';
import { fsyncDirectory } from '../files/durable-write';
import { type KeySlot, findRecoverySlot, findStaffSlotByUsername, readKeyring } from '../vault/keyring';
import { normaliseRecoveryKey } from '../vault/recovery-key';
import { type UnlockedSlot, unlockSlot, wipeUnlocked } from '../vault/slots';
import { ed25519PublicFromRaw } from '../crypto/vault-keys';
import { vaultPaths } from '../platform/vault-paths';
import { requireDestination, snapshotIds } from './backup-set';
import { copyFileDurably, destinationError, writeSmallFileDurably } from './durable-files';
import { assembleDatabase } from './database-chunks';
import { checkSetLedger, pendingEntries, reapplyDestructions } from './destruction-ledger';
import { migrate } from '../db/migrate';
import { type Manifest, manifestAuthentic, manifestKeyOf, readManifest } from './manifest';
import { setLayout, blobInSet, snapshotFiles, type SetLayout } from './set-layout';
import { countsOf } from './snapshot';
import { checkDatabaseCopy, verifySnapshot } from './snapshot-verify';
import { vaultIdOf } from './vault-id';

export interface RestoreInput {
  from: string;
  snapshotId: string;
  to: string;
  secret: { recoveryKey: string } | { username?: string; password: string };
  confirmOtherClinic: boolean;
  /** The vault this PC uses now, if any: a backup of another clinic's vault needs confirming. */
  currentVaultId: string | null;
  latestSchemaVersion: number;
  now: Date;
  signal?: AbortSignal;
  onProgress?(label: string, done: number, total: number): void;
}

export function stagingFolderFor(to: string): string {
  return join(dirname(to), `.${basename(to)}.restoring`);
}

async function isEmptyOrAbsent(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return true;
    if ((err as { code?: string }).code === 'ENOTDIR') return false;
    throw err;
  }
}

/** The snapshot before `id` in the set, offered when `id` cannot be restored. */
async function previousSnapshot(set: SetLayout, id: string): Promise<string | null> {
  const ids = await snapshotIds(set);
  const before = ids.filter((x) => x < id);
  return before.at(-1) ?? null;
}

async function damaged(set: SetLayout, id: string, problems: string[]): Promise<AppError> {
  const prev = await previousSnapshot(set, id);
  const offer = prev ? ` Restore the one before it (${prev}) instead.` : ' There is no earlier backup in this folder.';
  return new AppError('BACKUP_SNAPSHOT_DAMAGED', `This backup is damaged, so it cannot be restored: ${problems.slice(0, 3).join('; ')}. Nothing has been changed.${offer}`);
}

async function unlock(dir: string, secret: RestoreInput['secret']): Promise<{ unlocked: UnlockedSlot; staffId: string | null }> {
  const keyring = readKeyring(vaultPaths(dir));
  if ('recoveryKey' in secret) {
    const slot = findRecoverySlot(keyring);
    const normalised = normaliseRecoveryKey(secret.recoveryKey);
    const unlocked = slot && normalised ? await unlockSlot(keyring, slot, normalised) : null;
    if (!unlocked) throw new AppError('RECOVERY_KEY_INVALID');
    return { unlocked, staffId: null };
  }
  // The owner's password: restoring replaces the whole vault, so it is an owner's decision. The
  // slot's role field only picks whom to try; what proves an owner is holding the audit signing key.
  const owners: KeySlot[] = secret.username
    ? [findStaffSlotByUsername(keyring, secret.username)].filter((s): s is KeySlot => s !== undefined)
    : keyring.slots.filter((s) => s.kind === 'staff' && s.format === 'x25519' && s.role === 'owner');
  for (const slot of owners) {
    const unlocked = await unlockSlot(keyring, slot, secret.password);
    if (unlocked?.auditSeed) return { unlocked, staffId: slot.staffId };
    if (unlocked) {
      wipeUnlocked(unlocked);
      throw new AppError('FORBIDDEN', 'Only an owner can restore a backup: use an owner’s password, or the recovery key.');
    }
  }
  throw new AppError('WRONG_CREDENTIALS', 'That password does not open this backup. Use the password an owner had when the backup was made, or the recovery key.');
}

function openWithAny(path: string, keys: { key: Buffer }[]): { db: Db; key: Buffer } {
  for (const { key } of keys) {
    try {
      return { db: openDatabase(path, key), key };
    } catch {
      // the other version (a snapshot taken mid-rotation holds two)
    }
  }
  throw new AppError('BACKUP_SNAPSHOT_DAMAGED', 'The database in this backup does not open with its own key: it is damaged. Nothing has been changed.');
}

/** A warning when the set holds a later snapshot under a newer database key: the staff of this one's time can open what is restored. */
async function olderKeyWarning(set: SetLayout, manifest: Manifest): Promise<string | null> {
  let newest = manifest.databaseKeyVersion;
  for (const id of await snapshotIds(set)) {
    if (id <= manifest.snapshotId) continue;
    const later = await readManifest(snapshotFiles(set, id).manifest).catch(() => null);
    if (later && later.databaseKeyVersion > newest) newest = later.databaseKeyVersion;
  }
  if (newest === manifest.databaseKeyVersion) return null;
  return `This backup was made before the database key was changed. Everyone who could open the vault then (${manifest.openableBy.join(', ')}) can open the restored vault with their password of that time. Change the database key now (Staff, Change the database key, or clinic-vault vault rotate-key).`;
}

export async function restoreSnapshot(input: RestoreInput): Promise<RestoreResult> {
  await requireDestination(input.from, { writable: false });
  const set = setLayout(input.from);
  const files = snapshotFiles(set, input.snapshotId);
  if (!(await stat(files.dir).then(() => true, () => false))) throw new AppError('BACKUP_SNAPSHOT_NOT_FOUND');
  const manifest = await readManifest(files.manifest).catch(async (err: unknown) => {
    if (err instanceof AppError && err.code === 'BACKUP_FROM_NEWER_VERSION') throw err;
    throw await damaged(set, input.snapshotId, [(err as Error).message]);
  });
  if (manifest.schemaVersion > input.latestSchemaVersion) throw new AppError('BACKUP_FROM_NEWER_VERSION');
  if (input.currentVaultId && manifest.vaultId !== input.currentVaultId && !input.confirmOtherClinic) {
    throw new AppError('BACKUP_OTHER_CLINIC', `That backup is of a different clinic’s vault (${manifest.clinicName}), not the one this PC uses. Check it is the one you meant, then confirm to restore it anyway.`);
  }
  if (!(await isEmptyOrAbsent(input.to))) throw new AppError('RESTORE_TARGET_NOT_EMPTY');

  // Every file as listed, before any key is tried.
  input.onProgress?.('Checking the backup', 0, 0);
  const fileCheck = await verifySnapshot(set, input.snapshotId, { database: null, manifestKey: null, auditPublic: null }, input.now, {
    filesOnly: true,
    signal: input.signal,
  });
  if (!fileCheck.check.ok) throw await damaged(set, input.snapshotId, fileCheck.check.problems);

  const { unlocked, staffId } = await unlock(files.dir, input.secret);
  const staging = stagingFolderFor(input.to);
  const cleanedUp: string[] = [];
  try {
    if (await stat(staging).then(() => true, () => false)) {
      await rm(staging, { recursive: true, force: true });
      cleanedUp.push(basename(staging));
    }
    await mkdir(staging, { recursive: true, mode: 0o700 });
    const target = vaultPaths(staging);
    // The database rebuilt from its chunks (or copied, from a snapshot made before chunks), byte for byte: checked against the manifest's SHA-256.
    const problems: string[] = [];
    if (manifest.databaseChunks) {
      if (!(await assembleDatabase(set, manifest.databaseChunks, manifest.files.database, target.database, { signal: input.signal, problems }))) throw await damaged(set, input.snapshotId, problems);
    } else if ((await copyFileDurably(files.database, `${target.database}.tmp`, target.database, input.signal)).sha256 !== manifest.files.database.sha256) {
      throw await damaged(set, input.snapshotId, ['vault.db changed while it was being copied']);
    }
    await copyFileDurably(files.keyring, `${target.keyring}.tmp`, target.keyring, input.signal);
    await copyFileDurably(files.publicInfo, `${target.publicInfo}.tmp`, target.publicInfo, input.signal);
    for (const [i, blob] of manifest.blobs.entries()) {
      input.signal?.throwIfAborted();
      if (i % 50 === 0) input.onProgress?.('Copying photos and files', i, manifest.blobs.length);
      const dest = join(staging, blob.path);
      const copied = await copyFileDurably(blobInSet(set, blob.sha256), `${dest}.tmp`, dest, input.signal);
      if (copied.sha256 !== blob.sha256) problems.push(`${blob.path} changed while it was being copied`);
    }
    if (problems.length > 0) throw await damaged(set, input.snapshotId, problems);

    input.onProgress?.('Copying photos and files', manifest.blobs.length, manifest.blobs.length);
    input.onProgress?.('Checking the restored vault', 0, 0);
    const { db, key } = openWithAny(target.database, unlocked.databaseKeys);
    let counts;
    let reapplied = { entries: 0, clients: 0 };
    try {
      const vaultId = vaultIdOf(db);
      if (vaultId !== manifest.vaultId) problems.push('the database belongs to a different vault than the backup’s list says');
      const macKey = manifestKeyOf(db, false);
      if (!macKey || !manifestAuthentic(manifest, macKey)) throw new AppError('BACKUP_MANIFEST_ALTERED');
      const keyring = readKeyring(target);
      const auditPublic = keyring.auditPublicKey ? ed25519PublicFromRaw(Buffer.from(keyring.auditPublicKey, 'base64')) : null;
      db.pragma('wal_checkpoint(TRUNCATE)');
      await checkDatabaseCopy(db, target.database, { database: key, manifestKey: macKey, auditPublic }, manifest, problems, { signal: input.signal });
      if (problems.length > 0) throw await damaged(set, input.snapshotId, problems);
      // The database is the snapshot's, byte for byte, and checked. Now, before the folder can become a
      // vault, every destruction recorded after the snapshot was taken is made again (docs/backups.md).
      const ledger = await checkSetLedger(set, macKey, manifest.vaultId, await ledgerEntriesRecorded(set, macKey));
      const pending = pendingEntries(db, ledger);
      if (pending.length > 0) {
        input.onProgress?.('Destroying again the clients destroyed since this backup', 0, pending.length);
        migrate(db);
        reapplied = reapplyDestructions(
          { db, paths: target, keys: { database: key, clinical: unlocked.clinical, auditSigning: null, auditPublic: auditPublic! }, staffId, clock: { now: () => input.now } },
          pending,
        );
      }
      counts = countsOf(db);
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    // Written to the restored vault's log at its first unlock (its keys are not held here).
    await copyPendingRestoreEntry(target.pendingAudit, { staffId, snapshotId: manifest.snapshotId, at: input.now.toISOString(), reapplied });
    await fsyncDirectory(staging);
    await mkdir(dirname(input.to), { recursive: true });
    // An empty folder the owner made for it (checked above) gives way to the restored one.
    await rmdir(input.to).catch(() => undefined);
    await rename(staging, input.to);
    await fsyncDirectory(dirname(input.to));
    return {
      vaultDir: input.to,
      snapshotId: manifest.snapshotId,
      clinicName: manifest.clinicName,
      counts,
      olderKeyWarning: await olderKeyWarning(set, manifest),
      cleanedUp,
      destructionsReapplied: reapplied,
    };
  } catch (err) {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    throw destinationError(err);
  } finally {
    wipeUnlocked(unlocked);
  }
}

async function copyPendingRestoreEntry(path: string, e: { staffId: string | null; snapshotId: string; at: string; reapplied: { entries: number; clients: number } }): Promise<void> {
  const detail = { snapshotId: e.snapshotId, destructionsReapplied: e.reapplied.entries, clientsDestroyedAgain: e.reapplied.clients };
  await writeSmallFileDurably(path, JSON.stringify([{ staffId: e.staffId, action: 'restore.completed', detail, at: e.at }]));
}

/**
 * The most ledger entries any authentic manifest in the set says its snapshot left there: the
 * set's ledger must hold at least that many, or it was cut short or deleted. (One backup key
 * signs every manifest of a vault, so the snapshot being restored authenticates the later ones.)
 */
async function ledgerEntriesRecorded(set: SetLayout, macKey: Buffer): Promise<number> {
  let most = 0;
  for (const id of await snapshotIds(set)) {
    const m = await readManifest(snapshotFiles(set, id).manifest).catch(() => null);
    if (m?.ledger && manifestAuthentic(m, macKey)) most = Math.max(most, m.ledger.entries);
  }
  return most;
}
