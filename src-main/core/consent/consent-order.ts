/**
 * The facts about a client's earlier consents that decide whether a new one
 * can be recorded as given, and whether it is in force once recorded
 * (docs/consent-rules.md): what else happened on the day of a date-only event,
 * the refusal that ended the soft opt-in, and the later event that outranks a
 * backdated one. Reads only; the rules themselves are in consent-rules.ts.
 */
import type { ConsentOverride, ConsentState } from '../../contract/consent-types';
import type { Db } from '../db/types';
import { addDays, londonMidnightUtc } from '../time/london-time';
import type { SameDayEvent, SoftOptInEnd } from './consent-rules';

export interface Scope {
  clientId: string;
  purposeId: string;
  /** The treatment id for consent to treatment, '' for the others. */
  scopeKey: string;
}

/**
 * The latest event for this purpose on that London day, or, for marketing,
 * the client's objection if it was that day: a date-only event could fall on
 * either side of it.
 */
export function sameDayEvent(db: Db, s: Scope, day: string, objectedAt: string | null, marketing: boolean): SameDayEvent | null {
  const from = londonMidnightUtc(day).toISOString();
  const to = londonMidnightUtc(addDays(day, 1)).toISOString();
  const row = db
    .prepare(
      `SELECT state, occurred_at FROM consent_events
        WHERE client_id = ? AND occurred_at >= ? AND occurred_at < ? AND purpose_id = ? AND coalesce(treatment_id, '') = ?
        ORDER BY occurred_at DESC LIMIT 1`,
    )
    .get(s.clientId, from, to, s.purposeId, s.scopeKey) as { state: ConsentState; occurred_at: string } | undefined;
  if (row) return { what: 'event', state: row.state, occurredAt: row.occurred_at };
  if (marketing && objectedAt !== null && objectedAt >= from && objectedAt < to) {
    return { what: 'objection', state: 'objected', occurredAt: objectedAt };
  }
  return null;
}

/**
 * What ended the soft opt-in for this purpose by `at`: the latest withdrawal or
 * refusal of it at or before then, or the client's objection (which ends it
 * whenever it was: a grant from before an objection is refused anyway).
 */
export function softOptInEnd(db: Db, s: Scope, at: string, objectedAt: string | null): SoftOptInEnd | null {
  if (objectedAt !== null) return { kind: 'objected', at: objectedAt };
  const row = db
    .prepare(
      `SELECT state, occurred_at FROM consent_events
        WHERE client_id = ? AND occurred_at <= ? AND purpose_id = ? AND coalesce(treatment_id, '') = ?
          AND state IN ('withdrawn', 'refused')
        ORDER BY occurred_at DESC LIMIT 1`,
    )
    .get(s.clientId, at, s.purposeId, s.scopeKey) as { state: 'withdrawn' | 'refused'; occurred_at: string } | undefined;
  return row ? { kind: row.state, at: row.occurred_at } : null;
}

/** The event in force for the scope when it is not `eventId` (a later one outranks it), else null. */
export function overriddenBy(db: Db, s: Scope, eventId: string): ConsentOverride | null {
  const row = db
    .prepare(
      `SELECT e.id, e.state, e.occurred_at FROM consent_current cc JOIN consent_events e ON e.seq = cc.event_seq
        WHERE cc.client_id = ? AND cc.purpose_id = ? AND cc.scope_key = ?`,
    )
    .get(s.clientId, s.purposeId, s.scopeKey) as { id: string; state: ConsentState; occurred_at: string } | undefined;
  if (!row || row.id === eventId) return null;
  return { eventId: row.id, state: row.state, occurredAt: row.occurred_at };
}
