/**
 * What the retention rules need to know of every client, read with one
 * aggregate per table (docs/retention.md, "The queue"): no per-client query,
 * so the whole queue at 50,000 clients is a few index scans
 * (bench/retention-queue.ts).
 *
 * What counts as an interaction (the "other personal data" rule): the latest
 * of the client's last_interaction_at, which every service that touches the
 * client moves forward in the same transaction (clients/interactions.ts: a
 * record change, a consent change, a treatment, a photo, a TPS screening), the
 * latest treatment date, and the latest subject request about them (received
 * or closed). Viewing a record is not an interaction: reading is not a reason
 * to keep.
 *
 * The clinical record's trigger is the last treatment; a client with clinical
 * data but no treatment (a photo, a medical history, a treatment consent)
 * counts from the latest of those, as the erasure preview does. Records merged
 * into another are left out: they are destroyed with the record they were
 * merged into, and their hold counts on it.
 */
import { londonToday } from '../../contract/field-schemas';
import type { Db } from '../db/types';
import type { ClientRetentionFacts } from './retention-types';

type DayMap = Map<string, string>;

function dayMap(db: Db, sql: string): DayMap {
  const map: DayMap = new Map();
  for (const r of db.prepare(sql).raw().iterate() as Iterable<[string, string | null]>) if (r[1]) map.set(r[0], r[1]);
  return map;
}

const later = (a: string | null | undefined, b: string | null | undefined): string | null => (!a ? (b ?? null) : !b ? a : a > b ? a : b);

/** London's calendar day of an ISO instant, cached by the instant's UTC day and hour (the offset is whole hours). */
function londonDayOf(cache: Map<string, string>, instant: string): string {
  const key = instant.slice(0, 13);
  let day = cache.get(key);
  if (day === undefined) cache.set(key, (day = londonToday(new Date(`${key}:00:00.000Z`))));
  return day;
}

/** The facts of every client that is not merged into another, optionally only of some. */
export function clientRetentionFacts(db: Db, onlyClientIds?: readonly string[]): ClientRetentionFacts[] {
  const treated = dayMap(db, 'SELECT client_id, max(treated_on) FROM treatments GROUP BY client_id');
  const photographed = dayMap(db, 'SELECT client_id, max(taken_on) FROM photos GROUP BY client_id');
  const histories = dayMap(db, 'SELECT client_id, max(substr(updated_at, 1, 10)) FROM client_sections GROUP BY client_id');
  const clinicalConsents = dayMap(
    db,
    `SELECT client_id, max(substr(occurred_at, 1, 10)) FROM consent_current
      WHERE purpose_id IN (SELECT id FROM consent_purposes WHERE category IN ('photo', 'treatment')) GROUP BY client_id`,
  );
  const held = new Set<string>();
  for (const [clientId, keptId] of db
    .prepare('SELECT h.client_id, m.kept_id FROM legal_holds h LEFT JOIN client_merges m ON m.merged_id = h.client_id WHERE h.released_on IS NULL')
    .raw()
    .iterate() as Iterable<[string, string | null]>) {
    held.add(keptId ?? clientId);
  }
  const erased = new Set((db.prepare('SELECT client_id FROM client_erasures').raw().all() as [string][]).map((r) => r[0]));
  const reviews = new Map<string, ClientRetentionFacts['reviewedUntil']>();
  for (const [clientId, category, until] of db
    .prepare('SELECT client_id, category, max(kept_until) FROM retention_reviews GROUP BY client_id, category')
    .raw()
    .iterate() as Iterable<[string, 'clinical' | 'personal' | 'requests', string]>) {
    const r = reviews.get(clientId) ?? {};
    r[category] = until;
    reviews.set(clientId, r);
  }
  const requestsSeen: DayMap = new Map();
  const closed = new Map<string, { requestId: string; closedOn: string }[]>();
  for (const [id, clientId, status, receivedOn, closedOn] of db
    .prepare(
      `SELECT id, client_id, status, received_on, coalesce(response_sent_on, substr(updated_at, 1, 10))
         FROM subject_requests WHERE client_id IS NOT NULL`,
    )
    .raw()
    .iterate() as Iterable<[string, string, 'open' | 'closed', string, string]>) {
    const last = status === 'closed' ? later(receivedOn, closedOn)! : receivedOn;
    requestsSeen.set(clientId, later(requestsSeen.get(clientId), last)!);
    if (status === 'closed') {
      const list = closed.get(clientId) ?? [];
      list.push({ requestId: id, closedOn });
      closed.set(clientId, list);
    }
  }

  const only = onlyClientIds ? new Set(onlyClientIds) : null;
  const days = new Map<string, string>();
  const facts: ClientRetentionFacts[] = [];
  for (const [id, dateOfBirth, lastInteractionAt] of db
    .prepare('SELECT id, date_of_birth, last_interaction_at FROM clients WHERE id NOT IN (SELECT merged_id FROM client_merges)')
    .raw()
    .iterate() as Iterable<[string, string | null, string]>) {
    if (only && !only.has(id)) continue;
    const lastTreatment = treated.get(id) ?? null;
    const lastOtherClinical = later(later(photographed.get(id), histories.get(id)), clinicalConsents.get(id));
    const lastTreatedOn = lastTreatment ?? lastOtherClinical;
    facts.push({
      clientId: id,
      dateOfBirth,
      lastTreatedOn,
      hasClinical: lastTreatedOn !== null,
      lastInteractionOn: later(later(londonDayOf(days, lastInteractionAt), lastTreatment), requestsSeen.get(id))!,
      personalErased: erased.has(id),
      held: held.has(id),
      closedRequests: closed.get(id) ?? [],
      reviewedUntil: reviews.get(id) ?? {},
    });
  }
  return facts;
}
