/**
 * The retention queue for the whole vault (docs/retention.md, "The queue"):
 * the facts by SQL aggregates (queue-facts.ts), the rows by the pure rules
 * (queue-rows.ts), from "today" (or the CLI's --as-of), refused when the
 * computer's date is earlier than the newest record (clock-check.ts).
 */
import { londonToday } from '../../contract/field-schemas';
import { RETENTION_RULES, type QueueRowView, type RetentionQueueView } from '../../contract/retention-types';
import type { Db } from '../db/types';
import type { ServiceContext } from '../service/service-context';
import { requirePlausibleToday } from './clock-check';
import { currentPolicy } from './policy-store';
import { clientRetentionFacts } from './queue-facts';
import { queueRows } from './queue-rows';
import type { QueueRow, RetentionCategory, RetentionRule, WithinDays } from './retention-types';

export interface QueueOptions {
  /** YYYY-MM-DD; the computer's London day when not given. */
  asOf?: string;
  withinDays: WithinDays;
  category?: RetentionCategory;
}

/** The computer's day, refused when it is earlier than the newest record. */
export function plausibleToday(ctx: ServiceContext): string {
  const today = londonToday(ctx.clock.now());
  requirePlausibleToday(ctx.db, today);
  return today;
}

/** The queue for the whole vault (≤ 500 ms at 50,000 clients, bench/retention-queue.ts). */
export function retentionQueue(ctx: ServiceContext, opts: QueueOptions): QueueRow[] {
  const today = plausibleToday(ctx);
  return queueRows(clientRetentionFacts(ctx.db), currentPolicy(ctx.db), opts.asOf ?? today, opts.withinDays, opts.category);
}

export function countsByRule(rows: readonly QueueRow[]): Record<RetentionRule, number> {
  const counts = Object.fromEntries(RETENTION_RULES.map((r) => [r, 0])) as Record<RetentionRule, number>;
  for (const r of rows) counts[r.rule] += 1;
  return counts;
}

/**
 * The name a screen shows for a client. An erased client's names are sealed
 * (client_erasures): the screen shows that, with the reference id.
 */
export function displayNamesOf(db: Db, clientIds: readonly string[]): Map<string, string> {
  const names = new Map<string, string>();
  const stmt = db.prepare(
    `SELECT id, first_name, last_name, preferred_name FROM clients WHERE id IN (SELECT value FROM json_each(?))`,
  );
  for (let i = 0; i < clientIds.length; i += 5000) {
    const chunk = JSON.stringify(clientIds.slice(i, i + 5000));
    for (const r of stmt.all(chunk) as { id: string; first_name: string; last_name: string; preferred_name: string | null }[]) {
      const name = `${r.first_name} ${r.last_name}`.trim();
      names.set(r.id, name || 'Client (contact details erased)');
    }
  }
  return names;
}

function requestReferences(db: Db, rows: readonly QueueRow[]): Map<string, string> {
  const ids = rows.filter((r) => r.requestId).map((r) => r.requestId!);
  if (!ids.length) return new Map();
  const found = db.prepare('SELECT id, reference FROM subject_requests WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as {
    id: string;
    reference: string;
  }[];
  return new Map(found.map((r) => [r.id, r.reference]));
}

/** The queue as the Retention page and the home page read it; summary leaves the rows out (the count only). */
export function retentionQueueView(ctx: ServiceContext, opts: QueueOptions & { summary?: boolean }): RetentionQueueView {
  const today = plausibleToday(ctx);
  const asOf = opts.asOf ?? today;
  const policy = currentPolicy(ctx.db);
  const rows = queueRows(clientRetentionFacts(ctx.db), policy, asOf, opts.withinDays, opts.category);
  const clients = new Set(rows.map((r) => r.clientId)).size;
  const base = { asOf, withinDays: opts.withinDays, policyVersion: policy.version, counts: countsByRule(rows), clients };
  if (opts.summary) return { ...base, rows: [] };
  const names = displayNamesOf(ctx.db, [...new Set(rows.map((r) => r.clientId))]);
  const refs = requestReferences(ctx.db, rows);
  const view: QueueRowView[] = rows
    .map((r) => ({
      ...r,
      displayName: names.get(r.clientId) ?? r.clientId,
      ...(r.requestId && refs.has(r.requestId) ? { requestReference: refs.get(r.requestId)! } : {}),
    }))
    .sort((a, b) => (a.retainUntil < b.retainUntil ? -1 : a.retainUntil > b.retainUntil ? 1 : a.clientId < b.clientId ? -1 : 1));
  ctx.audit.append({ staffId: ctx.actor.id, action: 'retention.queue_viewed', detail: { rows: view.length, clients, withinDays: opts.withinDays } });
  return { ...base, rows: view };
}
