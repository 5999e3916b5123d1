/**
 * Test support (not shipped code): takes away what migration 0016 added (the
 * register of data subject requests), for tests that rewind a new vault to an
 * earlier build's schema. Call it first: it is the newest. Dropping a table
 * drops its indexes and triggers with it.
 */
import type { Db } from '../db/types';

export function undoMigration0016(db: Db): void {
  db.exec(`
    DROP TABLE subject_request_history;
    DROP TABLE subject_request_clarifications;
    DROP TABLE subject_requests;
  `);
}
