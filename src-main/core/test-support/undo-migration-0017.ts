/**
 * Test support (not shipped code): takes away what migration 0017 added (the
 * record of processing's versions), for tests that rewind a new vault to an
 * earlier build's schema. Call it after undoMigration0018 and before 0016.
 */
import type { Db } from '../db/types';

export function undoMigration0017(db: Db): void {
  db.exec('DROP TABLE processing_record_versions;');
}
