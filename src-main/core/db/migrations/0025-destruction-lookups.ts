import type { Migration } from '../migration-types';

/**
 * Indexes for the destruction mechanism (core/destruction/destroy-client.ts),
 * so that destroying one client costs the same in a clinic of 500 or 50,000
 * (issue #13's speed targets, bench/retention-actions.ts). Each replaces a
 * scan of a whole table with a look-up; no data changes.
 *
 * - clients_by_mobile, clients_with_other_phones: "does any other client hold
 *   this number?" (destruction/client-scope.ts), asked for each of a
 *   destroyed client's screened numbers before its TPS history goes. The
 *   second is partial: only the clients with other phones are searched.
 * - client_distinct_pairs_by_second: a client's "not the same person"
 *   decisions are found by either id; first_id is the primary key's lead.
 * - client_restrictions_by_client, restriction_overrides_by_client: these
 *   reference clients ON DELETE CASCADE, so deleting a clients row looked
 *   through each table for its rows.
 */
export const migration0025: Migration = {
  version: 25,
  name: 'destruction-lookups',
  up(db) {
    db.exec(`
      CREATE INDEX IF NOT EXISTS clients_by_mobile ON clients (mobile);
      CREATE INDEX IF NOT EXISTS clients_with_other_phones ON clients (id) WHERE other_phones <> '[]';
      CREATE INDEX IF NOT EXISTS client_distinct_pairs_by_second ON client_distinct_pairs (second_id);
      CREATE INDEX IF NOT EXISTS client_restrictions_by_client ON client_restrictions (client_id);
      CREATE INDEX IF NOT EXISTS restriction_overrides_by_client ON restriction_overrides (client_id);
    `);
  },
};
