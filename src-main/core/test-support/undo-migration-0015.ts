/**
 * Test support (not shipped code): takes away what migration 0015 added (the
 * purposes' standard wording, the catalogue's toxin/filler answered flag and
 * consent_current's wording id), for tests that rewind a new vault to an
 * earlier build's schema. Call it before undoMigration0009, which rebuilds
 * the ledger tables as migration 8 left them.
 */
import type { Db } from '../db/types';

export function undoMigration0015(db: Db): void {
  db.exec(`
    ALTER TABLE consent_purposes DROP COLUMN standard_wording;
    ALTER TABLE treatment_types DROP COLUMN toxin_or_filler_answered;
    UPDATE treatment_types SET toxin_or_filler = 0 WHERE id = 'tt_skin_booster';
  `);
}
