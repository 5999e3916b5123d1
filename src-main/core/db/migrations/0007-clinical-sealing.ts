import type { Migration } from '../migration-types';

/**
 * Clinical sealing (issue #8; docs/clinical-sealing.md). A treatment's clinical
 * details (areas, amount, notes, aftercare, follow-up, adverse event, MHRA
 * report, doctor's approval) are sealed together under the clinical key into
 * one new BLOB column (the sealed bytes as they are, no base64): the old columns are typed (REAL, INTEGER with a CHECK)
 * in a STRICT table, so they cannot hold a sealed value, and they are left at
 * their defaults from now on. Every other sealed value fits the column it
 * already has (TEXT as base64, or the files table's BLOB key), so nothing else changes
 * shape. Rows written by earlier builds are sealed when a session holding the
 * clinical key first opens the vault (sealing/legacy-sealing.ts), not here: a
 * migration runs with the database key only.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'clinical-sealing',
  up(db) {
    db.exec(`ALTER TABLE treatments ADD COLUMN details_sealed BLOB;`);
  },
};
