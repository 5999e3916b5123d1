/**
 * STAND-IN (clinical sealing branch) for the keys work's offline unlock: what
 * someone with a copy of the vault folder and one member's password can get,
 * without the app. The keys branch provides the real file at this path, which
 * reads the clinical key out of the slot itself; take that one when joining.
 *
 * This stand-in unwraps the member's slot for the database key, and answers
 * for the clinical key as the real keyring will: null for a reception slot,
 * which wraps no clinical key (vault/vault-keys.ts). Before the keyring is
 * changed that answer is a promise, not a fact: today's placeholder derives the
 * clinical key from the database key.
 */
import { findStaffSlotByUsername, readKeyring, unwrapSlot } from '../vault/keyring';
import { vaultPaths } from '../vault/vault-paths';
import { placeholderKeys } from '../vault/vault-keys';
import { openDatabase } from '../db/open-database';

export interface OfflineKeys {
  database: Buffer;
  clinical: Buffer | null;
}

export async function offlineUnlock(vaultDir: string, username: string, password: string): Promise<OfflineKeys> {
  const paths = vaultPaths(vaultDir);
  const keyring = readKeyring(paths);
  const slot = findStaffSlotByUsername(keyring, username);
  if (!slot) throw new Error(`no key slot for ${username}`);
  const database = await unwrapSlot(keyring.vaultId, slot, password);
  if (!database) throw new Error(`the password did not open ${username}'s slot`);
  const db = openDatabase(paths.database, database, { readonly: true });
  try {
    const row = db.prepare('SELECT role FROM staff WHERE id = ?').get(slot.staffId) as { role: string } | undefined;
    const clinical = row && row.role !== 'reception' ? Buffer.from(placeholderKeys(Buffer.from(database)).clinical!) : null;
    return { database, clinical };
  } finally {
    db.close();
  }
}
