/**
 * The layout of a backup set: one folder the owner chose, holding the
 * snapshots of one vault and the blobs they share (docs/backups.md).
 *
 *   backup-set.json                  which vault the set belongs to
 *   snapshots/<id>/                  a complete snapshot: vault.db, keyring.json, vault.json, manifest.json
 *   snapshots/<id>.partial/          a snapshot being written (or cut short): never read as one
 *   snapshots/<id>.pruning/          a snapshot being removed (or cut short): never read as one
 *   blobs/<aa>/<sha-256>.blob        every stored file, named by the SHA-256 of its (encrypted) bytes
 *   tmp/                             blob copies not yet renamed into place
 *   destructions.json                the destruction ledger (ids only, authenticated: destruction-ledger.ts)
 *   verified.json                    which snapshots' databases passed verify's whole check (authenticated: verification-record.ts)
 *
 * A snapshot folder is complete only under its final name and with its
 * manifest, which is written last; the folder is renamed to its final name
 * after that. Anything else is a leftover of a run that did not finish.
 */
import { join } from 'node:path';

export const SET_HEADER_FORMAT = 'clinic-vault-backup-set';
export const SET_HEADER_VERSION = 1;

/** yyyymmddThhmmssZ-<6 hex>: sorts by time, and two snapshots in one second still differ. */
export const SNAPSHOT_ID = /^[0-9]{8}T[0-9]{6}Z-[0-9a-f]{6}$/;

export const PARTIAL_SUFFIX = '.partial';
export const PRUNING_SUFFIX = '.pruning';

export interface SetLayout {
  dir: string;
  header: string;
  snapshots: string;
  blobs: string;
  tmp: string;
  destructionLedger: string;
  verificationRecord: string;
}

export function setLayout(dir: string): SetLayout {
  return {
    dir,
    header: join(dir, 'backup-set.json'),
    snapshots: join(dir, 'snapshots'),
    blobs: join(dir, 'blobs'),
    tmp: join(dir, 'tmp'),
    destructionLedger: join(dir, 'destructions.json'),
    verificationRecord: join(dir, 'verified.json'),
  };
}

/** The files of one snapshot, by the names the vault folder gives them. */
export function snapshotFiles(set: SetLayout, id: string, suffix = '') {
  const dir = join(set.snapshots, `${id}${suffix}`);
  return {
    dir,
    database: join(dir, 'vault.db'),
    keyring: join(dir, 'keyring.json'),
    publicInfo: join(dir, 'vault.json'),
    manifest: join(dir, 'manifest.json'),
  };
}

export function blobInSet(set: SetLayout, sha256: string): string {
  return blobAt(set.blobs, sha256);
}

/** The same, given the blob folder alone (a file thread, backup-io-worker.ts, is handed only that). */
export function blobAt(blobsDir: string, sha256: string): string {
  return join(blobsDir, sha256.slice(0, 2), `${sha256}.blob`);
}

export function newSnapshotId(now: Date, random: string): string {
  const iso = now.toISOString(); // 2026-12-01T20:30:05.123Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z-${random}`;
}
