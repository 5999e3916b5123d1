/**
 * Test support (not shipped code): drops what migration 0022 added (retention
 * batches and their items, anonymised treatment statistics, certificates), for
 * tests that rewind a new vault to an earlier build's schema. Call it first: it is the newest.
 */
import type { Db } from '../db/types';

export function undoMigration0022(db: Db): void {
  db.exec(`
    DROP TABLE IF EXISTS retention_certificates;
    DROP TABLE IF EXISTS anonymised_treatments;
    DROP TABLE IF EXISTS retention_batch_items;
    DROP TABLE IF EXISTS retention_batches;
  `);
}
