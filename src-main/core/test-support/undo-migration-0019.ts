/**
 * Test support (not shipped code): takes away what migration 0019 added
 * (erasure, restriction, rectification, the blob queue, the file indexes) and
 * puts back the two delete triggers as migrations 0004 and 0013 left them, for
 * tests that rewind a new vault to an earlier build's schema. Call it first:
 * it is the newest. Dropping a table drops its indexes with it.
 */
import type { Db } from '../db/types';

export function undoMigration0019(db: Db): void {
  db.exec(`
    DROP TABLE client_erasures;
    DROP TABLE client_restrictions;
    DROP TABLE restriction_overrides;
    DROP TABLE rectification_decisions;
    DROP TABLE client_statements;
    DROP TABLE destruction_in_progress;
    DROP TABLE pending_blob_deletions;
    DROP INDEX photos_by_file;
    DROP INDEX photos_by_thumb;
    DROP INDEX treatments_by_consent_form;
    DROP INDEX consent_events_by_evidence;
    DROP INDEX tps_no_objections_by_evidence;
    DROP INDEX staged_uploads_by_file;
    DROP TRIGGER consent_events_no_delete;
    CREATE TRIGGER consent_events_no_delete BEFORE DELETE ON consent_events
      WHEN EXISTS (SELECT 1 FROM clients WHERE id = OLD.client_id)
      BEGIN SELECT RAISE(ABORT, 'the consent ledger is append-only'); END;
    DROP TRIGGER tps_no_objections_no_delete;
    CREATE TRIGGER tps_no_objections_no_delete BEFORE DELETE ON tps_no_objections
      WHEN EXISTS (SELECT 1 FROM clients WHERE id = OLD.client_id)
      BEGIN SELECT RAISE(ABORT, 'statements about calls are kept as recorded'); END;
  `);
}
