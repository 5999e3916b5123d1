/**
 * clients.search: one box over names, phones, email, postcode and date of
 * birth, answered from the client_search FTS5 index. Built for a clinic of
 * 50,000 clients within 10 ms: every query is an index lookup with its LIMIT
 * inside SQL; no JavaScript filtering over the table.
 *
 * Order: exact full-name matches first, then bm25 (a whole-word match beats a
 * prefix match), then the most recently active client, because the person at
 * the desk is most likely looking for someone seen lately.
 *
 * Forgiving search (docs/forgiving-search.md): when those leave the page short,
 * names are looked inside ("worth" finds Ashworth, from the trigram index of
 * migration 0013), and last spelt one edit away ("smiht" finds Smith, from the
 * name vocabulary). Each later phase only runs if the page is not yet full.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { ClientSearchHit } from '../../contract/record-types';
import type { Db } from '../db/types';
import { spellingsNear } from './name-index';
import { parseSearchQuery, typoPhase, type SearchPhase } from './search-query';

interface HitRow {
  id: string;
  first_name: string;
  last_name: string;
  preferred_name: string | null;
  date_of_birth: string | null;
  postcode: string | null;
  email: string | null;
  mobile: string | null;
  last_visit_on: string | null;
}

const HIT_COLUMNS = `c.id, c.first_name, c.last_name, c.preferred_name, c.date_of_birth, c.postcode, c.email,
  c.mobile, c.last_visit_on`;

/**
 * bm25 rounded to one decimal, so scores that differ only in the last digits
 * count as ties and fall through to recency (the client seen lately first).
 */
const SCORE = 'round(bm25(client_search), 1)';

function toHit(r: HitRow, matchedOn: ClientSearchHit['matchedOn']): ClientSearchHit {
  return {
    id: r.id,
    firstName: r.first_name,
    lastName: r.last_name,
    preferredName: r.preferred_name ?? '',
    dateOfBirth: r.date_of_birth ?? '',
    postcode: r.postcode ?? '',
    email: r.email ?? '',
    mobile: r.mobile ?? '',
    lastVisitOn: r.last_visit_on,
    matchedOn,
  };
}

/**
 * Above this many matches, bm25 is not computed: scoring thousands of rows
 * (a single letter, "BS1" with its neighbours) costs more than the 10 ms budget,
 * and among that many one-word prefix matches, recency is the better order anyway.
 */
const MAX_RANKED = 500;

/** The statements that answer one phase, for one index. */
interface PhaseStatements {
  count: Statement;
  ranked: Statement | null;
  byRecency: Statement;
  broad: Statement;
}
type Statement = BetterSqlite3.Statement<unknown[]>;

export class ClientSearch {
  private readonly recentStmt;
  private readonly hitStmt;
  private readonly byIndex: Record<'search' | 'grams' | 'searchBorn' | 'gramsBorn', PhaseStatements>;

  constructor(private readonly db: Db) {
    // Walks the clients_by_last_interaction index backwards and stops at the limit.
    this.recentStmt = db.prepare(`SELECT ${HIT_COLUMNS} FROM clients c ORDER BY c.last_interaction_at DESC LIMIT ?`);
    this.hitStmt = db.prepare(`SELECT ${HIT_COLUMNS} FROM clients c WHERE c.rowid = ?`);
    this.byIndex = {
      search: phaseStatements(db, 'client_search', true, false),
      grams: phaseStatements(db, 'client_name_grams', false, false),
      searchBorn: phaseStatements(db, 'client_search', true, true),
      gramsBorn: phaseStatements(db, 'client_name_grams', false, true),
    };
  }

