import type { Migration } from '../migration-types';

/**
 * Erasure, restriction and rectification (issue #12 items 8-10,
 * docs/erasure-and-restriction.md).
 *
 * - client_erasures: a client whose contact and other non-clinical data was
 *   erased (UK GDPR Art 17) while the clinical record is kept under Art 17(3).
 *   The clients row stays as the clinical record's anchor with its names
 *   blanked; the names needed to identify the clinical record are kept here
 *   sealed under the clinical key (identity_sealed), so they are in no
 *   readable column, no search index and no page of the decrypted database.
 *   No foreign key to clients: a later full destruction (retention, #13)
 *   deletes the clients row and this row together.
 * - client_restrictions (Art 18): one row per restriction; at most one open
 *   (lifted_at NULL) per client. Lifting records the date the client was told
 *   (Art 18(3)) and how. `detail` is free text and is cleared by erasure.
 * - restriction_overrides: each time the owner released a restricted
 *   client's data anyway (legal claims, another person's protection), with the
 *   reason. The audit entry names the override's id only.
 * - rectification_decisions: the clinic declined to change a field (Art 16),
 *   with its reasons; client_statements: the client's statement of
 *   disagreement, shown with the data and included in access packs. Text about
 *   a clinical section is sealed (docs/clinical-sealing.md), as disputes are.
 * Every statement is safe to run again (IF NOT EXISTS, DROP then CREATE), as on a
 * vault an older build put back (CONTRIBUTING.md, "Migrations").
 * - pending_blob_deletions: blobs whose files rows (and so keys) were deleted
 *   in a committed transaction but whose file on disk is not yet removed. The
 *   destruction queues them in the same transaction as the rows, removes them
 *   after the commit, and the vault's opening removes any a crash left, so a
 *   blob never outlives its key for long (it is unreadable without it anyway).
 * - destruction_in_progress: the consent ledger and the TPS statements are
 *   append-only while their client exists (migrations 0004, 0013). Erasure
 *   must remove a living client's marketing entries, so those two triggers
 *   now also let a deletion through while the client is marked here; the
 *   destruction marks and unmarks the client inside its own transaction, so
 *   the mark is never seen outside it.
 */
export const migration0019: Migration = {
  version: 19,
  name: 'erasure-and-restriction',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS client_erasures (
        client_id       TEXT PRIMARY KEY,
        erased_at       TEXT NOT NULL,
        erased_by       TEXT NOT NULL REFERENCES staff (id),
        request_id      TEXT,
        categories      TEXT NOT NULL,      -- JSON array of DestructionCategory
        kept_until      TEXT,               -- YYYY-MM-DD the clinical record is kept until
        identity_sealed TEXT                -- sealed JSON {firstName, lastName, preferredName, nhsNumber}
      ) STRICT;

      CREATE TABLE IF NOT EXISTS client_restrictions (
        id              TEXT PRIMARY KEY,
        client_id       TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        reason          TEXT NOT NULL CHECK (reason IN ('accuracy-contested', 'unlawful-processing', 'legal-claims', 'objection-pending', 'other')),
        detail          TEXT NOT NULL DEFAULT '',
        request_id      TEXT,
        restricted_at   TEXT NOT NULL,
        restricted_by   TEXT NOT NULL REFERENCES staff (id),
        lifted_at       TEXT,
        lifted_by       TEXT REFERENCES staff (id),
        client_told_on  TEXT,
        client_told_how TEXT CHECK (client_told_how IS NULL OR client_told_how IN ('letter', 'email', 'phone', 'in_person')),
        CHECK ((lifted_at IS NULL) = (client_told_on IS NULL))
      ) STRICT;
      CREATE UNIQUE INDEX IF NOT EXISTS client_restrictions_open ON client_restrictions (client_id) WHERE lifted_at IS NULL;

      CREATE TABLE IF NOT EXISTS restriction_overrides (
        id         TEXT PRIMARY KEY,
        client_id  TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        purpose    TEXT NOT NULL,
        reason     TEXT NOT NULL,
        at         TEXT NOT NULL,
        by_staff   TEXT NOT NULL REFERENCES staff (id)
      ) STRICT;

      CREATE TABLE IF NOT EXISTS rectification_decisions (
        id          TEXT PRIMARY KEY,
        client_id   TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        request_id  TEXT,
        section     TEXT NOT NULL CHECK (section IN ('identity', 'medical', 'lifestyle')),
        field       TEXT NOT NULL,
        reasons     TEXT NOT NULL,
        decided_at  TEXT NOT NULL,
        decided_by  TEXT NOT NULL REFERENCES staff (id)
      ) STRICT;
      CREATE INDEX IF NOT EXISTS rectification_decisions_by_client ON rectification_decisions (client_id);

      CREATE TABLE IF NOT EXISTS client_statements (
        id           TEXT PRIMARY KEY,
        client_id    TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        request_id   TEXT,
        section      TEXT NOT NULL CHECK (section IN ('identity', 'medical', 'lifestyle')),
        field        TEXT NOT NULL,
        statement    TEXT NOT NULL,
        recorded_at  TEXT NOT NULL,
        recorded_by  TEXT NOT NULL REFERENCES staff (id)
      ) STRICT;
      CREATE INDEX IF NOT EXISTS client_statements_by_client ON client_statements (client_id);

      CREATE TABLE IF NOT EXISTS destruction_in_progress (client_id TEXT PRIMARY KEY) STRICT;
      DROP TRIGGER IF EXISTS consent_events_no_delete;
      CREATE TRIGGER consent_events_no_delete BEFORE DELETE ON consent_events
        WHEN EXISTS (SELECT 1 FROM clients WHERE id = OLD.client_id)
         AND NOT EXISTS (SELECT 1 FROM destruction_in_progress WHERE client_id = OLD.client_id)
        BEGIN SELECT RAISE(ABORT, 'the consent ledger is append-only'); END;
      DROP TRIGGER IF EXISTS tps_no_objections_no_delete;
      CREATE TRIGGER tps_no_objections_no_delete BEFORE DELETE ON tps_no_objections
        WHEN EXISTS (SELECT 1 FROM clients WHERE id = OLD.client_id)
         AND NOT EXISTS (SELECT 1 FROM destruction_in_progress WHERE client_id = OLD.client_id)
        BEGIN SELECT RAISE(ABORT, 'statements about calls are kept as recorded'); END;

      -- Deleting a files row makes SQLite look for rows that still point at it (foreign keys):
      -- without these it reads every treatment, photo and consent entry once per file, 4 s for
      -- a client's 100 photos in a 2,000-client clinic. Partial: most rows point at no file.
      CREATE INDEX IF NOT EXISTS photos_by_file ON photos (file_id);
      CREATE INDEX IF NOT EXISTS photos_by_thumb ON photos (thumb_file_id);
      CREATE INDEX IF NOT EXISTS treatments_by_consent_form ON treatments (consent_form_file_id) WHERE consent_form_file_id IS NOT NULL;
      CREATE INDEX IF NOT EXISTS consent_events_by_evidence ON consent_events (evidence_file_id) WHERE evidence_file_id IS NOT NULL;
      CREATE INDEX IF NOT EXISTS tps_no_objections_by_evidence ON tps_no_objections (evidence_file_id) WHERE evidence_file_id IS NOT NULL;
      CREATE INDEX IF NOT EXISTS staged_uploads_by_file ON staged_uploads (file_id);

      CREATE TABLE IF NOT EXISTS pending_blob_deletions (
        blob_name TEXT PRIMARY KEY,         -- random hex, as files.blob_name: no personal data
        queued_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
