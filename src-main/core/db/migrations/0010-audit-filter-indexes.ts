import type { Migration } from '../migration-types';

/**
 * The audit viewer's action and date filters read an index instead of the
 * whole log (docs/audit-filters.md): at 2,000,000 entries a full scan took over
 * a second, a page this way a few milliseconds. Every append is its own
 * commit and each index is one more encrypted page per commit, so the date
 * filter has no index of its own: entries are appended in time order, and a
 * day's entries are found by a binary search over seq. The few entries dated
 * earlier than an entry before them (a failed sign-in seen at unlock, a clock
 * put back) are listed in audit_out_of_order, which only those appends write.
 * Its rows are filled here for the log so far. Chosen by bench/audit-scale.ts,
 * which measures the filters and the append rate together on the same log.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'audit-filter-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX IF NOT EXISTS audit_by_action ON audit_log (action, seq);
      CREATE TABLE IF NOT EXISTS audit_out_of_order (
        seq INTEGER PRIMARY KEY,   -- an audit_log entry dated earlier than some entry before it
        at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX IF NOT EXISTS audit_out_of_order_by_at ON audit_out_of_order (at);
      INSERT OR IGNORE INTO audit_out_of_order (seq, at)
        SELECT seq, at FROM (
          SELECT seq, at, MAX(at) OVER (ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS latest_before
          FROM audit_log
        ) WHERE at < latest_before;
    `);
  },
};
