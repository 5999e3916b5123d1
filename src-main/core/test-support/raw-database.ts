/**
 * Opens a test vault's database directly, the way an attacker or a damaged
 * disk would meet it: the key comes out of the recovery slot, and the
 * database is opened without the core, its triggers or its checks.
 */
import { openDatabase } from '../db/open-database';
import type { Db } from '../db/types';
import { vaultPaths } from '../platform/vault-paths';
import { offlineUnlockRecovery, opensDatabase } from './offline-unlock';

export async function databaseKeyFor(vaultDir: string, recoveryKey: string): Promise<Buffer> {
  const keys = await offlineUnlockRecovery(vaultDir, recoveryKey);
  const key = keys?.database.find((d) => opensDatabase(vaultDir, d.key))?.key;
  if (!key) throw new Error('recovery key did not open the test vault');
  return key;
}

export async function openRawDatabase(vaultDir: string, recoveryKey: string): Promise<Db> {
  return openDatabase(vaultPaths(vaultDir).database, await databaseKeyFor(vaultDir, recoveryKey));
}
