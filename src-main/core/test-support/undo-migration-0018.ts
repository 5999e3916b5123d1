/**
 * Test support (not shipped code): takes away what migration 0018 added (the
 * access pack's redactions), for tests that rewind a new vault to an earlier
 * build's schema. Call it before undoMigration0017.
 */
import type { Db } from '../db/types';

export function undoMigration0018(db: Db): void {
  db.exec('DROP TABLE access_pack_redactions;');
}
