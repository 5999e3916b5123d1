/**
 * Test support (not shipped code): drops what migration 0021 added (legal
 * holds, retention policy versions, retention reviews), for tests that rewind
 * a new vault to an earlier build's schema. Call it first: it is the newest.
 */
import type { Db } from '../db/types';

export function undoMigration0021(db: Db): void {
  db.exec(`
    DROP TABLE IF EXISTS retention_reviews;
    DROP TABLE IF EXISTS retention_policy_versions;
    DROP TABLE IF EXISTS legal_holds;
  `);
}
