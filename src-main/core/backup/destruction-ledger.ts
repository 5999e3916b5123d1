/**
 * The destruction ledger beside the backups (issue #14 item 6, docs/backups.md
 * "Destructions on restore"). Clients destroyed or erased after a snapshot was
 * taken must be destroyed again when it is restored, so restoring never
 * brings an erased person back.
 *
 * - The vault records every destruction in `destruction_ledger`
 *   (core/destruction/destruction-ledger.ts), in the destruction's own
 *   transaction.
 * - Each snapshot carries the whole ledger to its set as `destructions.json`
 *   (ids, category names and times only), merged with what the file held,
 *   and authenticated with HMAC-SHA256 under the vault's backup key. That key
 *   sits in the database's settings, so every snapshot's copy carries it and a
 *   database-key rotation does not change it: a restore of any snapshot checks
 *   the ledger with the key inside the snapshot it restores. The snapshot's
 *   manifest (itself authenticated) records how many entries the file held,
 *   so a file cut short or deleted is noticed too.
 * - A restore re-applies, in its hidden staging folder and before the folder
 *   becomes the vault, every entry the restored database does not hold, with
 *   the keys the restore unlocked (the recovery key's or an owner's: both hold
 *   the clinical key an erasure needs to seal the kept name).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { AppError } from '../../contract/errors';
import type { StaffMember } from '../../contract/types';
import { AuditLog } from '../audit/audit-log';
import type { VaultKeys } from '../crypto/vault-keys';
import type { Db } from '../db/types';
import { DESTRUCTION_CATEGORIES, type DestructionCategory } from '../destruction/categories';
import { destroyClientData } from '../destruction/destroy-client';
import { type LedgerEntry, ledgerEntries, ledgerIds, recordDestruction } from '../destruction/destruction-ledger';
import { FileStore } from '../files/file-store';
import type { Clock } from '../platform/ports';
import type { VaultPaths } from '../platform/vault-paths';
import type { ServiceContext } from '../service/service-context';
import type { StagedPreviews } from '../service/staged-previews';
import { SettingsRepo } from '../settings/settings-repo';
import { writeSmallFileDurably } from './durable-files';
import type { SetLayout } from './set-layout';

export const LEDGER_FORMAT = 'clinic-vault-destruction-ledger';
export const LEDGER_VERSION = 1;
/** A fixed label first, so this HMAC can never be mistaken for a manifest's (the same key signs both). */
const DOMAIN = 'clinic-vault destruction ledger v1';

export interface SetLedger {
  format: typeof LEDGER_FORMAT;
  version: number;
  vaultId: string;
  updatedAt: string;
  entries: LedgerEntry[];
  mac: string;
}

/** What a snapshot's manifest records of the ledger it carried. */
export interface LedgerSummary {
  entries: number;
}

function macOf(l: Omit<SetLedger, 'mac'>, key: Buffer): string {
  return createHmac('sha256', key).update(DOMAIN).update('\n').update(JSON.stringify(l)).digest('hex');
}

function authentic(l: SetLedger, key: Buffer): boolean {
  const { mac, ...rest } = l;
  if (typeof mac !== 'string' || !/^[0-9a-f]{64}$/.test(mac)) return false;
  return timingSafeEqual(Buffer.from(mac, 'hex'), Buffer.from(macOf(rest, key), 'hex'));
}

const CATEGORIES = new Set<string>(DESTRUCTION_CATEGORIES);
const ID = /^[A-Za-z0-9_-]{1,64}$/;

function isEntry(v: unknown): v is LedgerEntry {
  const e = v as LedgerEntry;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.id === 'string' &&
    ID.test(e.id) &&
    typeof e.clientId === 'string' &&
    ID.test(e.clientId) &&
    Array.isArray(e.scope) &&
    e.scope.every((s) => typeof s === 'string' && ID.test(s)) &&
    Array.isArray(e.categories) &&
    e.categories.length > 0 &&
    e.categories.every((c) => CATEGORIES.has(c)) &&
    typeof e.destroyedAt === 'string'
  );
}

function altered(detail: string): AppError {
  return new AppError(
    'BACKUP_LEDGER_ALTERED',
    `The list of destroyed clients kept with these backups (destructions.json) ${detail}, so a restore cannot tell which clients must stay destroyed. Nothing has been changed. Restore from another backup folder, or ask for help.`,
  );
}

/** The set's ledger file, or null when there is none. Its shape is checked here, its HMAC by checkSetLedger. */
export async function readSetLedger(set: SetLayout): Promise<SetLedger | null> {
  let text: string;
  try {
    text = await readFile(set.destructionLedger, 'utf8');
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return null;
    throw err;
  }
  let parsed: SetLedger;
  try {
    parsed = JSON.parse(text) as SetLedger;
  } catch {
    throw altered('is not readable');
  }
  if (typeof parsed !== 'object' || parsed === null || parsed.format !== LEDGER_FORMAT || typeof parsed.version !== 'number') throw altered('is not one Clinic Vault wrote');
  if (parsed.version > LEDGER_VERSION) throw new AppError('BACKUP_FROM_NEWER_VERSION');
  if (typeof parsed.vaultId !== 'string' || !Array.isArray(parsed.entries) || !parsed.entries.every(isEntry)) throw altered('has been edited');
  return parsed;
}

/**
 * The set's ledger, checked: authentic under the backup key, this vault's,
 * and holding at least as many entries as any snapshot's manifest says it
 * carried (so a file deleted or cut short is refused, not read as "none").
 */
