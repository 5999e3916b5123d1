/**
 * The set's verification record (`verified.json`, docs/backups.md "Checking"):
 * which snapshots' databases have passed the whole-database check of `backup
 * verify` (rebuilt from their chunks, every page's HMAC, SQLite's quick_check,
 * the audit chain and checkpoint, the files it refers to). A later verify does
 * not rebuild and re-check those; it re-hashes every chunk, which proves the
 * bytes are still the ones that passed.
 *
 * Why that is sound:
 *  - each entry names the snapshot, its database's size and SHA-256 and its
 *    manifest's MAC, and counts only while all three match the manifest, and
 *    the manifest is authentic under the backup key. The manifest binds the
 *    chunk list to the database's SHA-256 (both made from the same bytes when
 *    it was written), so chunks that each still match their SHA-256 are that
 *    database, byte for byte; a chunk damaged since fails by its own hash;
 *  - the record is authenticated with HMAC-SHA256 under the vault's backup key
 *    (the manifest's key, with its own label so neither can pass for the other):
 *    someone holding the drive cannot add an entry, and an entry cannot be
 *    moved to another snapshot (its manifest MAC differs);
 *  - a record that is damaged, edited, or of another vault is ignored (every
 *    snapshot is checked in full again and the record rewritten); an older copy
 *    put back only lists fewer snapshots, so it means more checking, never less.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { snapshotIds } from './backup-set';
import { writeSmallFileDurably } from './durable-files';
import type { FileEntry, Manifest } from './manifest';
import type { SetLayout } from './set-layout';

export const RECORD_FORMAT = 'clinic-vault-verification-record';
const RECORD_VERSION = 1;
/** A fixed label first, so this HMAC can never be mistaken for a manifest's or the ledger's. */
const DOMAIN = 'clinic-vault backup verification record v1';

export interface StructureChecked {
  snapshotId: string;
  /** The database the check passed on: the manifest's files.database. */
  database: FileEntry;
  /** The manifest's MAC at the time: an edited manifest no longer matches. */
  manifestMac: string;
  checkedAt: string;
}

interface RecordFile {
  format: typeof RECORD_FORMAT;
  version: number;
  vaultId: string;
  entries: StructureChecked[];
  mac: string;
}

function macOf(r: Omit<RecordFile, 'mac'>, key: Buffer): string {
  return createHmac('sha256', key).update(DOMAIN).update('\n').update(JSON.stringify(r)).digest('hex');
}

export interface ReadRecord {
  entries: Map<string, StructureChecked>;
  /** The file was there but did not authenticate (damaged, edited, another vault's): ignored. */
  ignored: boolean;
}

export async function readVerificationRecord(set: SetLayout, key: Buffer, vaultId: string): Promise<ReadRecord> {
  let text: string;
  try {
    text = await readFile(set.verificationRecord, 'utf8');
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return { entries: new Map(), ignored: false };
    throw err;
  }
  try {
    const r = JSON.parse(text) as RecordFile;
    const { mac, ...rest } = r;
    const authentic =
      r.format === RECORD_FORMAT &&
      r.version === RECORD_VERSION &&
      r.vaultId === vaultId &&
      Array.isArray(r.entries) &&
      typeof mac === 'string' &&
      /^[0-9a-f]{64}$/.test(mac) &&
      timingSafeEqual(Buffer.from(mac, 'hex'), Buffer.from(macOf(rest, key), 'hex'));
    if (!authentic) return { entries: new Map(), ignored: true };
    return { entries: new Map(r.entries.map((e) => [e.snapshotId, e])), ignored: false };
  } catch {
    return { entries: new Map(), ignored: true };
  }
}

/** Whether the record's entry is for exactly this manifest and its database (the caller has checked the manifest's HMAC). */
export function recordCovers(entry: StructureChecked | undefined, manifest: Manifest): boolean {
  return (
    entry !== undefined &&
    entry.snapshotId === manifest.snapshotId &&
    entry.manifestMac === manifest.mac &&
    entry.database.sha256 === manifest.files.database.sha256 &&
    entry.database.size === manifest.files.database.size
  );
}

export function entryFor(manifest: Manifest, at: Date): StructureChecked {
  return { snapshotId: manifest.snapshotId, database: { ...manifest.files.database }, manifestMac: manifest.mac, checkedAt: at.toISOString() };
}

/** Writes the record (temp, fsync, rename): only entries of snapshots still in the set are kept. */
export async function writeVerificationRecord(set: SetLayout, key: Buffer, vaultId: string, entries: Iterable<StructureChecked>): Promise<void> {
  const present = new Set(await snapshotIds(set));
  const kept = [...entries].filter((e) => present.has(e.snapshotId)).sort((a, b) => a.snapshotId.localeCompare(b.snapshotId));
  const body = { format: RECORD_FORMAT, version: RECORD_VERSION, vaultId, entries: kept } as const;
  await writeSmallFileDurably(set.verificationRecord, JSON.stringify({ ...body, mac: macOf(body, key) }));
}
