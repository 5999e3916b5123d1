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
import { addDays, londonOffsetMinutes } from '../time/london-time';
import type { Db } from '../db/types';
import type { ClientRetentionFacts } from './retention-types';

type DayMap = Map<string, string>;

const later = (a: string | null | undefined, b: string | null | undefined): string | null => (!a ? (b ?? null) : !b ? a : a > b ? a : b);

/**
 * London's calendar day of an ISO instant. Intl costs ~100 µs a call, far too
 * slow for every client, so the offset is asked once per UTC day: London is
 * UTC or UTC+1, and the clocks change at 01:00 UTC, so from 23:00 UTC the
 * offset in force is the one at that day's noon.
 */
function londonDayOf(offsets: Map<string, number>, instant: string): string {
  const utcDay = instant.slice(0, 10);
  if (instant.slice(11, 13) !== '23') return utcDay;
  let offset = offsets.get(utcDay);
  if (offset === undefined) offsets.set(utcDay, (offset = londonOffsetMinutes(new Date(`${utcDay}T12:00:00.000Z`))));
  return offset > 0 ? addDays(utcDay, 1) : utcDay;
}

/**
 * The facts of every client that is not merged into another, or only of some
 * (a batch's selection, retention/batch-run.ts): those are read by id, so
 * checking a selection does not read the whole clinic.
 */
export function clientRetentionFacts(db: Db, onlyClientIds?: readonly string[]): ClientRetentionFacts[] {
  // One narrow pass over clients. last_visit_on is the last treatment's date: the treatment
  // code moves it forward in the treatment's own transaction (treatments/treatment-repo.ts),
  // treatments are never re-dated or deleted (only destroyed with the client), and a merge
  // takes the later of the two. Reading it here saves scanning every treatment.
  const columns = 'SELECT id, date_of_birth, last_interaction_at, last_visit_on FROM clients WHERE id NOT IN (SELECT merged_id FROM client_merges)';
  const clients = (
    onlyClientIds
      ? db.prepare(`${columns} AND id IN (SELECT value FROM json_each(?))`).raw().all(JSON.stringify(onlyClientIds))
      : db.prepare(columns).raw().all()
  ) as [string, string | null, string, string | null][];
  // Clinical data without a treatment (a photo, a medical history, a treatment or photo
  // consent): asked only for the clients never treated, each by its client_id index.
  const untreated = JSON.stringify(clients.filter((c) => c[3] === null).map((c) => c[0]));
  const otherClinical: DayMap = new Map();
  for (const sql of [
    'SELECT client_id, max(taken_on) FROM photos WHERE client_id IN (SELECT value FROM json_each(?)) GROUP BY client_id',
    'SELECT client_id, max(substr(updated_at, 1, 10)) FROM client_sections WHERE client_id IN (SELECT value FROM json_each(?)) GROUP BY client_id',
    `SELECT client_id, max(substr(occurred_at, 1, 10)) FROM consent_current
      WHERE client_id IN (SELECT value FROM json_each(?))
        AND purpose_id IN (SELECT id FROM consent_purposes WHERE category IN ('photo', 'treatment')) GROUP BY client_id`,
  ]) {
    for (const [id, day] of db.prepare(sql).raw().all(untreated) as [string, string | null][]) {
      if (day) otherClinical.set(id, later(otherClinical.get(id), day)!);
    }
  }
  const held = new Set<string>();
  for (const [clientId, keptId] of db
    .prepare('SELECT h.client_id, m.kept_id FROM legal_holds h LEFT JOIN client_merges m ON m.merged_id = h.client_id WHERE h.released_on IS NULL')
    .raw()
    .all() as [string, string | null][]) {
    held.add(keptId ?? clientId);
  }
  const erased = new Set((db.prepare('SELECT client_id FROM client_erasures').raw().all() as [string][]).map((r) => r[0]));
  const reviews = new Map<string, ClientRetentionFacts['reviewedUntil']>();
  for (const [clientId, category, until] of db
    .prepare('SELECT client_id, category, max(kept_until) FROM retention_reviews GROUP BY client_id, category')
    .raw()
    .all() as [string, 'clinical' | 'personal' | 'requests', string][]) {
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
    .all() as [string, string, 'open' | 'closed', string, string][]) {
    const last = status === 'closed' ? later(receivedOn, closedOn)! : receivedOn;
    requestsSeen.set(clientId, later(requestsSeen.get(clientId), last)!);
    if (status === 'closed') {
      const list = closed.get(clientId) ?? [];
      list.push({ requestId: id, closedOn });
      closed.set(clientId, list);
    }
  }

  const offsets = new Map<string, number>();
  const facts: ClientRetentionFacts[] = [];
  for (const [id, dateOfBirth, lastInteractionAt, lastVisitOn] of clients) {
    const lastTreatedOn = lastVisitOn ?? otherClinical.get(id) ?? null;
    facts.push({
      clientId: id,
      dateOfBirth,
      lastTreatedOn,
      hasClinical: lastTreatedOn !== null,
      lastInteractionOn: later(later(londonDayOf(offsets, lastInteractionAt), lastVisitOn), requestsSeen.get(id))!,
      personalErased: erased.has(id),
      held: held.has(id),
      closedRequests: closed.get(id) ?? [],
      reviewedUntil: reviews.get(id) ?? {},
    });
  }
  return facts;
}
