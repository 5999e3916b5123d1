/**
 * Test support (not shipped code): a signed-in vault with a client and a
 * photo, a backup folder beside it, and helpers to look inside a backup set.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Manifest } from '../backup/manifest';
import { CHUNK_BYTES } from '../backup/database-chunks';
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

/** A snapshot's vault.db rebuilt from its chunks (as an attacker holding the drive could), at `to`. */
export function snapshotDatabaseBytes(dest: string, id: string): Buffer {
  const m = readSetManifest(dest, id);
  return Buffer.concat((m.databaseChunks ?? []).map((sha) => readFileSync(setChunkPath(dest, sha))));
}

export function writeSnapshotDatabase(dest: string, id: string, to: string): string {
  writeFileSync(to, snapshotDatabaseBytes(dest, id));
  return to;
}

export function setChunkPath(dest: string, sha: string): string {
  return join(dest, 'blobs', sha.slice(0, 2), `${sha}.blob`);
}

/** The chunks of `id`'s database that no other snapshot in the set lists (damaging one damages only `id`). */
export function chunksOnlyIn(dest: string, id: string): string[] {
  const others = new Set(snapshotDirs(dest).filter((s) => s !== id).flatMap((s) => readSetManifest(dest, s).databaseChunks ?? []));
  return (readSetManifest(dest, id).databaseChunks ?? []).filter((c) => !others.has(c));
}

export { CHUNK_BYTES };
