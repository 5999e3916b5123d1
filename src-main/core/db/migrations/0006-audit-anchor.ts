import type { Migration } from '../migration-types';

/**
 * Signed audit checkpoints (docs/audit-anchoring.md). Each row says "entry #seq
 * had this hash", signed with the owner's audit signing key, so an entry at or
 * below a checkpoint cannot be changed or removed unnoticed even by someone who
 * holds the database key. Append-only like the log itself; the unlock check
 * (src-main/core/audit/audit-triggers.ts) looks for these triggers by their SQL.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'audit-anchor',
  up(db) {
    db.exec(`
      CREATE TABLE audit_checkpoints (
        id         INTEGER PRIMARY KEY,
        vault_id   TEXT NOT NULL,
        seq        INTEGER NOT NULL,
        hash       TEXT NOT NULL,
        at         TEXT NOT NULL,
        generation INTEGER NOT NULL,
        signature  TEXT NOT NULL   -- Ed25519, base64
      ) STRICT;
      CREATE INDEX audit_checkpoints_by_seq ON audit_checkpoints (seq);
      -- The narrowest possible index on the log (each entry is just its seq), so the
      -- unlock check can count every entry by reading a few MB instead of the whole
      -- table: about 30 ms instead of 700 ms at 500,000 entries (bench/anchor.ts).
      CREATE INDEX audit_log_seq_only ON audit_log (seq);
      CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
        BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
      CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
        BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
    `);
  },
};
