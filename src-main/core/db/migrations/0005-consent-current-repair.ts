import type { Migration } from '../migration-types';
import type { Db } from '../types';

/**
 * Repairs consent_current on vaults made by the build whose migration 0004 was
 * the first version (commit b36c1fc). 0004 was later edited in place (commit
 * 0c91679) to give consent_current the facts of the event in force (basis, TPS
 * screening, explicit re-grant) and a covering index; a vault that had already
 * applied the first 0004 never got them, and its marketing export fails with
 * "no such column: cc.explicit_regrant". Migrations are immutable once landed
 * (CONTRIBUTING.md), so the fix is this new one.
 *
 * The table, index and trigger below are 0004's current statements, copied
 * character for character (so a repaired vault's schema is identical to a new
 * one's, and the schema fingerprints agree), and written out here so this
 * migration means the same thing whatever later files do.
 *
 * A vault whose three objects already are exactly these (every vault made by
 * the current 0004) is left alone: its rows are kept by the trigger in the same
 * transaction as each event, so they cannot disagree with the ledger, and
 * rebuilding them would hold the first sign-in after the update for seconds on
 * a large clinic (bench/consent-repair.ts). Any other vault (the old shape, or
 * a missing or different index or trigger) gets all three rebuilt and the rows
 * derived again from the ledger.
 */
const CONSENT_CURRENT_TABLE = `
      CREATE TABLE consent_current (
        client_id        TEXT NOT NULL,
        purpose_id       TEXT NOT NULL,
        scope_key        TEXT NOT NULL,         -- the treatment id, or '' for the others
        event_seq        INTEGER NOT NULL REFERENCES consent_events (seq) ON DELETE CASCADE,
        state            TEXT NOT NULL,
        occurred_at      TEXT NOT NULL,
        basis            TEXT,
        tps_checked_on   TEXT,
        tps_registered   INTEGER,
        explicit_regrant INTEGER NOT NULL,
        PRIMARY KEY (client_id, purpose_id, scope_key)
      ) STRICT, WITHOUT ROWID;`;

const CONSENT_CURRENT_INDEX = `
      CREATE INDEX consent_current_by_purpose ON consent_current
        (purpose_id, state, client_id, occurred_at, explicit_regrant, basis, tps_checked_on, tps_registered);`;

const CONSENT_CURRENT_TRIGGER = `
      CREATE TRIGGER consent_current_follows_ledger AFTER INSERT ON consent_events
      BEGIN
        INSERT INTO consent_current (client_id, purpose_id, scope_key, event_seq, state, occurred_at,
                                     basis, tps_checked_on, tps_registered, explicit_regrant)
        VALUES (NEW.client_id, NEW.purpose_id, coalesce(NEW.treatment_id, ''), NEW.seq, NEW.state, NEW.occurred_at,
                NEW.basis, NEW.tps_checked_on, NEW.tps_registered, NEW.explicit_regrant)
        ON CONFLICT (client_id, purpose_id, scope_key) DO UPDATE
          SET event_seq = excluded.event_seq, state = excluded.state, occurred_at = excluded.occurred_at,
              basis = excluded.basis, tps_checked_on = excluded.tps_checked_on,
              tps_registered = excluded.tps_registered, explicit_regrant = excluded.explicit_regrant
          WHERE excluded.occurred_at >= consent_current.occurred_at;
      END;`;

const EXPECTED = [
  { type: 'table', name: 'consent_current', sql: CONSENT_CURRENT_TABLE },
  { type: 'index', name: 'consent_current_by_purpose', sql: CONSENT_CURRENT_INDEX },
  { type: 'trigger', name: 'consent_current_follows_ledger', sql: CONSENT_CURRENT_TRIGGER },
] as const;

/** SQLite keeps each CREATE as written, without its final semicolon; spacing alone never counts as a difference. */
const comparable = (sql: string) => sql.trim().replace(/;$/, '').replace(/\s+/g, ' ');

export function consentCurrentIsCurrentShape(db: Db): boolean {
  const stored = db.prepare('SELECT sql FROM sqlite_master WHERE type = ? AND name = ?');
  return EXPECTED.every(({ type, name, sql }) => {
    const row = stored.get(type, name) as { sql: string | null } | undefined;
    return row?.sql != null && comparable(row.sql) === comparable(sql);
  });
}

/**
 * Drops and recreates the table, index and trigger, and derives the rows from
 * the ledger with the trigger's own rule: per client, purpose and scope, the
 * event with the latest occurred_at wins, and on a tie the one recorded last
 * (higher seq), since the trigger lets an equal occurred_at replace the row.
 */
export function rebuildConsentCurrent(db: Db): void {
  db.exec(`
      DROP TRIGGER IF EXISTS consent_current_follows_ledger;
      DROP INDEX IF EXISTS consent_current_by_purpose;
      DROP TABLE IF EXISTS consent_current;
      ${CONSENT_CURRENT_TABLE.trim()}
      INSERT INTO consent_current (client_id, purpose_id, scope_key, event_seq, state, occurred_at,
                                   basis, tps_checked_on, tps_registered, explicit_regrant)
      SELECT client_id, purpose_id, scope_key, seq, state, occurred_at,
             basis, tps_checked_on, tps_registered, explicit_regrant
        FROM (SELECT e.*, coalesce(e.treatment_id, '') AS scope_key,
                     row_number() OVER (PARTITION BY e.client_id, e.purpose_id, coalesce(e.treatment_id, '')
                                        ORDER BY e.occurred_at DESC, e.seq DESC) AS rank_in_scope
                FROM consent_events AS e)
       WHERE rank_in_scope = 1;
      ${CONSENT_CURRENT_INDEX.trim()}
      ${CONSENT_CURRENT_TRIGGER.trim()}
  `);
}

export const migration0005: Migration = {
  version: 5,
  name: 'consent-current-repair',
  up(db) {
    if (!consentCurrentIsCurrentShape(db)) rebuildConsentCurrent(db);
  },
};
