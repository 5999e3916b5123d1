import type { Migration } from '../migration-types';

/**
 * The foundation schema: vault metadata, settings, staff, the hash-chained audit
 * log, the encrypted file store's index, and the core of the client record
 * (identity only; the records issue extends it in later migrations).
 */
export const migration0001: Migration = {
  version: 1,
  name: 'foundation',
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL  -- JSON
      ) STRICT;

      CREATE TABLE staff (
        id            TEXT PRIMARY KEY,
        username      TEXT NOT NULL COLLATE NOCASE,
        display_name  TEXT NOT NULL,
        role          TEXT NOT NULL CHECK (role IN ('owner', 'practitioner', 'reception')),
        created_at    TEXT NOT NULL,
        removed_at    TEXT
      ) STRICT;
      -- A username can be reused only after its previous holder was removed.
      CREATE UNIQUE INDEX staff_username_active ON staff (username) WHERE removed_at IS NULL;

      -- Append-only and hash-chained: each hash covers the previous hash and the entry.
      -- Ids and action names only: never a client's name or health data.
      CREATE TABLE audit_log (
        seq          INTEGER PRIMARY KEY,
        at           TEXT NOT NULL,
        staff_id     TEXT,
        action       TEXT NOT NULL,
        subject_type TEXT,
        subject_id   TEXT,
        detail       TEXT,   -- JSON of ids, counts and flags
        prev_hash    TEXT NOT NULL,
        hash         TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_by_subject ON audit_log (subject_id, seq);
      CREATE INDEX audit_by_staff ON audit_log (staff_id, seq);
      CREATE INDEX audit_by_action ON audit_log (action, seq);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;

      -- The encrypted file store's index: each file's own key lives here, inside
      -- the encrypted database, so deleting the row destroys the key.
      CREATE TABLE files (
        id          TEXT PRIMARY KEY,
        blob_name   TEXT NOT NULL UNIQUE,
        file_key    BLOB NOT NULL,
        nonce_prefix BLOB NOT NULL,
        size        INTEGER NOT NULL,
        media_type  TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        created_by  TEXT
      ) STRICT;

      CREATE TABLE clients (
        id                  TEXT PRIMARY KEY,
        first_name          TEXT NOT NULL,
        last_name           TEXT NOT NULL,
        preferred_name      TEXT,
        date_of_birth       TEXT,
        email               TEXT,
        mobile              TEXT,
        postcode            TEXT,
        created_at          TEXT NOT NULL,
        updated_at          TEXT NOT NULL,
        last_interaction_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX clients_by_last_name ON clients (last_name, first_name);
    `);
  },
};
