/**
 * Test support (not shipped code): drops the indexes of migration 0025, for
 * tests that rewind a new vault to an earlier build's schema. Call it first:
 * it is the newest.
 */
import type { Db } from '../db/types';

export function undoMigration0025(db: Db): void {
  db.exec(`
    DROP INDEX clients_by_mobile;
    DROP INDEX clients_with_other_phones;
    DROP INDEX client_distinct_pairs_by_second;
    DROP INDEX client_restrictions_by_client;
    DROP INDEX restriction_overrides_by_client;
  `);
}
