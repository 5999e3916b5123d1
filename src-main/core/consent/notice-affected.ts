/**
 * "Whose granted consents rest on an older privacy notice than this one, or on
 * none?" (issue #9 item 3; docs/consent-scale.md). Answered from
 * consent_notice_basis (migration 0009), which its triggers keep per client,
 * so the count is two index range counts and a page walks the clients in name
 * order until it has 100: nothing here scans the ledger, and nothing runs
 * inside the publish transaction.
 *
 * A client counts once: under "no notice recorded" when any of their granted
 * consents rests on none, else under "an older version".
 */
import type { NoticeAffectedClient, NoticeAffectedCount, NoticeAffectedPage, PrivacyNotice } from '../../contract/consent-types';
import type { Db } from '../db/types';

export const AFFECTED_PAGE_SIZE = 100;

/** The notice's place in time; the same expression as migration 0009's NOTICE_KEY. */
export function noticeKey(n: Pick<PrivacyNotice, 'effectiveOn' | 'createdAt'>): string {
  return `${n.effectiveOn} ${n.createdAt}`;
}

export function countAffected(db: Db, notice: PrivacyNotice): NoticeAffectedCount {
  const noNotice = (db.prepare('SELECT count(*) AS n FROM consent_notice_basis WHERE no_notice = 1').get() as { n: number }).n;
  const olderVersion = (
    db.prepare('SELECT count(*) AS n FROM consent_notice_basis WHERE no_notice = 0 AND oldest_notice < ?').get(noticeKey(notice)) as { n: number }
  ).n;
  return { noNotice, olderVersion, total: noNotice + olderVersion };
}

interface ClientRow {
  rid: number;
  id: string;
  first_name: string;
  last_name: string;
}

/**
 * Clients in name order (clients_by_last_name carries the rowid, so the order
 * last name, first name, rowid needs no sort), each probed in
 * consent_notice_basis by its primary key. `after` is the last client id of
 * the previous page (keyset pagination: a page costs the same at the end of
 * the list as at the start).
 */
const PAGE_SQL = `
  SELECT c.rowid AS rid, c.id, c.first_name, c.last_name
    FROM clients AS c INDEXED BY clients_by_last_name
    CROSS JOIN consent_notice_basis AS b ON b.client_id = c.id
   WHERE (b.no_notice = 1 OR b.oldest_notice < @key)
     AND (c.last_name, c.first_name, c.rowid) > (@last, @first, @rid)
   ORDER BY c.last_name, c.first_name, c.rowid
   LIMIT @limit`;

interface DetailRow {
  purpose_label: string;
  version_label: string | null;
  effective_on: string | null;
}

/** The client's affected consents: purposes in the clinic's order, and the oldest notice among them. */
const DETAIL_SQL = `
  SELECT p.label AS purpose_label, n.version_label, n.effective_on
    FROM consent_current cc
    JOIN consent_purposes p ON p.id = cc.purpose_id
    LEFT JOIN privacy_notices n ON n.id = cc.notice_id
   WHERE cc.client_id = ? AND cc.state = 'granted'
     AND (n.id IS NULL OR (n.effective_on || ' ' || n.created_at) < ?)
   ORDER BY p.sort_order, p.id`;

interface Statement {
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
}
const prepared = new WeakMap<Db, Map<string, Statement>>();

/**
 * Each statement prepared once per connection: the CSV describes every
 * affected client, and a statement prepared per client (parsed again, and its
 * native memory held until the garbage collector finalises it) cost most of
 * the export's time and hundreds of MB at 200,000 clients.
 */
function statement(db: Db, sql: string): Statement {
  let byDb = prepared.get(db);
  if (!byDb) prepared.set(db, (byDb = new Map()));
  let st = byDb.get(sql);
  if (!st) byDb.set(sql, (st = db.prepare(sql) as unknown as Statement));
  return st;
}

function describe(db: Db, key: string, c: ClientRow): NoticeAffectedClient {
  const rows = statement(db, DETAIL_SQL).all(c.id, key) as DetailRow[];
  const purposes: string[] = [];
  let oldest = '\uffff';
  let noticeVersion = '';
  for (const r of rows) {
    if (!purposes.includes(r.purpose_label)) purposes.push(r.purpose_label);
    // The oldest notice any of their consents rests on; '' when one rests on none.
    const on = r.effective_on ?? '';
    if (on < oldest) {
      oldest = on;
      noticeVersion = r.version_label ?? '';
    }
  }
  return { clientId: c.id, name: `${c.first_name} ${c.last_name}`, purposes, noticeVersion };
}

/** Where a page starts: just after this client in name order, or at the beginning. */
function cursorOf(db: Db, after: string | undefined): { last: string; first: string; rid: number } {
  if (after === undefined) return { last: '', first: '', rid: -1 };
  const row = statement(db, 'SELECT rowid AS rid, first_name, last_name FROM clients WHERE id = ?').get(after) as ClientRow | undefined;
  // A client erased since the page before: start again from the top rather than fail.
  return row ? { last: row.last_name, first: row.first_name, rid: row.rid } : { last: '', first: '', rid: -1 };
}

export function affectedPage(db: Db, notice: PrivacyNotice, after?: string, limit = AFFECTED_PAGE_SIZE): NoticeAffectedPage {
  const key = noticeKey(notice);
  const rows = statement(db, PAGE_SQL).all({ key, ...cursorOf(db, after), limit: limit + 1 }) as ClientRow[];
  const page = rows.slice(0, limit);
  return {
    clients: page.map((c) => describe(db, key, c)),
    next: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}

/** Every affected client in name order, a page at a time: for the CSV export. */
export function* eachAffected(db: Db, notice: PrivacyNotice): Generator<NoticeAffectedClient> {
  let after: string | undefined;
  for (;;) {
    const { clients, next } = affectedPage(db, notice, after, 500);
    yield* clients;
    if (next === null) return;
    after = next;
  }
}
