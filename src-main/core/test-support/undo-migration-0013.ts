/**
 * Test support (not shipped code): takes away what migration 0013 (phones and
 * TPS) adds, for tests that rewind a new vault to an earlier build's schema.
 * Phone numbers stay as they are (E.164 is also a valid way to have typed one).
 */
import type { Db } from '../db/types';

export function undoMigration0013(db: Db): void {
  db.exec(`
    DROP TABLE IF EXISTS tps_no_objection_current;
    DROP TABLE IF EXISTS tps_no_objections;
    DROP TABLE IF EXISTS tps_latest;
    DROP TABLE IF EXISTS tps_screenings;
    ALTER TABLE clients DROP COLUMN messenger_handle;
  `);
}
