import type { Migration } from '../migration-types';

/**
 * Destroying and anonymising by retention batch (issue #13 items 4-6,
 * docs/retention-actions.md).
 *
 * - retention_batches: one run of "destroy" or "anonymise" over a selection,
 *   with the "today" and the retention policy version it applied. A batch that
 *   was stopped or whose process died stays 'running' or 'stopped' and is
 *   resumed from its items.
 * - retention_batch_items: one row per client of the batch. An item turns
 *   'done' inside the same transaction that destroys the client
 *   (destroyClientData's alsoInTransaction), so after a crash every client is
 *   either fully done or untouched, and the items say which. No foreign key to
 *   clients: the client goes, the item (ids only) stays as the certificate's
 *   record and tells a member of staff who still had the record open why it
 *   is gone.
 * - anonymised_treatments: what anonymisation keeps (treatment type, month,
 *   product, batch number, practitioner) under new random ids, WITHOUT ROWID
 *   so rows are stored in the order of their random ids, not in the order (and
 *   so at the time) they were written: nothing joins a row back to the client
 *   it came from, the batch, or the audit entry of the destruction.
 * - retention_certificates: the certificate's data (canonical JSON, ids and
 *   counts only) and its SHA-256; the PDF is made again from it on demand.
 */
export const migration0022: Migration = {
  version: 22,
  name: 'retention-batches',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS retention_batches (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('destroy', 'anonymise')),
        status TEXT NOT NULL CHECK (status IN ('running', 'stopped', 'done')),
        as_of TEXT NOT NULL,
        policy_version INTEGER NOT NULL,
        started_at TEXT NOT NULL,
        started_by TEXT NOT NULL,
        finished_at TEXT
      ) STRICT;
      CREATE TABLE IF NOT EXISTS retention_batch_items (
        batch_id TEXT NOT NULL REFERENCES retention_batches (id),
        seq INTEGER NOT NULL,
        client_id TEXT NOT NULL,
        categories TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'refused')),
        destroyed TEXT NOT NULL DEFAULT '[]',
        refusal TEXT,
        done_at TEXT,
        PRIMARY KEY (batch_id, seq)
      ) STRICT;
      CREATE INDEX IF NOT EXISTS retention_batch_items_by_client ON retention_batch_items (client_id, state);
      CREATE TABLE IF NOT EXISTS anonymised_treatments (
        id TEXT PRIMARY KEY,
        treatment_type_id TEXT NOT NULL,
        month TEXT NOT NULL,
        product TEXT NOT NULL,
        batch_number TEXT NOT NULL,
        practitioner_id TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS retention_certificates (
        id TEXT PRIMARY KEY,
        batch_id TEXT NOT NULL UNIQUE REFERENCES retention_batches (id),
        issued_at TEXT NOT NULL,
        data TEXT NOT NULL,
        sha256 TEXT NOT NULL
      ) STRICT;
    `);
  },
};