export async function checkSetLedger(set: SetLayout, key: Buffer, vaultId: string, carriedAtLeast: number): Promise<LedgerEntry[]> {
  const ledger = await readSetLedger(set);
  if (!ledger) {
    if (carriedAtLeast > 0) throw altered('is missing, though the backups record that it listed destroyed clients');
    return [];
  }
  if (!authentic(ledger, key)) throw altered('has been changed since it was written');
  if (ledger.vaultId !== vaultId) throw altered('belongs to another vault');
  if (ledger.entries.length < carriedAtLeast) throw altered('has entries missing');
  return ledger.entries;
}

/**
 * Writes the vault's whole ledger into the set, merged with the entries the
 * file held (entries of a vault life before a restore that this vault lacks
 * stay). A file that is not authentic is replaced by the vault's own ledger,
 * which holds every destruction this vault has made or re-applied; `replaced`
 * says so, for the audit log.
 */
export async function carryLedgerToSet(db: Db, set: SetLayout, key: Buffer, vaultId: string, now: Date): Promise<LedgerSummary & { replaced: boolean }> {
  let previous: LedgerEntry[] = [];
  let replaced = false;
  try {
    const file = await readSetLedger(set);
    if (file && authentic(file, key) && file.vaultId === vaultId) previous = file.entries;
    else if (file) replaced = true;
  } catch (err) {
    if (err instanceof AppError && err.code === 'BACKUP_FROM_NEWER_VERSION') throw err;
    replaced = true;
  }
  const own = ledgerEntries(db);
  const ownIds = new Set(own.map((e) => e.id));
  const entries = [...previous.filter((e) => !ownIds.has(e.id)), ...own].sort((a, b) => (a.destroyedAt < b.destroyedAt ? -1 : a.destroyedAt > b.destroyedAt ? 1 : 0));
  const unsigned: Omit<SetLedger, 'mac'> = { format: LEDGER_FORMAT, version: LEDGER_VERSION, vaultId, updatedAt: now.toISOString(), entries };
  await writeSmallFileDurably(set.destructionLedger, JSON.stringify({ ...unsigned, mac: macOf(unsigned, key) }));
  return { entries: entries.length, replaced };
}

/** The entries of the set's ledger that the restored database does not hold: destructions made after its snapshot. */
export function pendingEntries(db: Db, entries: readonly LedgerEntry[]): LedgerEntry[] {
  const held = ledgerIds(db);
  return entries.filter((e) => !held.has(e.id));
}

export interface ReappliedDestructions {
  /** Ledger entries the restored snapshot did not hold, each re-applied. */
  entries: number;
  /** Clients found in the restored database and destroyed again (the categories each entry names). */
  clients: number;
}

export interface RestoredVault {
  db: Db;
  paths: VaultPaths;
  keys: VaultKeys;
  /** Whoever restores (an owner), or null for the recovery key. */
  staffId: string | null;
  clock: Clock;
}

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const noPreviews: StagedPreviews = { start: () => Promise.resolve(null), keep: () => undefined, forget: () => undefined };

/** Who the re-applied destructions are recorded as: the restoring owner, or (recovery key) the vault's first owner. */
function actorFor(db: Db, staffId: string | null): StaffMember {
  const row = db
    .prepare(
      `SELECT id, username, display_name AS displayName, role, created_at AS createdAt, removed_at AS removedAt FROM staff
       WHERE id = ? OR (role = 'owner' AND removed_at IS NULL) ORDER BY id = ? DESC, created_at LIMIT 1`,
    )
    .get(staffId, staffId) as StaffMember | undefined;
  if (!row) throw new AppError('BACKUP_SNAPSHOT_DAMAGED', 'The restored vault has no owner to record the destructions under. Nothing has been changed.');
  return row;
}

/**
 * Destroys again, in the restored (not yet switched-to) vault, what each
 * pending entry destroyed: exactly its categories, for each of its clients
 * still there. Each is one destruction (one transaction) through the one
 * mechanism, recorded under the entry's own id, so it is never applied twice.
 */
export function reapplyDestructions(vault: RestoredVault, pending: readonly LedgerEntry[]): ReappliedDestructions {
  if (pending.length === 0) return { entries: 0, clients: 0 };
  const { db, paths, keys, clock } = vault;
  const ctx: ServiceContext = {
    db,
    audit: new AuditLog(db, clock),
    files: new FileStore({ db, vaultDir: paths.dir, clock, keys }),
    settings: new SettingsRepo(db),
    keys,
    paths,
    clock,
    logger: quiet,
    actor: actorFor(db, vault.staffId),
    stagedPreviews: noPreviews,
  };
  const present = db.prepare('SELECT 1 FROM clients WHERE id = ?').pluck();
  let clients = 0;
  for (const entry of pending) {
    // The named client first (it takes the records merged into it along); then any of its scope the
    // snapshot still holds on its own (merged after the snapshot was taken).
    for (const id of [entry.clientId, ...entry.scope.filter((s) => s !== entry.clientId)]) {
      if (!present.get(id)) continue;
      destroyClientData(ctx, id, entry.categories as DestructionCategory[], { auditAction: 'backup.destruction_reapplied', replayOf: entry });
      clients++;
    }
    // A client absent from the snapshot (added after it) has nothing to destroy; the entry is still recorded.
    recordDestruction(db, entry, clock.now().toISOString());
  }
  return { entries: pending.length, clients };
}
