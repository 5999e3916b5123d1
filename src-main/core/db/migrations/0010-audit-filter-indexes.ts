import type { Migration } from '../migration-types';

/**
 * The audit viewer's action and date filters read an index instead of the
 * whole log (docs/audit-filters.md): at 2,000,000 entries a full scan took over
 * a second, a page through these indexes a few milliseconds. Each index is one
 * more B-tree page that every append's commit encrypts, so only these two were
 * kept, chosen by bench/audit-scale.ts, which measures the filters and the
 * append rate together on the same log. Staff and subject keep their indexes
 * from migration 0001; an action group is served by the action index
 * (src-main/core/audit/audit-query.ts).
 */
export const migration0010: Migration = {
  version: 8,
  name: 'audit-filter-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX IF NOT EXISTS audit_by_action ON audit_log (action, seq);
      CREATE INDEX IF NOT EXISTS audit_by_at ON audit_log (at);
    `);
  },
};
