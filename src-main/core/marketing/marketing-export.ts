/**
 * "Who may I contact by this channel today?": the marketing list export
 * (issue #4). One read of the clients whose consent for `marketing.<channel>`
 * is granted now (through consent_current_by_purpose, joined to the client and
 * the event in force), the rules of marketing-rules.ts applied to each, the
 * rest of the clinic counted as not granted. No query per client, and no list
 * of rows held: each included client becomes a CSV line as it is read.
 *
 * The telephone list judges each number by its own TPS screening
 * (docs/phones-and-tps.md): each number's newest screening (tps_latest) and
 * the reg 21(4) statements in force are read once, before the list, into
 * maps; no query per client.
 *
 * Objections follow the consent ledger's rule (clients/suppression.ts): the
 * client's marketing_objection_at, set when they object and when a client is
 * added or changed to a contact detail on the suppression list, excludes them
 * unless this channel was explicitly re-granted after it.
 */
import type { MarketingChannel, MarketingExclusion, MarketingExport } from '../../contract/consent-types';
import { londonToday } from '../../contract/field-schemas';
import type { AuditLog } from '../audit/audit-log';
import type { Db } from '../db/types';
import type { CallContext, Clock } from '../platform/ports';
import { suppressedForPurposeSql } from '../clients/suppression';
import { restrictedClientSql } from '../requests/restriction';
import { SettingsRepo } from '../settings/settings-repo';
import { type StreamOptions, streamToFileAtomicallySync } from '../export/stream-to-file';
import { type MarketingContact, csvContactLine, csvHeaderLine } from './marketing-csv';
import { clientPhones } from '../consent/tps';
import { type LatestScreening, tpsStanding } from '../consent/tps-rules';
import { type CandidatePhone, type MarketingCandidate, EXCLUSION_ORDER, emptyExclusionCounts, exclusionFor, phoneChoice } from './marketing-rules';

interface GrantedRow {
  id: string;
  first_name: string;
  last_name: string;
  preferred_name: string | null;
  date_of_birth: string | null;
  email: string | null;
  mobile: string | null;
  other_phones: string;
  messenger_handle: string;
  address_lines: string;
  postcode: string | null;
  deceased_on: string | null;
  suppressed: number;
  restricted: number;
  evidence_incomplete: number;
  state: string;
  basis: string | null;
}

/**
 * The granted ones only: the partial covering index gives them in one range,
 * and everyone else is "not granted". The facts of the event in force (basis,
 * re-grant) come from consent_current, which the ledger's trigger keeps:
 * joining the ledger itself would be tens of thousands of random page reads.
 *
 * In two steps, so the clients table is read in rowid order: first the
 * granted rows with each client's rowid (from the id index alone, visited in
 * id order as the purpose index gives them), sorted by rowid; then each
 * client's row in that order, so every page of the table is decrypted once
 * rather than once per client on it (a 200,000-client table is far larger
 * than the page cache); then the sort by name.
 */
function grantedSql(channel: MarketingChannel): string {
  // Each channel reads the columns it uses: the Messenger handle for Messenger only.
  const handle = channel === 'messenger' ? 'c.messenger_handle' : "'' AS messenger_handle";
  return `
  WITH granted AS MATERIALIZED (
    SELECT k.rowid AS client_rowid, cc.state, cc.basis, cc.explicit_regrant, cc.occurred_at,
           (cc.notice_id IS NULL OR cc.wording_id IS NULL) AS evidence_incomplete
      FROM consent_current AS cc INDEXED BY consent_current_by_purpose
      JOIN clients AS k ON k.id = cc.client_id
     WHERE cc.purpose_id = ? AND cc.state = 'granted' AND cc.scope_key = ''
     ORDER BY k.rowid)
  SELECT c.id, c.first_name, c.last_name, c.preferred_name, c.date_of_birth, c.email, c.mobile, c.other_phones,
         ${handle}, c.address_lines, c.postcode, c.deceased_on,
         ${suppressedForPurposeSql('c', 'granted')} AS suppressed,
         (${restrictedClientSql('c')}) AS restricted,
         granted.state, granted.basis, granted.evidence_incomplete
    FROM granted CROSS JOIN clients AS c ON c.rowid = granted.client_rowid
   ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE`;
}

