import type { Migration } from '../migration-types';

/**
 * The consent ledger (issue #4; docs/compliance.md, consent and marketing):
 * purposes, privacy-notice versions, append-only consent events, the current
 * state derived from them, and the suppression list that outlives erasure.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'consent-ledger',
  up(db) {
    db.exec(`
      ALTER TABLE clients ADD COLUMN deceased_on TEXT;
      -- Set when the client objects to direct marketing (Art 21(3)); cleared only by a fresh, explicit consent.
      ALTER TABLE clients ADD COLUMN marketing_objection_at TEXT;

      CREATE TABLE consent_purposes (
        id         TEXT PRIMARY KEY,
        label      TEXT NOT NULL,
        category   TEXT NOT NULL CHECK (category IN ('marketing', 'service', 'photo', 'treatment', 'custom')),
        channel    TEXT CHECK (channel IS NULL OR channel IN ('email', 'sms', 'phone', 'post', 'messenger')),
        built_in   INTEGER NOT NULL DEFAULT 0 CHECK (built_in IN (0, 1)),
        active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        sort_order INTEGER NOT NULL DEFAULT 100
      ) STRICT;
      INSERT INTO consent_purposes (id, label, category, channel, built_in, sort_order) VALUES
        ('marketing.email',       'Marketing by email',             'marketing', 'email',     1, 10),
        ('marketing.sms',         'Marketing by SMS',               'marketing', 'sms',       1, 11),
        ('marketing.phone',       'Marketing by telephone',         'marketing', 'phone',     1, 12),
        ('marketing.post',        'Marketing by post',              'marketing', 'post',      1, 13),
        ('marketing.messenger',   'Marketing by Facebook Messenger','marketing', 'messenger', 1, 14),
        ('reminders.email',       'Appointment reminders by email', 'service',   'email',     1, 20),
        ('reminders.sms',         'Appointment reminders by SMS',   'service',   'sms',       1, 21),
        ('photo.clinical-record', 'Photos: clinical record',        'photo',     NULL,        1, 30),
        ('photo.insurer',         'Photos: shared with insurer',    'photo',     NULL,        1, 31),
        ('photo.training',        'Photos: staff training',         'photo',     NULL,        1, 32),
        ('photo.website-social',  'Photos: website and social media','photo',    NULL,        1, 33),
        ('treatment',             'Consent to treatment',           'treatment', NULL,        1, 40);

      -- Each version of the clinic's privacy notice is kept as it was.
      CREATE TABLE privacy_notices (
        id            TEXT PRIMARY KEY,
        version_label TEXT NOT NULL UNIQUE COLLATE NOCASE,
        effective_on  TEXT NOT NULL,
        text          TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        created_by    TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER privacy_notices_no_update BEFORE UPDATE ON privacy_notices
        BEGIN SELECT RAISE(ABORT, 'privacy notice versions are kept as published'); END;
      CREATE TRIGGER privacy_notices_no_delete BEFORE DELETE ON privacy_notices
        BEGIN SELECT RAISE(ABORT, 'privacy notice versions are kept as published'); END;

      -- Art 7(1): the clinic must be able to demonstrate every consent. Append-only:
      -- a mistake is corrected by a new event (corrects_event_id), never by an edit.
      CREATE TABLE consent_events (
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
        wording           TEXT NOT NULL DEFAULT '',
        evidence_file_id  TEXT REFERENCES files (id),
        soft_opt_in       TEXT,                 -- JSON of the three conditions, or NULL
        tps_checked_on    TEXT,
        tps_registered    INTEGER CHECK (tps_registered IS NULL OR tps_registered IN (0, 1)),
        explicit_regrant  INTEGER NOT NULL DEFAULT 0 CHECK (explicit_regrant IN (0, 1)),
        note              TEXT NOT NULL DEFAULT '',
        corrects_event_id TEXT
      ) STRICT;
      CREATE INDEX consent_events_by_client ON consent_events (client_id, purpose_id, occurred_at, seq);
      CREATE TRIGGER consent_events_no_update BEFORE UPDATE ON consent_events
        BEGIN SELECT RAISE(ABORT, 'the consent ledger is append-only'); END;
      -- Deletion only with the client record itself (erasure), never on its own.
      CREATE TRIGGER consent_events_no_delete BEFORE DELETE ON consent_events
        WHEN EXISTS (SELECT 1 FROM clients WHERE id = OLD.client_id)
        BEGIN SELECT RAISE(ABORT, 'the consent ledger is append-only'); END;

      -- Which event is in force for each client, purpose and treatment. Derived:
      -- written only by this trigger, in the same transaction as the event, so it
      -- cannot disagree with the ledger. The latest occurrence wins; a backdated
      -- paper form does not override a later withdrawal. It carries the few facts
      -- of that event the marketing export needs, so a list of tens of thousands
      -- never reads the (large) ledger itself.
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
      ) STRICT, WITHOUT ROWID;
      -- Covering: the marketing export reads everything it needs from this index alone.
      CREATE INDEX consent_current_by_purpose ON consent_current
        (purpose_id, state, client_id, occurred_at, explicit_regrant, basis, tps_checked_on, tps_registered);
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
      END;

      -- Art 21(3): an objection to direct marketing is absolute and permanent. The
      -- list keeps only salted hashes of email addresses and phone numbers, so it
      -- survives erasure of the client and stops them being re-imported or messaged.
      CREATE TABLE suppression_list (
        id         TEXT PRIMARY KEY,
        kind       TEXT NOT NULL CHECK (kind IN ('email', 'phone')),
        value_hash TEXT NOT NULL,
        added_at   TEXT NOT NULL,
        added_by   TEXT NOT NULL,
        UNIQUE (kind, value_hash)
      ) STRICT;
      INSERT INTO meta (key, value) VALUES ('suppression_salt', lower(hex(randomblob(32))));
    `);
  },
};
