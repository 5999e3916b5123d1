import type { Migration } from '../migration-types';

/**
 * Retention: legal holds, the retention policy's versions and "keep longer"
 * reviews (issue #13, docs/retention.md).
 *
 * - legal_holds: a complaint, claim, investigation or safeguarding concern
 *   that stops any destruction or anonymisation of the client until released
 *   (UK GDPR Art 17(3)(e), docs/compliance.md). At most one open hold per
 *   client (released_on NULL). Rows go with the client (ON DELETE CASCADE)
 *   only when the client is destroyed, which cannot happen while one is open;
 *   the audit log keeps the ids of every hold placed and released.
 * - retention_policy_versions: every saved policy is a new row; the newest is
 *   in force. Version 1 is the shipped default (saved_by NULL), so a
 *   destruction certificate can always name the version it applied.
 * - retention_reviews: the owner decided to keep a client's category longer
 *   (until kept_until) with a reason; the queue hides the row until then.
 * Every statement is safe to run again (IF NOT EXISTS, INSERT OR IGNORE), as on
 * a vault an older build put back (CONTRIBUTING.md, "Migrations").
 */
export const migration0021: Migration = {
  version: 21,
  name: 'retention',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS legal_holds (
        id             TEXT PRIMARY KEY,
        client_id      TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        kind           TEXT NOT NULL CHECK (kind IN ('complaint', 'claim', 'investigation', 'safeguarding', 'other')),
        reason         TEXT NOT NULL,
        review_on      TEXT,               -- YYYY-MM-DD
        placed_on      TEXT NOT NULL,      -- YYYY-MM-DD (London)
        placed_at      TEXT NOT NULL,      -- ISO instant
        placed_by      TEXT NOT NULL REFERENCES staff (id),
        released_on    TEXT,
        released_by    TEXT REFERENCES staff (id),
        release_reason TEXT,
        CHECK ((released_on IS NULL) = (released_by IS NULL) AND (released_on IS NULL) = (release_reason IS NULL))
      ) STRICT;
      CREATE UNIQUE INDEX IF NOT EXISTS legal_holds_open ON legal_holds (client_id) WHERE released_on IS NULL;
      CREATE INDEX IF NOT EXISTS legal_holds_by_client ON legal_holds (client_id);

      CREATE TABLE IF NOT EXISTS retention_policy_versions (
        version                                INTEGER PRIMARY KEY,
        clinical_months_after_last_treatment   INTEGER NOT NULL CHECK (clinical_months_after_last_treatment > 0),
        personal_months_after_last_interaction INTEGER NOT NULL CHECK (personal_months_after_last_interaction > 0),
        child_until_birthday                   INTEGER NOT NULL CHECK (child_until_birthday BETWEEN 18 AND 40),
        child_aged17_until_birthday            INTEGER NOT NULL CHECK (child_aged17_until_birthday BETWEEN 18 AND 40),
        request_months_after_closing           INTEGER NOT NULL CHECK (request_months_after_closing > 0),
        saved_at                               TEXT NOT NULL,
        saved_by                               TEXT REFERENCES staff (id)
      ) STRICT;
      INSERT OR IGNORE INTO retention_policy_versions
        (version, clinical_months_after_last_treatment, personal_months_after_last_interaction, child_until_birthday,
         child_aged17_until_birthday, request_months_after_closing, saved_at, saved_by)
        VALUES (1, 120, 36, 25, 26, 36, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NULL);

      CREATE TABLE IF NOT EXISTS retention_reviews (
        id          TEXT PRIMARY KEY,
        client_id   TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        category    TEXT NOT NULL CHECK (category IN ('clinical', 'personal', 'requests')),
        months      INTEGER NOT NULL CHECK (months > 0),
        kept_until  TEXT NOT NULL,         -- YYYY-MM-DD: the row is out of the queue until then
        reason      TEXT NOT NULL,
        reviewed_at TEXT NOT NULL,
        reviewed_by TEXT NOT NULL REFERENCES staff (id)
      ) STRICT;
      CREATE INDEX IF NOT EXISTS retention_reviews_by_client ON retention_reviews (client_id, category, kept_until);
    `);
  },
};
