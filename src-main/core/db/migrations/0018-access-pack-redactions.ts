import type { Migration } from '../migration-types';

/**
 * Redactions on a subject-access request (issue #12 item 6; docs/access-pack.md):
 * which items of the client's pack the owner withholds, and why (UK GDPR
 * Art 15(4), DPA 2018 Sch 2-3). One row per request and item; the reason in
 * words ("other") is sealed under the clinical key, since it may describe the
 * record. Every change is also kept in the request's own history and the audit
 * log through recordOnRequest. No foreign key to the requests table: the pack
 * keeps its rows while the register's row exists, and a request is never
 * deleted (its history is the clinic's evidence).
 */
export const migration0018: Migration = {
  // Renumbered by the integrator to follow the register's, deadlines', pdf's and erasure's migrations.
  version: 18,
  name: '0018-access-pack-redactions',
  up(db) {
    db.exec(`
      CREATE TABLE access_pack_redactions (
        request_id  TEXT NOT NULL,
        item_id     TEXT NOT NULL,
        reason      TEXT NOT NULL CHECK (reason IN ('third_party', 'serious_harm', 'legal_privilege', 'other')),
        reason_text TEXT,
        recorded_at TEXT NOT NULL,
        recorded_by TEXT NOT NULL,
        PRIMARY KEY (request_id, item_id),
        CHECK (reason <> 'other' OR coalesce(reason_text, '') <> '')
      ) WITHOUT ROWID;
    `);
  },
};
