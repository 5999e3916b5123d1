/**
 * Test support (not shipped code): takes away what migration 0016 added (the
 * register of data subject requests), for tests that rewind a new vault to an
 * earlier build's schema. SQLite keeps the sqlite_sequence table its
 * AUTOINCREMENT made (it cannot be dropped); it is emptied, and such tests
 * leave it out of their schema comparison.
 */
import type { Db } from '../db/types';

export function undoMigration0016(db: Db): void {
  db.exec(`
    DROP TABLE subject_request_history;
    DROP TABLE subject_request_clarifications;
    DROP TABLE subject_requests;
    DELETE FROM sqlite_sequence;
  `);
}
