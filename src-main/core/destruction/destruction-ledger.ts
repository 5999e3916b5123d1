/**
 * The destruction ledger in the vault (migration 0024, docs/backups.md
 * "Destructions on restore"): every call of destroyClientData leaves one row,
 * written inside the destruction's own transaction, so a destruction and its
 * row are committed together or not at all. Ids, category names and times
 * only. Each backup snapshot carries the rows to its set (core/backup/
 * destruction-ledger.ts), and a restore re-applies those its snapshot lacks,
 * so restoring a backup never brings a destroyed client back.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/types';
import type { DestructionCategory } from './categories';

export interface LedgerEntry {
  /** The same id in every copy of the ledger: a restore compares copies by it. */
  id: string;
  clientId: string;
  /** Every client id the destruction reached (the client and the records merged into it). */
  scope: string[];
  categories: DestructionCategory[];
  destroyedAt: string;
}

export function newLedgerId(): string {
  return `dl_${randomBytes(16).toString('hex')}`;
}

/**
 * Records a destruction. A restore re-applying an entry records it under the
 * entry's own id and time (once, however many of its clients it destroys).
 */
export function recordDestruction(db: Db, entry: LedgerEntry, replayedAt: string | null): void {
  db.prepare(
    `INSERT INTO destruction_ledger (id, client_id, scope, categories, destroyed_at, replayed_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO NOTHING`,
  ).run(entry.id, entry.clientId, JSON.stringify(entry.scope), JSON.stringify(entry.categories), entry.destroyedAt, replayedAt);
}

/** Every entry, oldest first. */
export function ledgerEntries(db: Db): LedgerEntry[] {
  const rows = db.prepare('SELECT id, client_id, scope, categories, destroyed_at FROM destruction_ledger ORDER BY seq').all() as {
    id: string;
    client_id: string;
    scope: string;
    categories: string;
    destroyed_at: string;
  }[];
  return rows.map((r) => ({
    id: r.id,
    clientId: r.client_id,
    scope: JSON.parse(r.scope) as string[],
    categories: JSON.parse(r.categories) as DestructionCategory[],
    destroyedAt: r.destroyed_at,
  }));
}

/** The ids of the entries this vault holds. */
export function ledgerIds(db: Db): Set<string> {
  return new Set(db.prepare('SELECT id FROM destruction_ledger').pluck().all() as string[]);
}
