/**
 * What the one search box was given, and the FTS5 MATCH expression that finds
 * it. Pure, so the table of cases is tested without a database.
 *
 * Safety: user text never reaches MATCH syntax as typed. It is folded and cut
 * into runs of letters and digits (the same way the index was built), and each
 * run is written as a double-quoted FTS5 string, so quotes, brackets, NEAR,
 * AND, column names or a stray '*' are only ever searched for as words.
 */
import { parseUkDate } from '../../shared/uk-formats';
import { dobToken, emailKey, foldForSearch, fullNameKey, wordsOf } from './search-index';

export type SearchKind = 'name' | 'phone' | 'email' | 'postcode' | 'dob';

/**
 * One lookup in the index. A query runs its phases in order until the page is
 * full: exact matches first (in order of recent activity), then the ranked ones.
 */
export interface SearchPhase {
  match: string;
  matchedOn: SearchKind;
  /** bm25 order (then recency); false: recency only, for exact matches. */
  ranked: boolean;
}

export type ParsedQuery =
  | { kind: 'recent' }
  /** Something was typed, but nothing in it can be searched for (only punctuation, or too few digits). */
  | { kind: 'nothing' }
  | { kind: SearchKind; phases: SearchPhase[] };

/** More words than this add nothing to a name search but cost time. */
const MAX_NAME_WORDS = 6;
/** Fewer digits than this match most of the clinic: not a useful phone search. */
const MIN_PHONE_DIGITS = 3;

const PHONE_LIKE = /^\+?[\d\s().-]+$/;
/** A full postcode, an outward code ("BS1", "SW1A"), or an outward code and the start of the inward one. */
const POSTCODE_LIKE = /^[a-z]{1,2}\d[a-z\d]?(\s*\d[a-z]{0,2})?$/i;
const FULL_POSTCODE = /^[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}$/i;

/** A double-quoted FTS5 string: embedded quotes doubled, as FTS5 requires. */
export function ftsString(token: string): string {
  return `"${token.replaceAll('"', '""')}"`;
}

const prefix = (token: string) => `${ftsString(token)}*`;

export function classifyQuery(raw: string): SearchKind | 'recent' {
  const q = raw.trim();
  if (q === '') return 'recent';
  if (q.includes('@') || (/^\S+$/.test(q) && /\p{L}/u.test(q) && /\p{L}\.\p{L}/u.test(q))) return 'email';
  if (/\d/.test(q) && /^[\d/.\s-]+$/.test(q) && parseUkDate(q)) return 'dob';
  if (PHONE_LIKE.test(q)) return 'phone';
  if (POSTCODE_LIKE.test(q)) return 'postcode';
  return 'name';
}

/**
 * The ways a typed number may appear in the phones column (national number
 * without its 0, and tails of 6+ digits): as typed, without a leading 0, and
 * without +44 / 0044 / 44 (and a "(0)" after it).
 */
export function phoneAlternatives(raw: string): string[] {
  const digits = raw.replace(/\D/g, '');
  const alts = new Set<string>([digits]);
  const dropZero = (d: string) => (d.startsWith('0') ? d.slice(1) : d);
  alts.add(dropZero(digits));
  if (digits.startsWith('0044')) alts.add(dropZero(digits.slice(4)));
  else if (digits.startsWith('44')) alts.add(dropZero(digits.slice(2)));
  return [...alts].filter((d) => d.length >= MIN_PHONE_DIGITS);
}

const exact = (match: string, matchedOn: SearchKind): SearchPhase => ({ match, matchedOn, ranked: false });
const ranked = (match: string, matchedOn: SearchKind): SearchPhase => ({ match, matchedOn, ranked: true });

/** The address run together, as a prefix: "jane.d" finds jane.doe@…, "jane_doe8" jane_doe88@…, "doe" jane.doe@…. */
function emailPrefix(raw: string): string | null {
  const key = emailKey(raw);
  return key ? `email : ${prefix(key)}` : null;
}

/** Apostrophes inside a name: "O'Connor" is searched as "oconnor" (indexed too), not the costly one-letter prefix "o". */
const APOSTROPHES = /['’‘ʼ`]/g;

function nameQuery(raw: string): ParsedQuery {
  const words = wordsOf(foldForSearch(raw).replace(APOSTROPHES, '')).slice(0, MAX_NAME_WORDS);
  if (words.length === 0) return { kind: 'nothing' };
  const phases: SearchPhase[] = [];
  // The run-together full name ("zoehartley"), indexed for first + last in either order.
  if (words.length >= 2) phases.push(exact(`names : ${ftsString(fullNameKey(...words))}`, 'name'));
  // "ann" OR "ann"*: a whole-word match scores twice, so Ann ranks above Annabel.
  phases.push(ranked(`names : (${words.map((w) => `(${ftsString(w)} OR ${prefix(w)})`).join(' AND ')})`, 'name'));
  // One unspaced word may be the start of an email address without a dot ("zhartley88").
  const email = /^\S+$/.test(raw) ? emailPrefix(raw) : null;
  if (email) phases.push(ranked(email, 'email'));
  return { kind: 'name', phases };
}

export function parseSearchQuery(raw: string): ParsedQuery {
  const kind = classifyQuery(raw);
  const q = raw.trim();
  switch (kind) {
    case 'recent':
      return { kind };
    case 'name':
      return nameQuery(q);
    case 'email': {
      const match = emailPrefix(q);
      return match ? { kind, phases: [ranked(match, 'email')] } : { kind: 'nothing' };
    }
    case 'dob':
      return { kind, phases: [exact(`dob : ${ftsString(dobToken(parseUkDate(q)!))}`, 'dob')] };
    case 'phone': {
      const alts = phoneAlternatives(q);
      if (alts.length === 0) return { kind: 'nothing' };
      return { kind, phases: [ranked(`phones : (${alts.map(prefix).join(' OR ')})`, 'phone')] };
    }
    case 'postcode': {
      const compact = q.replace(/\s+/g, '').toLowerCase();
      if (FULL_POSTCODE.test(q)) return { kind, phases: [exact(`postcode : ${ftsString(compact)}`, 'postcode')] };
      const parts = q.toLowerCase().split(/\s+/);
      // "BS1 4": the outward code whole, then the start of the inward code.
      if (parts.length === 2) return { kind, phases: [ranked(`postcode : ${ftsString(parts.join(' '))}*`, 'postcode')] };
      // "BS1" alone: that outward code first, then longer ones it begins (BS10…, or SW1 → SW1A).
      return {
        kind,
        phases: [exact(`postcode : ${ftsString(compact)}`, 'postcode'), ranked(`postcode : ${prefix(compact)}`, 'postcode')],
      };
    }
  }
}
