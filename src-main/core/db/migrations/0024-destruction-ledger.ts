import type { Migration } from '../migration-types';

/**
 * The destruction ledger (issue #14 item 6, docs/backups.md "Destructions on
 * restore"): one row for every call of the destruction mechanism
 * (core/destruction/destroy-client.ts), written in the destruction's own
 * transaction, so a destruction and its ledger row exist together or not at
 * all. Ids, category names and a time only: never a name or health data.
 *
 * - id: random ('dl_' + 32 hex), the same in every copy of the ledger: a
 *   backup set's copy (destructions.json) and a restored vault's table are
 *   compared by it, so re-applying an entry on restore records it under its
 *   own id and never twice.
 * - client_id: the client named in the call; scope: every client id the call
 *   destroyed (that client and the records merged into it), so a restore of a
 *   snapshot taken before the merge still finds each of them.
 * - categories: JSON array of DestructionCategory, exactly those destroyed.
 * - replayed_at: set when the row was written by a restore re-applying it.
 *
 * Append-only: the triggers refuse any update or delete.
 */
export const migration0024: Migration = {
  version: 24,
  name: 'destruction-ledger',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS destruction_ledger (
        seq           INTEGER PRIMARY KEY,
        id            TEXT NOT NULL UNIQUE,
        client_id     TEXT NOT NULL,
        scope         TEXT NOT NULL,      -- JSON array of client ids
        categories    TEXT NOT NULL,      -- JSON array of DestructionCategory
        destroyed_at  TEXT NOT NULL,      -- ISO-8601 UTC
        replayed_at   TEXT                -- ISO-8601 UTC, when a restore re-applied it
      ) STRICT;
      CREATE TRIGGER destruction_ledger_no_update BEFORE UPDATE ON destruction_ledger
        BEGIN SELECT RAISE(ABORT, 'the destruction ledger is append-only'); END;
      CREATE TRIGGER destruction_ledger_no_delete BEFORE DELETE ON destruction_ledger
        BEGIN SELECT RAISE(ABORT, 'the destruction ledger is append-only'); END;
    `);
  },
};
