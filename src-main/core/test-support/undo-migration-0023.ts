/**
 * Test support (not shipped code): takes away what migration 0023 added (the
 * photos' print copies), for tests that rewind a new vault to an earlier
 * build's schema. Call it first, before undoMigration0021. The copies' files stay as
 * orphan rows of `files`, which an earlier build never reads.
 */
import type { Db } from '../db/types';

export function undoMigration0023(db: Db): void {
  db.exec('DROP TABLE photo_print_copies;');
}
