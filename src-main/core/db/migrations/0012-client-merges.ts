import type { Migration } from '../migration-types';

/**
 * Duplicate clients (issue #10 item 2, docs/duplicates.md).
 *
 * client_merges: one row per record merged into another. The merged-away
 * client's row is kept (nothing is lost: its original details, and the
 * consent entries it held, stay as they were), but it leaves the search index
 * and every read or write by its id is refused with a pointer to the kept
 * record. `choices` is the JSON of which record each field was taken from.
 *
 * client_distinct_pairs: two records someone confirmed are different people
 * ("This is a different person"), so the duplicate check stops raising that
 * pair. Stored with the smaller id first, so a pair is one row either way round.
 */
export const migration0012: Migration = {
  version: 12,
  name: 'client-merges',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS client_merges (
        merged_id TEXT PRIMARY KEY REFERENCES clients (id),
        kept_id   TEXT NOT NULL REFERENCES clients (id),
        merged_at TEXT NOT NULL,
        merged_by TEXT NOT NULL REFERENCES staff (id),
        choices   TEXT NOT NULL   -- JSON {field: 'kept' | 'merged'}: ids and field names only
      ) STRICT;
      CREATE INDEX IF NOT EXISTS client_merges_by_kept ON client_merges (kept_id);

      CREATE TABLE IF NOT EXISTS client_distinct_pairs (
        first_id     TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        second_id    TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        confirmed_at TEXT NOT NULL,
        confirmed_by TEXT NOT NULL REFERENCES staff (id),
        PRIMARY KEY (first_id, second_id),
        CHECK (first_id < second_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
