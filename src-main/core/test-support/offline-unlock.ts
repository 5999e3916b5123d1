/**
 * What an attacker holding a copy of the vault folder and one secret can get,
 * using the keyring file alone (no core, no database, no checks beyond the
 * cryptography): the keys that person's slot unwraps. Attack tests use it to
 * show what a removed member, an old password or a reception password opens.
 */
import { existsSync } from 'node:fs';
import { openDatabase } from '../db/open-database';
import { findRecoverySlot, findStaffSlotByUsername, readKeyring } from '../vault/keyring';
import { normaliseRecoveryKey } from '../vault/recovery-key';
import { unlockSlot } from '../vault/slots';
import { vaultPaths } from '../platform/vault-paths';

export interface OfflineKeys {
  slotId: string;
  /** Every database key version the slot was granted, newest first. */
  database: { version: number; key: Buffer }[];
  clinical: Buffer | null;
  /** The audit signing key's Ed25519 seed. */
  auditSeed: Buffer | null;
}

/** The keys `username`'s slot in the folder's keyring.json opens with `password`, or null if none does. */
export async function offlineUnlock(vaultDir: string, username: string, password: string): Promise<OfflineKeys | null> {
  const keyring = readKeyring(vaultPaths(vaultDir));
  const slot = findStaffSlotByUsername(keyring, username);
  if (!slot) return null;
  const opened = await unlockSlot(keyring, slot, password);
  return opened && { slotId: slot.id, database: opened.databaseKeys, clinical: opened.clinical, auditSeed: opened.auditSeed };
}

/** The same for the recovery slot and a recovery key. */
export async function offlineUnlockRecovery(vaultDir: string, recoveryKey: string): Promise<OfflineKeys | null> {
  const keyring = readKeyring(vaultPaths(vaultDir));
  const slot = findRecoverySlot(keyring);
  const normalised = normaliseRecoveryKey(recoveryKey);
  if (!slot || !normalised) return null;
  const opened = await unlockSlot(keyring, slot, normalised);
  return opened && { slotId: slot.id, database: opened.databaseKeys, clinical: opened.clinical, auditSeed: opened.auditSeed };
}

/** Whether `key` opens the folder's vault.db (read-only: the copy is not changed). */
export function opensDatabase(vaultDir: string, key: Buffer): boolean {
  const path = vaultPaths(vaultDir).database;
  if (!existsSync(path)) return false;
  try {
    openDatabase(path, key, { readonly: true }).close();
    return true;
  } catch {
    return false;
  }
}
