/**
 * What the one search box was given, and the FTS5 MATCH expression that finds
 * it. Pure, so the table of cases is tested without a database.
 *
 * Safety: user text never reaches MATCH syntax as typed. It is folded and cut
 * into runs of letters and digits (the same way the index was built), and each
 * run is written as a double-quoted FTS5 string, so quotes, brackets, NEAR,
 * AND, column names or a stray '*' are only ever searched for as words.
 */
import { parseUkDate } from '../../contract/uk-formats';
import { dobToken, emailKey, foldForSearch, fullNameKey, wordsOf } from './search-index';

export type SearchKind = 'name' | 'phone' | 'email' | 'postcode' | 'dob';
/** What a hit was found by: a kind of query, or for names a part of one ("worth" in Ashworth) or a spelling one edit away. */
export type MatchedOn = SearchKind | 'name-part' | 'similar-name';

/**
 * One lookup in the index. A query runs its phases in order until the page is
 * full: exact matches first (in order of recent activity), then the ranked ones.
 */
export interface SearchPhase {
  match: string;
  matchedOn: MatchedOn;
  /** bm25 order (then recency); false: recency only, for exact matches. */
  ranked: boolean;
  /** Recency order over what may be thousands of matches: counted first, walked newest first if many. */
  broad?: boolean;
  /** 'grams': the trigram index of name words (migration 0013) instead of client_search. */
  index?: 'grams';
  /** Born in this range of ISO dates, from (inclusive) to (exclusive): a name typed with a year or date. */
  born?: BornRange;
}

export interface BornRange {
  from: string;
  to: string;
}

/**
 * The last phase of a name search, built once the words one edit from each
 * typed word are known (they come from the clinic's own names, so the core
 * looks them up: src-main/core/clients/name-index.ts).
 */
export interface TypoPlan {
  words: string[];
  born?: BornRange;
}

export type ParsedQuery =
  | { kind: 'recent' }
  /** Something was typed, but nothing in it can be searched for (only punctuation, or too few digits). */
  | { kind: 'nothing' }
  | { kind: SearchKind; phases: SearchPhase[]; typos?: TypoPlan };

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

/**
 * A date of birth or part of one, as the start of the dob column's YYYYMMDD
 * token: "12/06/1964" → "19640612", "06/1964" or "6/1964" → "196406", "1964"
 * → "1964". Years from 1900 to 2099 only, so "0117" or "7700" stay numbers.
 */
export function dobPrefix(text: string): string | null {
  const t = text.trim();
  const full = parseUkDate(t);
  if (full) return dobToken(full);
  const monthYear = /^(\d{1,2})[/.-]((?:19|20)\d\d)$/.exec(t);
  if (monthYear) {
    const month = Number(monthYear[1]);
    return month >= 1 && month <= 12 ? `${monthYear[2]}${String(month).padStart(2, '0')}` : null;
  }
  return /^(?:19|20)\d\d$/.test(t) ? t : null;
}

/**
 * The ISO dates a dobPrefix covers, for the clients_by_birth index
 * (migration 0013): "1964" → 1964 to 1964~, "196406" → 1964-06 to 1964-06~.
 * "~" sorts after every digit and "-", so the range holds every day in it.
 * A range in a b-tree index, not an FTS5 prefix: "1964"* merges the
 * doclists of every day of that year, which at 200,000 clients cost more
 * than the rest of the search.
 */
export function bornRange(prefixOfToken: string): BornRange {
  const iso = [prefixOfToken.slice(0, 4), prefixOfToken.slice(4, 6), prefixOfToken.slice(6, 8)].filter(Boolean).join('-');
  return { from: iso, to: `${iso}~` };
}

/** The dob column clause for a prefix from dobPrefix: a whole date is one token, a year or month a prefix. */
function dobClause(prefixOfToken: string): string {
  return prefixOfToken.length === 8 ? `dob : ${ftsString(prefixOfToken)}` : `dob : ${prefix(prefixOfToken)}`;
}

