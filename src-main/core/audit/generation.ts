/**
 * Rollback detection (docs/audit-anchoring.md). The database keeps a counter,
 * its generation, that only goes up: at every sign-in, every lock and every
 * backup. Each time, the new value is also written outside the database, in
 * the vault folder (vault-generation.json) and in the app's own folder on this
 * PC (stateDir), so putting back an older vault.db, or an older copy of the
 * whole vault folder, leaves a record that is ahead of the database.
 *
 * The records carry an HMAC under a random key kept in the database's meta
 * table: someone without the database key cannot forge one (nor raise a false
 * alarm with one), and rotating the database key does not disturb it.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AuditCheckpoint } from './checkpoint';
import type { Db } from '../db/types';
import type { Logger } from '../platform/ports';
import { writeFileAtomicSync } from '../platform/atomic-file';
import type { VaultPaths } from '../platform/vault-paths';

const GENERATION_META = 'rollback_generation';
const MAC_KEY_META = 'rollback_mac_key';
const FORMAT = 'clinic-vault-generation';
const DOMAIN = 'clinic-vault generation v1';

export type RecordSource = 'vault-folder' | 'this-pc';

export interface GenerationPlace {
  path: string;
  source: RecordSource;
}

export interface GenerationRecord {
  format: typeof FORMAT;
  version: 1;
  vaultId: string;
  generation: number;
  /** ISO-8601: when this generation began. */
  at: string;
  mac: string;
  /**
   * The database's newest signed audit checkpoint when this was written. Not
   * under the HMAC: its own Ed25519 signature vouches for it, and nobody but
   * the owner can make one, so an older database whose generation was raised
   * by hand is still given away by a newer checkpoint it lacks.
   */
  auditCheckpoint?: AuditCheckpoint | null;
}

/** A record outside the database that is ahead of it. */
export interface RollbackFinding {
  databaseGeneration: number;
  recordGeneration: number;
  /** When the newer database was last used (the record's time). */
  recordAt: string;
  source: RecordSource;
}

/** The vault-folder record and this PC's record (one file per vault id, so one app folder can serve several vaults). */
export function generationPlaces(paths: VaultPaths, stateDir: string, vaultId: string): GenerationPlace[] {
  return [
    { path: paths.generationRecord, source: 'vault-folder' },
    { path: join(stateDir, 'vault-generations', `${vaultId}.json`), source: 'this-pc' },
  ];
}

const metaValue = (db: Db, key: string) =>
  (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;

/** 0 for a database that has never been counted (made before rollback detection). */
export function readGeneration(db: Db): number {
  const value = metaValue(db, GENERATION_META);
  return value === null ? 0 : Number(value);
}

function readMacKey(db: Db): Buffer | null {
  const hex = metaValue(db, MAC_KEY_META);
  return hex === null ? null : Buffer.from(hex, 'hex');
}

function mac(key: Buffer, r: Pick<GenerationRecord, 'vaultId' | 'generation' | 'at'>): string {
  return createHmac('sha256', key).update(JSON.stringify([DOMAIN, r.vaultId, r.generation, r.at])).digest('hex');
}

function macMatches(key: Buffer, r: GenerationRecord): boolean {
  const expected = Buffer.from(mac(key, r), 'hex');
  const given = Buffer.from(typeof r.mac === 'string' ? r.mac : '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function readRecord(path: string): GenerationRecord | null {
  try {
    const r = JSON.parse(readFileSync(path, 'utf8')) as GenerationRecord;
    if (r.format !== FORMAT || typeof r.vaultId !== 'string' || !Number.isSafeInteger(r.generation) || typeof r.at !== 'string') return null;
    return r;
  } catch {
    return null; // missing or unreadable: it vouches for nothing
  }
}

/**
 * The newest record that is ahead of the database, or null. A record whose
 * HMAC fails was not written by this vault and is ignored (it is logged). A
 * database with no HMAC key at all predates rollback detection, so any record
 * for its vault id was written by a newer copy of it.
 */
export function detectRollback(db: Db, vaultId: string, places: readonly GenerationPlace[], logger: Logger): RollbackFinding | null {
  const key = readMacKey(db);
  const databaseGeneration = readGeneration(db);
  let worst: RollbackFinding | null = null;
  for (const place of places) {
    const record = readRecord(place.path);
    if (!record || record.vaultId !== vaultId) continue;
    if (key && !macMatches(key, record)) {
      logger.warn('a rollback generation record failed its check and was ignored', { source: place.source });
      continue;
    }
    if (record.generation > databaseGeneration && (!worst || record.generation > worst.recordGeneration)) {
      worst = { databaseGeneration, recordGeneration: record.generation, recordAt: record.at, source: place.source };
    }
  }
  return worst;
}

/** The signed checkpoints the records carry (each is checked by its signature, not trusted). */
export function recordedCheckpoints(vaultId: string, places: readonly GenerationPlace[]): AuditCheckpoint[] {
  return places
    .map((p) => readRecord(p.path))
    .filter((r): r is GenerationRecord => r !== null && r.vaultId === vaultId && !!r.auditCheckpoint && typeof r.auditCheckpoint === 'object')
    .map((r) => r.auditCheckpoint!);
}

/**
 * Moves the database's generation on by one (past `atLeast` when accepting an
 * older database) and returns it. Call inside a durable transaction
 * (src-main/core/db/durable-transaction.ts), then write the records.
 */
export function bumpGenerationInTransaction(db: Db, atLeast = 0): number {
  if (readMacKey(db) === null) {
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(MAC_KEY_META, randomBytes(32).toString('hex'));
  }
  const next = Math.max(readGeneration(db), atLeast) + 1;
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(GENERATION_META, String(next));
  return next;
}

/**
 * Writes the records for a generation the database has already committed
 * durably. A place that cannot be written (a read-only app folder) is logged
 * and skipped: the other place and the next bump still protect the vault.
 */
export function writeGenerationRecords(
  db: Db,
  vaultId: string,
  places: readonly GenerationPlace[],
  record: { generation: number; at: string; auditCheckpoint: AuditCheckpoint | null },
  logger: Logger,
): void {
  const key = readMacKey(db);
  if (!key) throw new Error('generation records need the database to have been counted first');
  const body = { vaultId, generation: record.generation, at: record.at };
  const written: GenerationRecord = { format: FORMAT, version: 1, ...body, mac: mac(key, body), auditCheckpoint: record.auditCheckpoint };
  for (const place of places) {
    try {
      mkdirSync(dirname(place.path), { recursive: true, mode: 0o700 });
      writeFileAtomicSync(place.path, `${JSON.stringify(written, null, 2)}\n`);
    } catch (err) {
      logger.warn('could not write a rollback generation record', { source: place.source, code: (err as { code?: string }).code });
    }
  }
}