/** How many the granted range holds: the total the progress bar counts towards. */
const GRANTED_COUNT_SQL = `
  SELECT count(*) AS n FROM consent_current AS cc INDEXED BY consent_current_by_purpose
   WHERE cc.purpose_id = ? AND cc.state = 'granted' AND cc.scope_key = ''`;

/** Lines joined into one string at a time while the list is made as text. */
const JOIN_EVERY = 4_000;

/** Rows between progress reports and stop checks: a few milliseconds of work at 200,000 clients. */
const STEP_ROWS = 2_000;

/** People who objected and whose channel is not granted: they count as objected, not as never asked. */
const OBJECTED_NOT_GRANTED_SQL = `
  SELECT count(*) AS n FROM clients AS c
   WHERE c.marketing_objection_at IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM consent_current AS cc
                      WHERE cc.client_id = c.id AND cc.purpose_id = ? AND cc.scope_key = '' AND cc.state = 'granted')`;

export interface MarketingExportDeps {
  db: Db;
  audit: AuditLog;
  clock: Clock;
  staffId: string;
  /** The dispatched call (progress bar, Cancel); absent for direct callers such as the benchmark. */
  call?: CallContext;
}

function parseJsonArray<T>(json: string | null): T[] {
  if (!json || json === '[]') return [];
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

/** What the telephone list knows of every number, read once: newest screening, and reg 21(4) statements in force. */
export interface PhoneFacts {
  latest: Map<string, LatestScreening>;
  /** `${clientId} ${phone}` for each client and number whose "does not object" statement is in force. */
  doesNotObject: Set<string>;
}

/** Exported for the benchmark (bench/phones.ts), which times this read on its own. */
export function readPhoneFacts(db: Db): PhoneFacts {
  // Rows as arrays (raw), not objects: tens of thousands of numbers, read in one pass.
  const latest = new Map<string, LatestScreening>();
  const screenings = db.prepare('SELECT phone, checked_on, registered FROM tps_latest').raw();
  for (const [phone, checkedOn, registered] of screenings.iterate() as IterableIterator<[string, string, number]>) {
    latest.set(phone, { checkedOn, registered: registered === 1 });
  }
  const doesNotObject = new Set<string>();
  const statements = db.prepare("SELECT client_id || ' ' || phone FROM tps_no_objection_current WHERE state = 'granted'").pluck();
  for (const key of statements.iterate() as IterableIterator<string>) doesNotObject.add(key);
  return { latest, doesNotObject };
}

function candidatePhones(r: GrantedRow, facts: PhoneFacts, today: string): CandidatePhone[] {
  return clientPhones(r).map(({ phone }) => ({
    phone,
    standing: tpsStanding(facts.latest.get(phone), today),
    doesNotObject: facts.doesNotObject.has(`${r.id} ${phone}`),
  }));
}

/** JSON columns are parsed only for the channel that uses them (phone numbers, postal address). */
function toCandidate(r: GrantedRow, channel: MarketingChannel, today: string, facts: PhoneFacts | null): MarketingCandidate & MarketingContact {
  const phones = channel === 'phone' && facts ? candidatePhones(r, facts, today) : [];
  const choice = channel === 'phone' ? phoneChoice(phones) : null;
  return {
    state: r.state as MarketingCandidate['state'],
    basis: r.basis,
    suppressed: r.suppressed !== 0,
    evidenceIncomplete: r.evidence_incomplete !== 0,
    restricted: r.restricted !== 0,
    deceasedOn: r.deceased_on,
    dateOfBirth: r.date_of_birth,
    firstName: r.first_name,
    lastName: r.last_name,
    preferredName: r.preferred_name ?? '',
    email: r.email ?? '',
    mobile: r.mobile ?? '',
    phones,
    callNumber: choice && 'call' in choice ? choice.call : '',
    messengerHandle: r.messenger_handle ?? '',
    addressLines: channel === 'post' ? parseJsonArray<string>(r.address_lines).filter((l) => typeof l === 'string') : [],
    postcode: r.postcode ?? '',
  };
}

interface ListSummary {
  included: number;
  includedEvidenceIncomplete: number;
  excluded: Record<MarketingExclusion, number>;
}

/**
 * The list as CSV pieces (header, then one line per included client, in name
 * order), read from one statement row by row: no row is kept once its line is
 * made. `summary` is complete when the pieces run out.
 *
 * No transaction: the vault is open in this process only (vault.lock) and the
 * reads run without giving up the thread, so nothing can write in between.
 */
function* listPieces(db: Db, channel: MarketingChannel, today: string, summary: ListSummary, call?: CallContext): Generator<string> {
  const { excluded } = summary;
  const purpose = `marketing.${channel}`;
  const total = (db.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n;
  const objected = (db.prepare(OBJECTED_NOT_GRANTED_SQL).get(purpose) as { n: number }).n;
  const grantedTotal = call ? (db.prepare(GRANTED_COUNT_SQL).get(purpose) as { n: number }).n : 0;
  const rules = { includeIncompleteEvidence: new SettingsRepo(db).getClinic().marketingIncludesIncompleteEvidence };
  excluded.suppressed = objected;
  const facts = channel === 'phone' ? readPhoneFacts(db) : null;
  let granted = 0;
  // A cancel stops the read between steps: the caller keeps nothing (no text, no file, no audit entry).
  const step = () => {
    call?.throwIfStopped();
    call?.progress({ done: granted, total: grantedTotal, label: 'Making the marketing list' });
  };
  step();
  yield csvHeaderLine(channel);
  for (const row of db.prepare(grantedSql(channel)).iterate(purpose) as IterableIterator<GrantedRow>) {
    granted++;
    if (granted % STEP_ROWS === 0) step();
    const candidate = toCandidate(row, channel, today, facts);
    const reason = exclusionFor(channel, candidate, today, rules);
    if (reason) excluded[reason]++;
    else {
      summary.included++;
      if (candidate.evidenceIncomplete) summary.includedEvidenceIncomplete++;
      yield csvContactLine(channel, candidate);
    }
  }
  excluded['not-granted'] = total - granted - objected;
  step();
}

/** Logs the list (counts only: no names, no contact details in the audit log). */
function auditList(deps: MarketingExportDeps, channel: MarketingChannel, summary: ListSummary): void {
  const detail: Record<string, string | number> = { channel, included: summary.included, includedEvidenceIncomplete: summary.includedEvidenceIncomplete };
  for (const reason of EXCLUSION_ORDER) detail[reason] = summary.excluded[reason];
  deps.audit.append({ staffId: deps.staffId, action: 'marketing.exported', detail });
}

function newSummary(): ListSummary {
  return { included: 0, includedEvidenceIncomplete: 0, excluded: emptyExclusionCounts() };
}

/** Builds the list as text for the window (the contract's marketing.export) and logs it. */
export function exportMarketingList(deps: MarketingExportDeps, channel: MarketingChannel): MarketingExport {
  const now = deps.clock.now();
  const summary = newSummary();
  // Pieces of text only, already in name order from SQL (a JS collator over tens of thousands of rows cost most of a second),
  // joined a few thousand at a time: an array of 100,000 small strings grew the heap by over 100 MB at 200,000 clients.
  const chunks: string[] = [];
  let batch: string[] = [];
  for (const piece of listPieces(deps.db, channel, londonToday(now), summary, deps.call)) {
    batch.push(piece);
    if (batch.length === JOIN_EVERY) {
      chunks.push(batch.join(''));
      batch = [];
    }
  }
  chunks.push(batch.join(''));
  const csv = chunks.join('');
  auditList(deps, channel, summary);
  return { channel, generatedAt: now.toISOString(), ...summary, csv };
}

/**
 * Streams the list to `file` (docs/consent-scale.md): a temporary file written
 * in chunks, flushed and renamed, so a mailing tool never reads half a list; a
 * cancel or an error leaves no file. Logged once the file is in place.
 */
export function writeMarketingList(
  deps: MarketingExportDeps,
  channel: MarketingChannel,
  file: string,
  opts: StreamOptions = {},
): Omit<MarketingExport, 'csv'> & { bytes: number } {
  const now = deps.clock.now();
  const summary = newSummary();
  const bytes = streamToFileAtomicallySync(file, listPieces(deps.db, channel, londonToday(now), summary, deps.call), opts);
  auditList(deps, channel, summary);
  return { channel, generatedAt: now.toISOString(), ...summary, bytes };
}
