/**
 * The words the CLI and the vault-check page use for database damage, so both
 * say the same thing (docs/integrity-checks.md). Pure TypeScript.
 */
import type { DamagedPage, DatabaseCheckResult } from './types';

/** What to do about a damaged page, for the clinic owner. */
export const DATABASE_DAMAGE_ADVICE =
  'Part of the vault database (vault.db) is damaged. Stop adding records, restore the whole vault folder from your most recent backup, then run the check again. If the backup fails too, contact support and quote the page numbers below.';

export function damagedPageLine(d: DamagedPage): string {
  const where = d.location === 'wal' ? ` (unsaved copy in vault.db-wal, frame ${d.frame ?? '?'})` : '';
  const what = d.belongsTo === 'free' ? 'an unused page' : d.belongsTo ? `part of ${d.belongsTo}` : 'owner unknown';
  return `Page ${d.page}${where}: damaged, ${what}`;
}

export function databaseCheckSummary(r: DatabaseCheckResult): string {
  if (r.ok) {
    const sqlite = r.sqliteCheck ? ', structure sound' : '';
    return `All ${r.pagesChecked} ${r.pagesChecked === 1 ? 'page' : 'pages'} intact${sqlite}`;
  }
  if (r.damagedPageCount > 0) return `${r.damagedPageCount} of ${r.pagesChecked} pages failed their check`;
  return `SQLite's structural check failed: ${r.sqliteCheck?.problems.join('; ') ?? 'reason unknown'}`;
}
