import type { Migration } from '../migration-types';
import type { Db } from '../types';

/**
 * The consent ledger, smaller and answerable per notice (issue #9 items 3 and 7;
 * docs/consent-scale.md).
 *
 * 1. Wording stored once. Every event carried the sentence the client agreed
 *    to (about 70 bytes, and the same dozen sentences over and over: a third
 *    of the ledger). It now lives in consent_wordings, once per distinct text,
 *    and the event holds its integer id (NULL for no wording).
 * 2. Indexes trimmed to what the queries use: the client timeline index is
 *    (client_id, occurred_at) (the rowid, seq, rides along in every index, so
 *    "newest first, then recorded last" needs no sort; a purpose filter reads
 *    one client's few rows); the marketing export's covering index holds only
 *    the rows it reads (granted, not per treatment).
 * 3. consent_current also carries the event's notice_id, and
 *    consent_notice_basis: for each client with a granted consent in force,
 *    whether one rests on no recorded notice and the oldest notice the others
 *    rest on, kept by triggers on consent_current. "Whose consents rest on an
 *    older notice" is then an index range count, not a scan of the ledger.
 *
 * The ledger is append-only by trigger; this rebuilds the table once, copying
 * every event with its seq (so its order and every reference to it stay), then
 * derives consent_current again with the rule of its trigger. The triggers are
 * recreated as they were, reading the wording from the new table.
 */
function rebuildLedger(db: Db): void {
  db.exec(`
    DROP TRIGGER IF EXISTS consent_current_follows_ledger;
    DROP TRIGGER IF EXISTS consent_events_no_update;
    DROP TRIGGER IF EXISTS consent_events_no_delete;
    DROP INDEX IF EXISTS consent_current_by_purpose;
    DROP TABLE IF EXISTS consent_current;

    CREATE TABLE consent_wordings (
      id   INTEGER PRIMARY KEY,
      text TEXT NOT NULL UNIQUE
    ) STRICT;
    INSERT INTO consent_wordings (text)
      SELECT DISTINCT wording FROM consent_events WHERE wording <> '' ORDER BY wording;

    CREATE TABLE consent_ledger (
      seq               INTEGER PRIMARY KEY,
      id                TEXT NOT NULL UNIQUE,
      client_id         TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
      purpose_id        TEXT NOT NULL REFERENCES consent_purposes (id),
      treatment_id      TEXT,
      state             TEXT NOT NULL CHECK (state IN ('granted', 'withdrawn', 'refused', 'unknown')),
      basis             TEXT CHECK (basis IS NULL OR basis IN ('consent', 'soft-opt-in')),
      occurred_at       TEXT NOT NULL,
      recorded_at       TEXT NOT NULL,
      recorded_by       TEXT NOT NULL,
      method            TEXT NOT NULL CHECK (method IN ('in-person', 'paper-form', 'online-form', 'phone', 'email', 'imported')),
      notice_id         TEXT REFERENCES privacy_notices (id),
      wording_id        INTEGER REFERENCES consent_wordings (id),
      evidence_file_id  TEXT REFERENCES files (id),
      soft_opt_in       TEXT,
      tps_checked_on    TEXT,
      tps_registered    INTEGER CHECK (tps_registered IS NULL OR tps_registered IN (0, 1)),
      explicit_regrant  INTEGER NOT NULL DEFAULT 0 CHECK (explicit_regrant IN (0, 1)),
      note              TEXT NOT NULL DEFAULT '',
      corrects_event_id TEXT
    ) STRICT;
    INSERT INTO consent_ledger (seq, id, client_id, purpose_id, treatment_id, state, basis, occurred_at, recorded_at,
                                recorded_by, method, notice_id, wording_id, evidence_file_id, soft_opt_in, tps_checked_on,
                                tps_registered, explicit_regrant, note, corrects_event_id)
      SELECT e.seq, e.id, e.client_id, e.purpose_id, e.treatment_id, e.state, e.basis, e.occurred_at, e.recorded_at,
             e.recorded_by, e.method, e.notice_id, w.id, e.evidence_file_id, e.soft_opt_in, e.tps_checked_on,
             e.tps_registered, e.explicit_regrant, e.note, e.corrects_event_id
        FROM consent_events e LEFT JOIN consent_wordings w ON w.text = e.wording
       ORDER BY e.seq;
    DROP TABLE consent_events;
    ALTER TABLE consent_ledger RENAME TO consent_events;

    CREATE INDEX consent_events_by_client ON consent_events (client_id, occurred_at);
    CREATE TRIGGER consent_events_no_update BEFORE UPDATE ON consent_events
      BEGIN SELECT RAISE(ABORT, 'the consent ledger is append-only'); END;
    CREATE TRIGGER consent_events_no_delete BEFORE DELETE ON consent_events
      WHEN EXISTS (SELECT 1 FROM clients WHERE id = OLD.client_id)
      BEGIN SELECT RAISE(ABORT, 'the consent ledger is append-only'); END;
    CREATE TRIGGER consent_wordings_no_update BEFORE UPDATE ON consent_wordings
      BEGIN SELECT RAISE(ABORT, 'consent wording is kept as given'); END;

    CREATE TABLE consent_current (
      client_id        TEXT NOT NULL,
      purpose_id       TEXT NOT NULL,
      scope_key        TEXT NOT NULL,
      event_seq        INTEGER NOT NULL REFERENCES consent_events (seq) ON DELETE CASCADE,
      state            TEXT NOT NULL,
      occurred_at      TEXT NOT NULL,
      basis            TEXT,
      tps_checked_on   TEXT,
      tps_registered   INTEGER,
      explicit_regrant INTEGER NOT NULL,
      notice_id        TEXT,                  -- the notice the event in force rests on
      PRIMARY KEY (client_id, purpose_id, scope_key)
    ) STRICT, WITHOUT ROWID;
    INSERT INTO consent_current (client_id, purpose_id, scope_key, event_seq, state, occurred_at,
                                 basis, tps_checked_on, tps_registered, explicit_regrant, notice_id)
      SELECT client_id, purpose_id, scope_key, seq, state, occurred_at, basis, tps_checked_on, tps_registered, explicit_regrant, notice_id
        FROM (SELECT e.*, coalesce(e.treatment_id, '') AS scope_key,
                     row_number() OVER (PARTITION BY e.client_id, e.purpose_id, coalesce(e.treatment_id, '')
                                        ORDER BY e.occurred_at DESC, e.seq DESC) AS rank_in_scope
                FROM consent_events AS e)
       WHERE rank_in_scope = 1;
    -- Covering, and only the rows the marketing export reads: granted, not per treatment.
    CREATE INDEX consent_current_by_purpose ON consent_current
      (purpose_id, client_id, occurred_at, explicit_regrant, basis, tps_checked_on, tps_registered)
      WHERE state = 'granted' AND scope_key = '';
    CREATE TRIGGER consent_current_follows_ledger AFTER INSERT ON consent_events
    BEGIN
      INSERT INTO consent_current (client_id, purpose_id, scope_key, event_seq, state, occurred_at,
                                   basis, tps_checked_on, tps_registered, explicit_regrant, notice_id)
      VALUES (NEW.client_id, NEW.purpose_id, coalesce(NEW.treatment_id, ''), NEW.seq, NEW.state, NEW.occurred_at,
              NEW.basis, NEW.tps_checked_on, NEW.tps_registered, NEW.explicit_regrant, NEW.notice_id)
      ON CONFLICT (client_id, purpose_id, scope_key) DO UPDATE
        SET event_seq = excluded.event_seq, state = excluded.state, occurred_at = excluded.occurred_at,
            basis = excluded.basis, tps_checked_on = excluded.tps_checked_on,
            tps_registered = excluded.tps_registered, explicit_regrant = excluded.explicit_regrant,
            notice_id = excluded.notice_id
        WHERE excluded.occurred_at >= consent_current.occurred_at;
    END;
  `);
}

