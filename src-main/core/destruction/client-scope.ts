/**
 * Everything stored about one client, found by category, for the destruction
 * and for the erasure preview's counts. A client's scope includes the records
 * merged into it (client_merges): a merged-away row keeps its original
 * details, so erasing the kept client must erase those too.
 */
import type { Db } from '../db/types';
import { preparedStatement } from '../db/statement-cache';
import { CLINICAL_PURPOSE_CATEGORIES } from './categories';

const CLINICAL_PURPOSES = CLINICAL_PURPOSE_CATEGORIES.map((c) => `'${c}'`).join(', ');

/** The client and every record merged into it, directly or through another merge. */
export function clientsInScope(db: Db, clientId: string): string[] {
  const rows = preparedStatement(
    db,
    `WITH RECURSIVE scope(id) AS (
         SELECT ?
         UNION SELECT m.merged_id FROM client_merges m JOIN scope s ON m.kept_id = s.id
       ) SELECT id FROM scope`,
  ).all(clientId) as { id: string }[];
  return rows.map((r) => r.id);
}

const ids = (list: readonly string[]) => JSON.stringify(list);

function column(db: Db, sql: string, clientIds: readonly string[]): string[] {
  return (preparedStatement(db, sql).all(ids(clientIds)) as { v: string | null }[]).map((r) => r.v).filter((v): v is string => !!v);
}

const IN_SCOPE = 'IN (SELECT value FROM json_each(?))';

/** Files that belong to marketing and other non-clinical consents, and TPS statements. */
export function marketingFileIds(db: Db, clientIds: readonly string[]): string[] {
  return [
    ...column(
      db,
      `SELECT e.evidence_file_id AS v FROM consent_events e JOIN consent_purposes p ON p.id = e.purpose_id
        WHERE e.client_id ${IN_SCOPE} AND p.category NOT IN (${CLINICAL_PURPOSES})`,
      clientIds,
    ),
    ...column(db, `SELECT evidence_file_id AS v FROM tps_no_objections WHERE client_id ${IN_SCOPE}`, clientIds),
  ];
}

/** Photos, their thumbnails and print copies, treatment consent forms, and the evidence of photo and treatment consents. */
export function clinicalFileIds(db: Db, clientIds: readonly string[]): string[] {
  return [
    ...column(db, `SELECT file_id AS v FROM photos WHERE client_id ${IN_SCOPE}`, clientIds),
    ...column(db, `SELECT thumb_file_id AS v FROM photos WHERE client_id ${IN_SCOPE}`, clientIds),
    // Migration 0023: the print-size copy the access pack draws (photos/print-copies.ts).
    ...column(db, `SELECT c.file_id AS v FROM photo_print_copies c JOIN photos p ON p.id = c.photo_id WHERE p.client_id ${IN_SCOPE}`, clientIds),
    ...column(db, `SELECT consent_form_file_id AS v FROM treatments WHERE client_id ${IN_SCOPE}`, clientIds),
    ...column(
      db,
      `SELECT e.evidence_file_id AS v FROM consent_events e JOIN consent_purposes p ON p.id = e.purpose_id
        WHERE e.client_id ${IN_SCOPE} AND p.category IN (${CLINICAL_PURPOSES})`,
      clientIds,
    ),
  ];
}

/** Every phone number the clients hold (E.164), for their TPS screenings. */
export function phonesOf(db: Db, clientIds: readonly string[]): string[] {
  const rows = preparedStatement(db, `SELECT mobile, other_phones FROM clients WHERE id ${IN_SCOPE}`).all(ids(clientIds)) as {
    mobile: string | null;
    other_phones: string;
  }[];
  const phones = new Set<string>();
  for (const r of rows) {
    if (r.mobile) phones.add(r.mobile);
    try {
      for (const p of JSON.parse(r.other_phones || '[]') as { number?: string }[]) if (p.number) phones.add(p.number);
    } catch {
      // a damaged list holds nothing to screen
    }
  }
  return [...phones];
}

/**
 * The phones among these that have a TPS history (a screening) and that no
 * client outside the scope also holds: that history goes with them. A number
 * never screened has no history to destroy, so it is not looked for in the
 * other clients at all; a screened one is looked up by index (migration
 * 0025), the other-phones lists of only the clients that have any.
 */
export function phonesOnlyTheirs(db: Db, clientIds: readonly string[], phones: readonly string[]): string[] {
  const screened = preparedStatement(db, 'SELECT EXISTS (SELECT 1 FROM tps_screenings WHERE phone = ?) OR EXISTS (SELECT 1 FROM tps_latest WHERE phone = ?) AS y');
  const asMobile = preparedStatement(db, `SELECT 1 FROM clients WHERE mobile = ? AND id NOT ${IN_SCOPE} LIMIT 1`);
  const asOther = preparedStatement(
    db,
    `SELECT 1 FROM clients c WHERE c.other_phones <> '[]' AND c.id NOT ${IN_SCOPE}
       AND EXISTS (SELECT 1 FROM json_each(c.other_phones) j WHERE json_extract(j.value, '$.number') = ?)
     LIMIT 1`,
  );
  const scope = ids(clientIds);
  return phones.filter((p) => (screened.get(p, p) as { y: number }).y === 1 && !asMobile.get(p, scope) && !asOther.get(scope, p));
}

