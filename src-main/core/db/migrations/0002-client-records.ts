import type { Migration } from '../migration-types';

/**
 * Client records in full (issue #3): contact and identity fields, medical and
 * lifestyle history, the field-by-field change history and disputes (Art 16),
 * the treatment catalogue and treatments with batch numbers, photos, staged
 * uploads, and the search index.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'client-records',
  up(db) {
    db.exec(`
      -- ---- clients: the rest of the identity and contact fields ------------------
      ALTER TABLE clients ADD COLUMN gender TEXT NOT NULL DEFAULT '';
      ALTER TABLE clients ADD COLUMN address_lines TEXT NOT NULL DEFAULT '[]';     -- JSON array
      ALTER TABLE clients ADD COLUMN other_phones TEXT NOT NULL DEFAULT '[]';      -- JSON [{label, number}]
      ALTER TABLE clients ADD COLUMN nhs_number TEXT NOT NULL DEFAULT '';
      ALTER TABLE clients ADD COLUMN occupation TEXT NOT NULL DEFAULT '';
      ALTER TABLE clients ADD COLUMN treatment_interests TEXT NOT NULL DEFAULT '[]'; -- JSON array
      ALTER TABLE clients ADD COLUMN gp TEXT;                                      -- JSON or NULL
      ALTER TABLE clients ADD COLUMN notes TEXT NOT NULL DEFAULT '';
      -- Latest treatment date, kept by the treatments service so lists need no join.
      ALTER TABLE clients ADD COLUMN last_visit_on TEXT;
      CREATE INDEX clients_by_last_interaction ON clients (last_interaction_at);

      -- ---- medical and lifestyle history: one JSON document per section ----------
      CREATE TABLE client_sections (
        client_id   TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        section     TEXT NOT NULL CHECK (section IN ('medical', 'lifestyle')),
        data        TEXT NOT NULL,
        reviewed_on TEXT,
        updated_at  TEXT NOT NULL,
        updated_by  TEXT NOT NULL,
        PRIMARY KEY (client_id, section)
      ) STRICT;

      -- ---- rectification history (Art 16): nothing is overwritten without a trace --
      CREATE TABLE field_changes (
        id         TEXT PRIMARY KEY,
        client_id  TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        section    TEXT NOT NULL CHECK (section IN ('identity', 'medical', 'lifestyle')),
        field      TEXT NOT NULL,
        old_value  TEXT,
        new_value  TEXT,
        changed_at TEXT NOT NULL,
        changed_by TEXT NOT NULL,
        reason     TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX field_changes_by_client ON field_changes (client_id, changed_at);

      -- An opinion the client disputes is not inaccurate, but the dispute is noted.
      CREATE TABLE field_disputes (
        id          TEXT PRIMARY KEY,
        client_id   TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        section     TEXT NOT NULL CHECK (section IN ('identity', 'medical', 'lifestyle')),
        field       TEXT NOT NULL,
        note        TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        recorded_by TEXT NOT NULL,
        resolved_at TEXT,
        resolved_by TEXT
      ) STRICT;
      CREATE INDEX field_disputes_by_client ON field_disputes (client_id);

      -- ---- treatment catalogue ----------------------------------------------------
      CREATE TABLE treatment_types (
        id              TEXT PRIMARY KEY,
        name            TEXT NOT NULL,
        injectable      INTEGER NOT NULL CHECK (injectable IN (0, 1)),
        toxin_or_filler INTEGER NOT NULL CHECK (toxin_or_filler IN (0, 1)),
        active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        sort_order      INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      INSERT INTO treatment_types (id, name, injectable, toxin_or_filler, sort_order) VALUES
        ('tt_toxin',          'Botulinum toxin',   1, 1, 10),
        ('tt_filler',         'Dermal filler',     1, 1, 20),
        ('tt_skin_booster',   'Skin booster',      1, 0, 30),
        ('tt_chemical_peel',  'Chemical peel',     0, 0, 40),
        ('tt_microneedling',  'Microneedling',     0, 0, 50),
        ('tt_laser',          'Laser',             0, 0, 60),
        ('tt_other',          'Other',             0, 0, 70);

      -- ---- treatments -------------------------------------------------------------
      CREATE TABLE treatments (
        id                   TEXT PRIMARY KEY,
        client_id            TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        treated_on           TEXT NOT NULL,
        practitioner_id      TEXT NOT NULL REFERENCES staff (id),
        type_id              TEXT NOT NULL REFERENCES treatment_types (id),
        areas                TEXT NOT NULL DEFAULT '[]',   -- JSON array
        product              TEXT NOT NULL DEFAULT '',
        batch_number         TEXT NOT NULL DEFAULT '',
        -- Upper-case, no spaces or dashes: "ab 12-3" and "AB123" are one batch for a recall.
        batch_key            TEXT NOT NULL DEFAULT '',
        batch_expiry         TEXT,
        amount               REAL,
        amount_unit          TEXT,
        consent_form_file_id TEXT REFERENCES files (id),
        notes                TEXT NOT NULL DEFAULT '',
        aftercare            TEXT NOT NULL DEFAULT '',
        follow_up_on         TEXT,
        adverse_event        TEXT NOT NULL DEFAULT '',
        mhra_reported        INTEGER NOT NULL DEFAULT 0 CHECK (mhra_reported IN (0, 1)),
        mhra_reference       TEXT NOT NULL DEFAULT '',
        doctor_exception     TEXT,                          -- JSON {doctorName, gmcNumber} or NULL
        created_at           TEXT NOT NULL,
        created_by           TEXT NOT NULL
      ) STRICT;
      CREATE INDEX treatments_by_client ON treatments (client_id, treated_on);
      CREATE INDEX treatments_by_batch ON treatments (batch_key) WHERE batch_key <> '';

      -- ---- photos -----------------------------------------------------------------
      CREATE TABLE photos (
        id                TEXT PRIMARY KEY,
        client_id         TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        treatment_id      TEXT REFERENCES treatments (id) ON DELETE SET NULL,
        file_id           TEXT NOT NULL REFERENCES files (id),
        thumb_file_id     TEXT NOT NULL REFERENCES files (id),
        area              TEXT NOT NULL,
        stage             TEXT NOT NULL CHECK (stage IN ('before', 'after', 'during', 'other')),
        taken_on          TEXT NOT NULL,
        width             INTEGER NOT NULL,
        height            INTEGER NOT NULL,
        media_type        TEXT NOT NULL,
        consent_scopes    TEXT NOT NULL DEFAULT '["clinical-record"]', -- JSON array
        consent_reference TEXT NOT NULL DEFAULT '',
        created_at        TEXT NOT NULL,
        created_by        TEXT NOT NULL
      ) STRICT;
      CREATE INDEX photos_by_client ON photos (client_id, taken_on);

      -- Bytes handed over by the UI or CLI, already encrypted, waiting for the call
      -- that uses them (photos.import, a consent form). Destroyed if unused.
      CREATE TABLE staged_uploads (
        id         TEXT PRIMARY KEY,
        file_id    TEXT NOT NULL REFERENCES files (id),
        file_name  TEXT NOT NULL,
        size       INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL
      ) STRICT;

      -- ---- search -----------------------------------------------------------------
      -- Contentless full-text index keyed by clients.rowid: normalised, accent-folded
      -- tokens only (the values themselves stay in clients). Kept in step by the
      -- clients service on every create and update.
      CREATE VIRTUAL TABLE client_search USING fts5(
        names, phones, email, postcode, dob,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3',
        content = '',
        contentless_delete = 1
      );
    `);
  },
};
