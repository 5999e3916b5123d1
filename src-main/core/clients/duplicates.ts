/**
 * The duplicate check (issue #10 item 2, docs/duplicates.md): which clients
 * already on file look like the person being added or edited.
 *
 * A record is a possible duplicate when it has
 *  - the same date of birth and a similar name: compared without accents,
 *    spaces, apostrophes, hyphens or case ("Laura O Briain" and "Laura Ó Briain"
 *    are the same), allowing one slip in a name of five letters or more, a
 *    first name given as the preferred name, and first and last swapped;
 *  - the same email address (ignoring case and surrounding spaces); or
 *  - the same mobile number, in any format, also when it is one of their other phones.
 *
 * Candidates come from the search index (client_search), one lookup per fact
 * (date of birth, phone, email), so the check costs the same at 50,000 clients
 * as at 500; records merged into another have left the index and are never
 * offered. Pairs confirmed as different people (client_distinct_pairs) are left out.
 */
import type { DuplicateReason, PossibleDuplicate } from '../../contract/duplicate-types';
import type { ClientIdentity, OtherPhone } from '../../contract/record-types';
import { normaliseUkPhone } from '../../contract/uk-formats';
import type { Db } from '../db/types';
import { normaliseEmail } from '../../contract/uk-formats';
import { dobToken, emailKey, foldForSearch, wordsOf } from './search-index';

export type DuplicateProbe = Pick<ClientIdentity, 'firstName' | 'lastName' | 'preferredName' | 'dateOfBirth' | 'email' | 'mobile'>;

/** Enough for the prompt: more than a handful means the facts typed are too thin to judge. */
const MAX_MATCHES = 10;
/** Candidates read per lookup: a shared date of birth at a big clinic is a few dozen people at most. */
const MAX_CANDIDATES = 200;

interface CandidateRow {
  id: string;
  first_name: string;
  last_name: string;
  preferred_name: string | null;
  date_of_birth: string | null;
  email: string | null;
  mobile: string | null;
  other_phones: string;
  postcode: string | null;
}

/** A name as the check compares it: folded, letters and digits only ("Ó Briain" → "obriain"). */
export function nameKey(name: string): string {
  return wordsOf(foldForSearch(name)).join('');
}

/** Levenshtein distance, stopping early once it is over `limit` (only "at most one" is ever asked). */
export function editDistanceWithin(a: string, b: string, limit: number): boolean {
  if (Math.abs(a.length - b.length) > limit) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > limit) return false;
    prev = cur;
  }
  return prev[b.length]! <= limit;
}

/**
 * Two name keys that are the same name: equal, or one slip apart when both
 * have five letters or more. A name with digits in it ("Client 7", a walk-in
 * placeholder or an import's) is an identifier: only the same one matches.
 */
export function similarNameKeys(a: string, b: string): boolean {
  if (a === '' || b === '') return false;
  if (a === b) return true;
  if (/\d/.test(a) || /\d/.test(b)) return false;
  return Math.min(a.length, b.length) >= 5 && editDistanceWithin(a, b, 1);
}

/** Whether the probe's name and a record's name look like the same person's. */
export function similarNames(probe: Pick<DuplicateProbe, 'firstName' | 'lastName' | 'preferredName'>, row: CandidateRow): boolean {
  const probeFirsts = [probe.firstName, probe.preferredName].map(nameKey).filter((k) => k !== '');
  const rowFirsts = [row.first_name, row.preferred_name ?? ''].map(nameKey).filter((k) => k !== '');
  const probeLast = nameKey(probe.lastName);
  const rowLast = nameKey(row.last_name);
  const firstsMatch = (xs: string[], ys: string[]) => xs.some((x) => ys.some((y) => similarNameKeys(x, y)));
  if (similarNameKeys(probeLast, rowLast) && firstsMatch(probeFirsts, rowFirsts)) return true;
  // First and last typed the wrong way round.
  if (similarNameKeys(probeLast, nameKey(row.first_name)) && firstsMatch(probeFirsts, [rowLast])) return true;
  // A space in one and not the other, across the two fields ("Mary Ann" + "Lee" / "Mary" + "Ann Lee").
  const whole = nameKey(probe.firstName) + probeLast;
  return whole !== '' && whole === nameKey(row.first_name) + rowLast;
}

