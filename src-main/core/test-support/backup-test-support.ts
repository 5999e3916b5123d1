/**
 * Test support (not shipped code): a signed-in vault with a client and a
 * photo, a backup folder beside it, and helpers to look inside a backup set.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Manifest } from '../backup/manifest';
import { type TestVault, createTestVault } from './temp-vault';
import { newClient } from './test-clients';
import { importBytes } from './photo-test-support';
import { makeJpeg } from './test-images';

export interface BackupTestVault extends TestVault {
  /** An empty folder for the backup set. */
  dest: string;
  /** Where restores go (not yet created). */
  restoreRoot: string;
}

export async function createBackupTestVault(): Promise<BackupTestVault> {
  const tv = (await createTestVault()) as BackupTestVault;
  const root = join(tv.vaultDir, '..');
  tv.dest = join(root, 'backup-drive');
  tv.restoreRoot = join(root, 'restored');
  mkdirSync(tv.dest);
  return tv;
}

export async function addClientWithPhoto(tv: TestVault, lastName: string, n: number): Promise<string> {
  const client = await tv.api.call('clients.create', newClient({ lastName, email: `p${n}@example.com`, mobile: '', dateOfBirth: `19${50 + n}-01-01` }));
  await importBytes(tv.api, client.id, await makeJpeg({ width: 64 + n, height: 48 }));
  return client.id;
}

export function snapshotDirs(dest: string): string[] {
  return readdirSync(join(dest, 'snapshots')).sort();
}

export function readSetManifest(dest: string, id: string): Manifest {
  return JSON.parse(readFileSync(join(dest, 'snapshots', id, 'manifest.json'), 'utf8')) as Manifest;
}

export function writeSetManifest(dest: string, id: string, m: Manifest): void {
  writeFileSync(join(dest, 'snapshots', id, 'manifest.json'), JSON.stringify(m));
}

export function setBlobFiles(dest: string): string[] {
  const blobs = join(dest, 'blobs');
  return readdirSync(blobs).flatMap((shard) => readdirSync(join(blobs, shard)).map((n) => join(blobs, shard, n)));
}