/**
 * A notice's place in time: effective date, then publication instant. Both are
 * fixed once published (the table refuses edits), so the key never changes.
 * The same expression is used by consent/notice-affected.ts.
 */
const NOTICE_KEY = `n.effective_on || ' ' || n.created_at`;

/** The client's row, from their granted consents in force; gone when they have none. */
const REFRESH_BASIS = (client: string) => `
      INSERT INTO consent_notice_basis (client_id, no_notice, oldest_notice)
        SELECT * FROM (
          SELECT ${client}, max(cc.notice_id IS NULL), min(${NOTICE_KEY})
            FROM consent_current cc
            LEFT JOIN privacy_notices n ON n.id = cc.notice_id
           WHERE cc.client_id = ${client} AND cc.state = 'granted'
          HAVING count(*) > 0)
         WHERE true
      ON CONFLICT (client_id) DO UPDATE SET no_notice = excluded.no_notice, oldest_notice = excluded.oldest_notice;
      DELETE FROM consent_notice_basis
       WHERE client_id = ${client}
         AND NOT EXISTS (SELECT 1 FROM consent_current WHERE client_id = ${client} AND state = 'granted');`;

function createNoticeBasis(db: Db): void {
  db.exec(`
    CREATE TABLE consent_notice_basis (
      client_id     TEXT PRIMARY KEY REFERENCES clients (id) ON DELETE CASCADE,
      no_notice     INTEGER NOT NULL CHECK (no_notice IN (0, 1)),
      oldest_notice TEXT              -- NOTICE_KEY of the oldest notice a granted consent rests on, or NULL
    ) STRICT, WITHOUT ROWID;
    INSERT INTO consent_notice_basis (client_id, no_notice, oldest_notice)
      SELECT cc.client_id, max(cc.notice_id IS NULL), min(${NOTICE_KEY})
        FROM consent_current cc
        LEFT JOIN privacy_notices n ON n.id = cc.notice_id
       WHERE cc.state = 'granted'
       GROUP BY cc.client_id;
    CREATE INDEX consent_notice_basis_by_notice ON consent_notice_basis (no_notice, oldest_notice);
    CREATE TRIGGER consent_notice_basis_on_insert AFTER INSERT ON consent_current
    BEGIN ${REFRESH_BASIS('NEW.client_id')}
    END;
    CREATE TRIGGER consent_notice_basis_on_update AFTER UPDATE ON consent_current
    BEGIN ${REFRESH_BASIS('NEW.client_id')}
    END;
    CREATE TRIGGER consent_notice_basis_on_delete AFTER DELETE ON consent_current
    BEGIN ${REFRESH_BASIS('OLD.client_id')}
    END;
  `);
}

export const migration0009: Migration = {
  version: 9,
  name: 'consent-compact',
  up(db) {
    rebuildLedger(db);
    createNoticeBasis(db);
  },
};