export interface ClientFootprint {
  contactFields: number;
  identityChanges: number;
  tpsScreenings: number;
  marketingConsents: number;
  marketingFiles: number;
  tpsStatements: number;
  distinctPairs: number;
  treatments: number;
  photos: number;
  clinicalConsents: number;
  sections: number;
  clinicalChanges: number;
  lastTreatedOn: string | null;
  mergedRecords: number;
}

const count = (db: Db, sql: string, clientIds: readonly string[]) => (db.prepare(sql).get(ids(clientIds)) as { n: number }).n;

/** How much of each category the client (with its merged-away records) holds. */
export function clientFootprint(db: Db, clientIds: readonly string[]): ClientFootprint {
  const phones = phonesOf(db, clientIds);
  const contact = db
    .prepare(
      `SELECT (email <> '') + (mobile <> '') + (postcode <> '') + (address_lines <> '[]') + (other_phones <> '[]')
              + (messenger_handle <> '') + (occupation <> '') + (gender <> '') + (treatment_interests <> '[]') + (notes <> '') AS n
         FROM clients WHERE id ${IN_SCOPE}`,
    )
    .all(ids(clientIds)) as { n: number | null }[];
  const purposeJoin = 'FROM consent_events e JOIN consent_purposes p ON p.id = e.purpose_id WHERE e.client_id';
  return {
    contactFields: contact.reduce((a, r) => a + (r.n ?? 0), 0),
    identityChanges: count(db, `SELECT count(*) AS n FROM field_changes WHERE section = 'identity' AND client_id ${IN_SCOPE}`, clientIds),
    tpsScreenings: phones.length
      ? (db.prepare('SELECT count(*) AS n FROM tps_screenings WHERE phone IN (SELECT value FROM json_each(?))').get(JSON.stringify(phonesOnlyTheirs(db, clientIds, phones))) as { n: number }).n
      : 0,
    marketingConsents: count(db, `SELECT count(*) AS n ${purposeJoin} ${IN_SCOPE} AND p.category NOT IN (${CLINICAL_PURPOSES})`, clientIds),
    marketingFiles: marketingFileIds(db, clientIds).length,
    tpsStatements: count(db, `SELECT count(*) AS n FROM tps_no_objections WHERE client_id ${IN_SCOPE}`, clientIds),
    distinctPairs: (db.prepare(`SELECT count(*) AS n FROM client_distinct_pairs WHERE first_id ${IN_SCOPE} OR second_id ${IN_SCOPE}`).get(ids(clientIds), ids(clientIds)) as { n: number }).n,
    treatments: count(db, `SELECT count(*) AS n FROM treatments WHERE client_id ${IN_SCOPE}`, clientIds),
    photos: count(db, `SELECT count(*) AS n FROM photos WHERE client_id ${IN_SCOPE}`, clientIds),
    clinicalConsents: count(db, `SELECT count(*) AS n ${purposeJoin} ${IN_SCOPE} AND p.category IN (${CLINICAL_PURPOSES})`, clientIds),
    sections: count(db, `SELECT count(*) AS n FROM client_sections WHERE client_id ${IN_SCOPE}`, clientIds),
    clinicalChanges: count(db, `SELECT count(*) AS n FROM field_changes WHERE section <> 'identity' AND client_id ${IN_SCOPE}`, clientIds),
    lastTreatedOn: (db.prepare(`SELECT max(treated_on) AS d FROM treatments WHERE client_id ${IN_SCOPE}`).get(ids(clientIds)) as { d: string | null }).d,
    mergedRecords: clientIds.length - 1,
  };
}

/**
 * Whether anything clinical is held (a treatment, a photo, a clinical consent, a
 * medical or lifestyle section, a change to one): if not, destroying the client's
 * personal data leaves no record to keep and removes the client whole. The one
 * test for it, used by the destruction, the erasure preview and the retention
 * batch: each table asked whether any row exists.
 */
export function holdsClinicalRecord(db: Db, clientIds: readonly string[]): boolean {
  const row = preparedStatement(
    db,
    `SELECT EXISTS (SELECT 1 FROM treatments WHERE client_id ${IN_SCOPE})
           OR EXISTS (SELECT 1 FROM photos WHERE client_id ${IN_SCOPE})
           OR EXISTS (SELECT 1 FROM consent_events e JOIN consent_purposes p ON p.id = e.purpose_id
                       WHERE e.client_id ${IN_SCOPE} AND p.category IN (${CLINICAL_PURPOSES}))
           OR EXISTS (SELECT 1 FROM client_sections WHERE client_id ${IN_SCOPE})
           OR EXISTS (SELECT 1 FROM field_changes WHERE section <> 'identity' AND client_id ${IN_SCOPE}) AS held`,
  ).get(...Array<string>(5).fill(ids(clientIds))) as { held: number };
  return row.held === 1;
}
