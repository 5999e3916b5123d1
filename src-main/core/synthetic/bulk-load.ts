/**
 * Bulk loading for the synthetic clinic: the generator writes millions of rows
 * (200,000 clients make ~1.6M treatments and ~4M consent events) in one
 * transaction. Keeping every secondary index up to date row by row scatters
 * the writes over indexes far larger than the page cache (random client and
 * event ids), so each insert re-reads, decrypts and later re-encrypts pages.
 * Building each index once at the end is one sort instead.
 *
 * So, inside the generator's transaction: the explicit indexes of the tables
 * it fills are dropped, and so is the trigger that keeps consent_current (one
 * upsert per event); after the rows are in, each index is created again from
 * its own stored SQL (the schema ends exactly as it was, text for text) and
 * consent_current is derived from the ledger in one statement, by the
 * trigger's rule (migration 0005). A failed or cancelled run rolls back with
 * the rest of the transaction, DDL included.
 *
 * The UNIQUE/PRIMARY KEY indexes stay: SQLite cannot drop them, and they are
 * what catches a duplicate id.
 */
import type { Db } from '../db/types';

/** The tables the generator fills, whose own indexes are rebuilt after the load. */
const BULK_TABLES = ['treatments', 'client_sections', 'consent_events', 'consent_current'] as const;
const CONSENT_CURRENT_TRIGGER = 'consent_current_follows_ledger';

interface SchemaObject {
  name: string;
  sql: string;
}

export interface SuspendedIndexes {
  /** Creates the indexes and the trigger again and fills consent_current from the ledger. */
  restore(): void;
}

/** Call inside the transaction, before the first row. */
export function suspendIndexes(db: Db): SuspendedIndexes {
  const placeholders = BULK_TABLES.map(() => '?').join(', ');
  // sql IS NULL: the automatic indexes of UNIQUE and PRIMARY KEY constraints, which stay.
  const indexes = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${placeholders}) ORDER BY name`)
    .all(...BULK_TABLES) as SchemaObject[];
  const trigger = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`).get(CONSENT_CURRENT_TRIGGER) as
    | SchemaObject
    | undefined;
  for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);
  if (trigger) db.exec(`DROP TRIGGER "${trigger.name}"`);
  return {
    restore() {
      if (trigger) {
        // The trigger's rule (migrations 0004, 0005): per client, purpose and scope, the latest
        // occurrence wins, and on a tie the event recorded last (the higher seq). The notice the
        // event rests on goes with it (migration 0009), so the notice counts see it.
        db.exec(`
          DELETE FROM consent_current;
          INSERT INTO consent_current (client_id, purpose_id, scope_key, event_seq, state, occurred_at,
                                       basis, tps_checked_on, tps_registered, explicit_regrant, notice_id, wording_id)
          SELECT client_id, purpose_id, scope_key, seq, state, occurred_at,
                 basis, tps_checked_on, tps_registered, explicit_regrant, notice_id,
                 CASE WHEN state = 'granted' AND scope_key = '' THEN wording_id END
            FROM (SELECT e.seq, e.client_id, e.purpose_id, e.state, e.occurred_at, e.basis, e.tps_checked_on,
                         e.tps_registered, e.explicit_regrant, e.notice_id, e.wording_id, coalesce(e.treatment_id, '') AS scope_key,
                         row_number() OVER (PARTITION BY e.client_id, e.purpose_id, coalesce(e.treatment_id, '')
                                            ORDER BY e.occurred_at DESC, e.seq DESC) AS rank_in_scope
                    FROM consent_events AS e)
           WHERE rank_in_scope = 1;
        `);
      }
      for (const index of indexes) db.exec(index.sql);
      if (trigger) db.exec(trigger.sql);
    },
  };
}

/**
 * In WAL mode every page of a big load is written twice: into the WAL, then
 * copied into the database by the checkpoint after COMMIT (3 GB each way for
 * 200,000 clients). A rollback journal writes each new page once, straight into
 * the file, and stays just as atomic: pages past the old end of the file need
 * no journal entry. Switched for the load and back after; if SQLite refuses
 * (another connection has the file open), the load simply runs in WAL mode.
 * Call outside a transaction. Returns the undo.
 */
export function useRollbackJournalForLoad(db: Db): () => void {
  const before = String(db.pragma('journal_mode', { simple: true }));
  if (before !== 'wal') return () => {};
  db.pragma('journal_mode = DELETE');
  return () => {
    db.pragma('journal_mode = WAL');
    // Seen after a load that rebuilt consent_current's triggers (migrations 0008 and 0009 both
    // in place): the first checkpoint on this connection after the switch fails once with
    // SQLITE_LOCKED and the next succeeds. Settling it here keeps that from the next caller
    // (the vault's close, the benchmark's plain copy).
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      db.pragma('wal_checkpoint(PASSIVE)');
    }
  };
}
