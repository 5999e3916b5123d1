/**
 * Which records were merged into another (client_merges, migration 0011).
 * A merged-away record is kept, so nothing it held is lost, but it is closed:
 * it has left the search index, and every call naming it is refused with a
 * pointer to the record it now lives on (client-service.ts requireClient).
 */
import { londonToday } from '../../contract/field-schemas';
import { formatUkDate } from '../../contract/uk-formats';
import type { Db } from '../db/types';

export interface MergeRecord {
  mergedId: string;
  keptId: string;
  mergedAt: string;
  mergedBy: string;
}

const statements = new WeakMap<Db, { byMerged: ReturnType<Db['prepare']> }>();

export function mergeOf(db: Db, clientId: string): MergeRecord | null {
  let s = statements.get(db);
  if (!s) {
    s = { byMerged: db.prepare('SELECT merged_id, kept_id, merged_at, merged_by FROM client_merges WHERE merged_id = ?') };
    statements.set(db, s);
  }
  const row = s.byMerged.get(clientId) as { merged_id: string; kept_id: string; merged_at: string; merged_by: string } | undefined;
  return row ? { mergedId: row.merged_id, keptId: row.kept_id, mergedAt: row.merged_at, mergedBy: row.merged_by } : null;
}

/** The message for a call naming a merged-away record, or null for a record that was not merged away. */
export function mergedAwayMessage(db: Db, clientId: string): string | null {
  const merge = mergeOf(db, clientId);
  if (!merge) return null;
  return `This record was merged into another client’s record on ${formatUkDate(londonToday(new Date(merge.mergedAt)))}. Search for the client to open the record that holds everything now.`;
}
