/**
 * A snapshot's manifest: what the snapshot holds (every file with its size and
 * SHA-256), what vault and app version made it, and its audit checkpoint. It
 * is written last, so its presence marks a complete snapshot.
 *
 * It is authenticated with HMAC-SHA256 under the vault's backup key: 32 random
 * bytes kept in the database's settings (`backup_manifest_key`), so the copy
 * inside each snapshot carries the key its manifest was made with, and a
 * database-key rotation does not change it. Whoever holds the database key can
 * read it (every member of staff); what it stops is an edit by anyone without
 * it: the sync service, someone holding the drive, a hand-edit of the JSON.
 * (docs/backups.md says what it does not stop.)
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { AppError } from '../../contract/errors';
import type { SnapshotCounts } from '../../contract/backup-types';
import type { AuditCheckpoint } from '../audit/checkpoint';
import type { Db } from '../db/types';

export const MANIFEST_FORMAT = 'clinic-vault-snapshot';
export const MANIFEST_VERSION = 1;
const MANIFEST_KEY_SETTING = 'backup_manifest_key';
/** A fixed label first, so this HMAC can never be mistaken for another use of the key. */
const DOMAIN = 'clinic-vault backup manifest v1';

export interface FileEntry {
  size: number;
  sha256: string;
}

/** A blob at its path inside the vault folder (blobs/aa/<name>.blob), stored in the set under its SHA-256. */
export interface BlobEntry extends FileEntry {
  path: string;
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  version: number;
  snapshotId: string;
  vaultId: string;
  clinicName: string;
  createdAt: string;
  appVersion: string;
  schemaVersion: number;
  databaseKeyVersion: number;
  generation: number;
  /** The audit checkpoint signed for this snapshot (null when no owner key was at hand: docs/backups.md). */
  checkpoint: AuditCheckpoint | null;
  counts: SnapshotCounts;
  /** Who could open the snapshot's keyring when it was made: usernames, and 'recovery key'. */
  openableBy: string[];
  /** files.database is the whole vault.db file's size and SHA-256; it is stored as databaseChunks when they are listed. */
  files: { database: FileEntry; keyring: FileEntry; publicInfo: FileEntry };
  /**
   * vault.db as content-addressed 2 MB chunks in the blob store (database-chunks.ts), by SHA-256, in
   * order. Absent in snapshots made before chunks: they hold vault.db as one file in their folder.
   */
  databaseChunks?: string[];
  blobs: BlobEntry[];
  totalBytes: number;
  newBytes: number;
  /** The destruction ledger this snapshot left in the set (destruction-ledger.ts); absent in snapshots made before it existed. */
  ledger?: { entries: number };
  mac: string;
}

export type UnsignedManifest = Omit<Manifest, 'mac'>;

/** The vault's backup key, made on first use. Stored in the database, so it is inside every snapshot. */
export function manifestKeyOf(db: Db, create: boolean): Buffer | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(MANIFEST_KEY_SETTING) as { value: string } | undefined;
  if (row) return Buffer.from(JSON.parse(row.value) as string, 'hex');
  if (!create) return null;
  const key = randomBytes(32);
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(MANIFEST_KEY_SETTING, JSON.stringify(key.toString('hex')));
  return key;
}

function macOf(m: UnsignedManifest, key: Buffer): string {
  return createHmac('sha256', key).update(DOMAIN).update('\n').update(JSON.stringify(m)).digest('hex');
}

export function signManifest(m: UnsignedManifest, key: Buffer): Manifest {
  return { ...m, mac: macOf(m, key) };
}

/** True when the manifest is exactly what was signed with this key. */
export function manifestAuthentic(m: Manifest, key: Buffer): boolean {
  const { mac, ...rest } = m;
  if (typeof mac !== 'string' || !/^[0-9a-f]{64}$/.test(mac)) return false;
  return timingSafeEqual(Buffer.from(mac, 'hex'), Buffer.from(macOf(rest, key), 'hex'));
}

function isFileEntry(v: unknown): v is FileEntry {
  const e = v as FileEntry;
  return typeof e === 'object' && e !== null && Number.isSafeInteger(e.size) && e.size >= 0 && typeof e.sha256 === 'string' && /^[0-9a-f]{64}$/.test(e.sha256);
}

const SHA256 = /^[0-9a-f]{64}$/;
const BLOB_PATH = /^blobs\/[0-9a-f]{2}\/[0-9a-f]{32}\.blob$/;

/**
 * Reads a manifest and checks its shape (not yet its HMAC: that needs the key
 * inside the snapshot's database). A newer format is refused with its own error.
 */
export async function readManifest(path: string): Promise<Manifest> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') throw new AppError('BACKUP_SNAPSHOT_DAMAGED', 'This backup has no list of its files (manifest.json is missing), so it is incomplete. Choose the one before it.');
    throw new AppError('BACKUP_MANIFEST_ALTERED', undefined, { cause: err });
  }
  const m = parsed as Manifest;
  if (typeof m !== 'object' || m === null || m.format !== MANIFEST_FORMAT || typeof m.version !== 'number') throw new AppError('BACKUP_MANIFEST_ALTERED');
  if (m.version > MANIFEST_VERSION) throw new AppError('BACKUP_FROM_NEWER_VERSION');
  const ok =
    typeof m.snapshotId === 'string' &&
    typeof m.vaultId === 'string' &&
    typeof m.createdAt === 'string' &&
    Number.isSafeInteger(m.schemaVersion) &&
    typeof m.files === 'object' &&
    m.files !== null &&
    isFileEntry(m.files.database) &&
    isFileEntry(m.files.keyring) &&
    isFileEntry(m.files.publicInfo) &&
    Array.isArray(m.blobs) &&
    m.blobs.every((b) => isFileEntry(b) && typeof b.path === 'string' && BLOB_PATH.test(b.path)) &&
    (m.databaseChunks === undefined || (Array.isArray(m.databaseChunks) && m.databaseChunks.every((c) => typeof c === 'string' && SHA256.test(c))));
  if (!ok) throw new AppError('BACKUP_MANIFEST_ALTERED');
  return m;
}