function phonesOf(row: CandidateRow): string[] {
  let others: OtherPhone[] = [];
  try {
    const parsed: unknown = JSON.parse(row.other_phones || '[]');
    if (Array.isArray(parsed)) others = parsed as OtherPhone[];
  } catch {
    others = [];
  }
  return [row.mobile ?? '', ...others.map((o) => o?.number ?? '')].map((p) => (p ? normaliseUkPhone(p) : null)).filter((p): p is string => !!p);
}

/** An FTS5 phrase: the tokens are letters and digits only, quoted so none is read as an operator. */
const phrase = (column: string, token: string) => `${column} : "${token}"`;

export class DuplicateFinder {
  private readonly candidatesStmt;
  private readonly distinctStmt;

  constructor(private readonly db: Db) {
    this.candidatesStmt = db.prepare(
      `SELECT c.id, c.first_name, c.last_name, c.preferred_name, c.date_of_birth, c.email, c.mobile, c.other_phones, c.postcode
       FROM client_search s JOIN clients c ON c.rowid = s.rowid
       WHERE client_search MATCH ? LIMIT ${MAX_CANDIDATES}`,
    );
    this.distinctStmt = db.prepare(
      `SELECT CASE WHEN first_id = @id THEN second_id ELSE first_id END AS other
       FROM client_distinct_pairs WHERE first_id = @id OR second_id = @id`,
    );
  }

  /** Possible duplicates of `probe`, best first (more reasons first). `excludeId` is the record being edited. */
  find(probe: DuplicateProbe, excludeId?: string): PossibleDuplicate[] {
    const dob = dobToken(probe.dateOfBirth);
    const email = normaliseEmail(probe.email);
    const mobile = probe.mobile ? normaliseUkPhone(probe.mobile) : null;
    const clauses: string[] = [];
    if (dob && (nameKey(probe.firstName) || nameKey(probe.lastName))) clauses.push(phrase('dob', dob));
    if (email && emailKey(email)) clauses.push(phrase('email', emailKey(email)));
    // The index holds the national number without its leading 0 (search-index.ts phoneTokens).
    if (mobile) clauses.push(phrase('phones', mobile.slice(1)));
    if (clauses.length === 0) return [];

    const skip = new Set<string>(excludeId ? [excludeId, ...this.distinctFrom(excludeId)] : []);
    const rows = this.candidatesStmt.all(clauses.join(' OR ')) as CandidateRow[];
    const matches: PossibleDuplicate[] = [];
    for (const row of rows) {
      if (skip.has(row.id)) continue;
      const reasons: DuplicateReason[] = [];
      if (dob && row.date_of_birth === probe.dateOfBirth && similarNames(probe, row)) reasons.push('name-and-date-of-birth');
      // The index folds punctuation away ("a.b@" meets "ab@"): the address itself must be the same.
      if (email && normaliseEmail(row.email ?? '') === email) reasons.push('email');
      if (mobile && phonesOf(row).includes(mobile)) reasons.push('mobile');
      if (reasons.length === 0) continue;
      matches.push({
        id: row.id,
        firstName: row.first_name,
        lastName: row.last_name,
        preferredName: row.preferred_name ?? '',
        dateOfBirth: row.date_of_birth ?? '',
        postcode: row.postcode ?? '',
        email: row.email ?? '',
        mobile: row.mobile ?? '',
        reasons,
      });
    }
    matches.sort((a, b) => b.reasons.length - a.reasons.length || a.lastName.localeCompare(b.lastName) || a.id.localeCompare(b.id));
    return matches.slice(0, MAX_MATCHES);
  }

  /** The records confirmed as a different person from this one. */
  distinctFrom(clientId: string): string[] {
    return (this.distinctStmt.all({ id: clientId }) as { other: string }[]).map((r) => r.other);
  }

  /** Records that `a` and `b` are different people, so the check stops raising the pair. */
  markDistinct(a: string, b: string, staffId: string, at: string): void {
    const [first, second] = a < b ? [a, b] : [b, a];
    this.db
      .prepare(
        `INSERT INTO client_distinct_pairs (first_id, second_id, confirmed_at, confirmed_by) VALUES (?, ?, ?, ?)
         ON CONFLICT (first_id, second_id) DO NOTHING`,
      )
      .run(first, second, at, staffId);
  }
}
