/**
 * The legal-hold marker on a client wherever the client appears: the record
 * (its banner) and search results (docs/retention.md, "Legal holds"). The
 * holds domain builds on clients, so this reads its table (legal_holds,
 * migration 0021) directly rather than importing it.
 *
 * Everyone who sees the client sees that it is held and of what kind, so no
 * one deletes or changes it lightly; the reason (which may describe a
 * safeguarding concern or a claim) is the owner's only.
 */
import type { LegalHoldSummary } from '../../contract/retention-types';
import type { ServiceContext } from '../service/service-context';

interface HoldRow {
  client_id: string;
  kind: LegalHoldSummary['kind'];
  reason: string;
  review_on: string | null;
  placed_on: string;
}

function toSummary(ctx: ServiceContext, r: HoldRow): LegalHoldSummary {
  return { kind: r.kind, reason: ctx.actor.role === 'owner' ? r.reason : '', reviewOn: r.review_on, placedOn: r.placed_on };
}

export function legalHoldSummaryOf(ctx: ServiceContext, clientId: string): LegalHoldSummary | null {
  const row = ctx.db
    .prepare('SELECT client_id, kind, reason, review_on, placed_on FROM legal_holds WHERE client_id = ? AND released_on IS NULL')
    .get(clientId) as HoldRow | undefined;
  return row ? toSummary(ctx, row) : null;
}

/** The open holds of these clients (one query for a page of search results). */
export function legalHoldsOf(ctx: ServiceContext, clientIds: readonly string[]): Map<string, LegalHoldSummary> {
  const held = new Map<string, LegalHoldSummary>();
  if (!clientIds.length) return held;
  const rows = ctx.db
    .prepare(
      `SELECT client_id, kind, reason, review_on, placed_on FROM legal_holds
        WHERE released_on IS NULL AND client_id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(clientIds)) as HoldRow[];
  for (const r of rows) held.set(r.client_id, toSummary(ctx, r));
  return held;
}