export function classifyQuery(raw: string): SearchKind | 'recent' {
  const q = raw.trim();
  if (q === '') return 'recent';
  if (q.includes('@') || (/^\S+$/.test(q) && /\p{L}/u.test(q) && /\p{L}\.\p{L}/u.test(q))) return 'email';
  if (/\d/.test(q) && /^[\d/.\s-]+$/.test(q) && dobPrefix(q)) return 'dob';
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

/** Substrings shorter than this match too much of any clinic to be worth a look inside names. */
const MIN_SUBSTRING_LETTERS = 3;
const letters = (w: string) => [...w].length;
const wordClause = (w: string) => `(${ftsString(w)} OR ${prefix(w)})`;
/**
 * A word in the trigram index: three letters or more anywhere in a name;
 * shorter, too few letters for a trigram, so the start of a word (" jo") or,
 * for one letter, that word alone (" o ").
 */
const insideClause = (w: string) => ftsString(letters(w) >= MIN_SUBSTRING_LETTERS ? w : letters(w) === 2 ? ` ${w}` : ` ${w} `);

/**
 * A name, perhaps with a year or date of birth ("laura o briain 1964",
 * "smith 06/1964"). Phases, best first: the exact full name; every word whole
 * or as a prefix (bm25); the start of an email address; each word of three
 * letters or more anywhere inside a name ("worth" in Ashworth); and last
 * (TypoPlan) words of five letters or more spelt one edit away.
 */
function nameQuery(raw: string): ParsedQuery {
  const pieces = raw.split(/\s+/);
  const dobAt = pieces.findIndex((p) => dobPrefix(p) !== null);
  const dob = dobAt >= 0 ? dobPrefix(pieces[dobAt]!)! : null;
  const nameText = dobAt >= 0 ? pieces.filter((_, i) => i !== dobAt).join(' ') : raw;
  const words = wordsOf(foldForSearch(nameText).replace(APOSTROPHES, '')).slice(0, MAX_NAME_WORDS);
  if (words.length === 0) return { kind: 'nothing' };
  const born = dob ? { born: bornRange(dob) } : {};
  const phases: SearchPhase[] = [];
  // The run-together full name ("zoehartley"), indexed for first + last in either order.
  if (words.length >= 2) phases.push({ ...exact(`names : ${ftsString(fullNameKey(...words))}`, 'name'), ...born });
  // "ann" OR "ann"*: a whole-word match scores twice, so Ann ranks above Annabel.
  phases.push({ ...ranked(`names : (${words.map(wordClause).join(' AND ')})`, 'name'), ...born });
  // One unspaced word may be the start of an email address without a dot ("zhartley88").
  const email = /^\S+$/.test(raw) ? emailPrefix(raw) : null;
  if (email) phases.push(ranked(email, 'email'));
  // Inside names (the trigram index, where each word has a space either side).
  if (words.some((w) => letters(w) >= MIN_SUBSTRING_LETTERS)) {
    phases.push({ match: `names : (${words.map(insideClause).join(' AND ')})`, matchedOn: 'name-part', ranked: false, broad: true, index: 'grams', ...born });
  }
  return { kind: 'name', phases, typos: { words, ...born } };
}

/**
 * The typo phase: each word whole, as a prefix, or as one of the spellings one
 * edit from it found in the clinic's names. Null when no word has any: the
 * phase would only repeat the prefix phase.
 */
export function typoPhase(plan: TypoPlan, near: ReadonlyMap<string, readonly string[]>): SearchPhase | null {
  if (!plan.words.some((w) => (near.get(w)?.length ?? 0) > 0)) return null;
  const clause = (w: string) => `(${[ftsString(w), prefix(w), ...(near.get(w) ?? []).map(ftsString)].join(' OR ')})`;
  return {
    match: `names : (${plan.words.map(clause).join(' AND ')})`,
    matchedOn: 'similar-name',
    ranked: false,
    broad: true,
    ...(plan.born ? { born: plan.born } : {}),
  };
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
    case 'dob': {
      const p = dobPrefix(q)!;
      if (p.length === 8) return { kind, phases: [exact(dobClause(p), 'dob')] };
      const phases: SearchPhase[] = [{ match: dobClause(p), matchedOn: 'dob', ranked: false, broad: true }];
      // Four digits may also be the start of a phone number (01964 is East Yorkshire).
      if (/^\d+$/.test(q)) phases.push(ranked(`phones : (${phoneAlternatives(q).map(prefix).join(' OR ')})`, 'phone'));
      return { kind, phases };
    }
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
