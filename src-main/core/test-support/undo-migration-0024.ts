/**
 * Test support (not shipped code): drops the destruction ledger of migration
 * 0024, for tests that rewind a new vault to an earlier build's schema. Call
 * it first: it is the newest.
 */
import type { Db } from '../db/types';

export function undoMigration0024(db: Db): void {
  db.exec('DROP TABLE destruction_ledger;');
}