  search(query: string, limit: number): ClientSearchHit[] {
    const parsed = parseSearchQuery(query);
    if (parsed.kind === 'nothing') return [];
    if (parsed.kind === 'recent') return (this.recentStmt.all(limit) as HitRow[]).map((r) => toHit(r, 'recent'));

    // Phases in order; a client found by an earlier phase keeps its place.
    const found = new Map<number, ClientSearchHit['matchedOn']>();
    const runPhase = (phase: SearchPhase) => {
      // Ask for enough to fill the page after dropping the clients already found.
      for (const rowid of this.run(phase, limit + found.size)) {
        if (!found.has(rowid)) found.set(rowid, phase.matchedOn);
      }
    };
    for (const phase of parsed.phases) {
      if (found.size >= limit) break;
      runPhase(phase);
    }
    // Typos last, and only looked up when the page is still short.
    if (found.size < limit && parsed.typos) {
      const near = new Map(parsed.typos.words.map((w) => [w, spellingsNear(this.db, w)] as const));
      const phase = typoPhase(parsed.typos, near);
      if (phase) runPhase(phase);
    }
    const hits: ClientSearchHit[] = [];
    for (const [rowid, matchedOn] of found) {
      if (hits.length >= limit) break;
      const row = this.hitStmt.get(rowid) as HitRow | undefined;
      if (row) hits.push(toHit(row, matchedOn));
    }
    return hits;
  }

  private run(phase: SearchPhase, limit: number): number[] {
    const s = this.byIndex[`${phase.index === 'grams' ? 'grams' : 'search'}${phase.born ? 'Born' : ''}` as const];
    const args = phase.born ? [phase.match, phase.born.from, phase.born.to] : [phase.match];
    const rowids = (stmt: Statement) => (stmt.all(...args, limit) as { rowid: number }[]).map((r) => r.rowid);
    if (!phase.ranked && !phase.broad) return rowids(s.byRecency);
    // Born in a given year or month: a few thousand clients at most even at 200,000, so the
    // matches are sorted outright. Counting first would build the born list and run the
    // MATCH a second time, which was most of the cost of "ellie ward 1995".
    if (phase.born) return rowids(phase.ranked && s.ranked ? s.ranked : s.byRecency);
    const { n } = s.count.get(...args, MAX_RANKED + 1) as { n: number };
    if (n > MAX_RANKED) return rowids(s.broad);
    return rowids(phase.ranked && s.ranked ? s.ranked : s.byRecency);
  }
}

/**
 * Ranking and ordering read only the index and the narrow client_recency table (migration
 * 0008), never a client's whole row: at 200,000 clients those rows are far more than the
 * page cache holds, and each one read is a page decrypted. Rows are read for the hits shown.
 */
function phaseStatements(db: Db, table: string, scored: boolean, born: boolean): PhaseStatements {
  // Born in a range: read from the clients_by_birth index alone (migration 0013), never the rows.
  // The unary + keeps SQLite from handing the list to FTS5 as "rowid = ?", which would run
  // the MATCH once per client born that year (hundreds of milliseconds at 50,000 clients).
  const bornIn = born
    ? ` AND +${table}.rowid IN (SELECT rowid FROM clients INDEXED BY clients_by_birth WHERE date_of_birth >= ? AND date_of_birth < ?)`
    : '';
  const where = `${table} MATCH ?${bornIn}`;
  return {
    // Counting stops at MAX_RANKED + 1: the question is only "few or many?".
    count: db.prepare(`SELECT count(*) AS n FROM (SELECT ${table}.rowid FROM ${table} WHERE ${where} LIMIT ?)`),
    ranked: scored
      ? db.prepare(
          `SELECT ${table}.rowid AS rowid FROM ${table} JOIN client_recency r ON r.client_rowid = ${table}.rowid
           WHERE ${where} ORDER BY ${SCORE}, r.last_interaction_at DESC LIMIT ?`,
        )
      : null,
    // Few matches: fetch them all and sort.
    byRecency: db.prepare(
      `SELECT ${table}.rowid AS rowid FROM ${table} JOIN client_recency r ON r.client_rowid = ${table}.rowid
       WHERE ${where} ORDER BY r.last_interaction_at DESC LIMIT ?`,
    ),
    // Many matches: walk clients newest first and stop at the limit. The planner would
    // rather sort every match, so the index is named (it is created by migration 0002);
    // it holds the rowid too, so the walk never leaves the index.
    broad: db.prepare(
      `SELECT c.rowid AS rowid FROM clients c INDEXED BY clients_by_last_interaction
       WHERE c.rowid IN (SELECT ${table}.rowid FROM ${table} WHERE ${where})
       ORDER BY c.last_interaction_at DESC LIMIT ?`,
    ),
  };
}
