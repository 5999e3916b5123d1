/**
 * The client_search FTS5 index (migration 0002): contentless, one row per
 * client keyed by clients.rowid, holding only folded tokens (the values
 * themselves stay in `clients`). Both the clients service and the synthetic
 * clinic seeder build documents with `searchDocumentFor` and write them with
 * `indexClient`, so a seeded clinic is searched exactly like a real one.
 *
 * The query side (client-search.ts) folds and reshapes what was typed with the
 * same helpers, so "zoe" meets "Zoë", "07700 900123" meets "+44 7700 900123".
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../db/types';
import type { ClientIdentity } from '../../contract/record-types';
import { normaliseUkPhone, normaliseUkPostcode } from '../../contract/uk-formats';
import { indexNameWords, unindexNameWords } from './name-index';

export type SearchableIdentity = Pick<
  ClientIdentity,
  'firstName' | 'lastName' | 'preferredName' | 'dateOfBirth' | 'email' | 'mobile' | 'otherPhones' | 'postcode'
>;

/** One row of client_search: each column is a space-separated list of tokens. */
export interface SearchDocument {
  names: string;
  /** The name words (nameWords), for the substring and typo indexes; not a client_search column. */
  nameWords: string[];
  phones: string;
  email: string;
  postcode: string;
  dob: string;
}

/** Letters that carry no combining mark, so NFKD cannot fold them (Polish ł, Danish ø, German ß...). */
const UNDECOMPOSABLE: Record<string, string> = {
  ł: 'l', Ł: 'l', đ: 'd', Đ: 'd', ø: 'o', Ø: 'o', ß: 'ss', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe',
  ı: 'i', þ: 'th', Þ: 'th', ð: 'd', Ð: 'd', ħ: 'h', Ħ: 'h',
};
const UNDECOMPOSABLE_RE = new RegExp(`[${Object.keys(UNDECOMPOSABLE).join('')}]`, 'gu');

/**
 * Lower-case, accent-free text for matching: "Zoë", "Zoe\u0308" and "ZOE" all
 * become "zoe"; "Wiśniewska" becomes "wisniewska". Marks are removed after a
 * compatibility decomposition (which also drops Arabic vowel marks), then the
 * rest is recomposed so Hangul syllables stay whole.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(UNDECOMPOSABLE_RE, (c) => UNDECOMPOSABLE[c]!)
    .normalize('NFC')
    .toLowerCase();
}

/** Runs of letters or digits: what FTS5's unicode61 tokenizer keeps as tokens. */
export function wordsOf(folded: string): string[] {
  return folded.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Scripts written without spaces: a name like 王美玲 is one token, so its tails are indexed too. */
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;

/**
 * The words of a client's names, folded: each word, and each hyphenated,
 * apostrophe'd or spaced name also run together ("o'brien" → "obrien",
 * "Ó Briain" → "obriain"). The forgiving search looks inside these and spells
 * them one edit apart (src-main/core/clients/name-index.ts).
 */
export function nameWords(identity: Pick<SearchableIdentity, 'firstName' | 'lastName' | 'preferredName'>): string[] {
  const out = new Set<string>();
  for (const part of [identity.firstName, identity.lastName, identity.preferredName]) {
    const words = wordsOf(foldForSearch(part));
    for (const w of words) out.add(w);
    if (words.length > 1) out.add(words.join(''));
  }
  return [...out];
}

/**
 * The tokens for the names column: the name words (above), tails of
 * unspaced-script names (so "美玲" finds "王美玲"), and one run-together key per
 * full name ("zoehartley", "hartleyzoe") that the search uses to put exact
 * full-name matches first.
 */
function nameTokens(identity: SearchableIdentity, words: string[]): string[] {
  const tokens = new Set<string>();
  for (const w of words) {
    tokens.add(w);
    if (UNSPACED_SCRIPT.test(w)) for (let i = 1; i < [...w].length; i++) tokens.add([...w].slice(i).join(''));
  }
  for (const first of [identity.firstName, identity.preferredName]) {
    const f = fullNameKey(first);
    const l = fullNameKey(identity.lastName);
    if (f && l) {
      tokens.add(f + l);
      tokens.add(l + f);
    }
  }
  return [...tokens];
}

/** The run-together key of a full name ("Zoë", "Hartley" → "zoehartley"), shared with the query side. */
export function fullNameKey(...parts: string[]): string {
  return parts.flatMap((p) => wordsOf(foldForSearch(p))).join('');
}

/**
 * Phone tokens: the national number without its leading 0 (so "7700 900123",
 * "07700…" and "+44 7700…" are all prefixes of it once the query is shaped the
 * same way), plus its tails of 6 or more digits so the end of a number finds it.
 */
export function phoneTokens(number: string): string[] {
  const national = normaliseUkPhone(number);
  if (!national) return [];
  const tokens = new Set<string>([national.slice(1)]);
  for (let len = 6; len < national.length - 1; len++) tokens.add(national.slice(-len));
  return [...tokens];
}

/** Postcode tokens: the outward code ("bs1"), the inward code and the whole thing run together ("bs14dj"). */
export function postcodeTokens(postcode: string): string[] {
  const standard = normaliseUkPostcode(postcode);
  if (!standard) return [];
  const [outward, inward] = standard.toLowerCase().split(' ') as [string, string];
  return [outward, inward, outward + inward];
}

/**
 * Email tokens: the whole address run together ("zoehartleyexamplecouk"), so
 * any typed beginning of it is one prefix lookup, and the words of the part
 * before the @ ("zoe", "hartley"). Domain words are left out: nearly every
 * client shares "gmail" or "com", and a phrase through them is slow and finds
 * nothing more.
 */
export function emailTokens(email: string): string[] {
  const folded = foldForSearch(email.trim());
  const whole = emailKey(folded);
  if (!whole) return [];
  return [...new Set([whole, ...wordsOf(folded.split('@')[0]!)])];
}

/** An address, or the start of one, run together: how the query side shapes what was typed. */
export function emailKey(text: string): string {
  return wordsOf(foldForSearch(text)).join('');
}

/** The date of birth as one token, YYYYMMDD: a typed DD/MM/YYYY is reshaped to match. */
export function dobToken(isoDate: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? isoDate.replaceAll('-', '') : '';
}

export function searchDocumentFor(identity: SearchableIdentity): SearchDocument {
  const phones = [identity.mobile, ...identity.otherPhones.map((p) => p.number)].flatMap(phoneTokens);
  const words = nameWords(identity);
  return {
    names: nameTokens(identity, words).join(' '),
    nameWords: words,
    phones: [...new Set(phones)].join(' '),
    email: emailTokens(identity.email).join(' '),
    postcode: postcodeTokens(identity.postcode).join(' '),
    dob: dobToken(identity.dateOfBirth),
  };
}

/** Writes (or rewrites) one client's row. Call inside the transaction that changes the client. */
export function indexClient(db: Db, rowid: number | bigint, doc: SearchDocument): void {
  const s = statementsFor(db);
  s.remove.run(rowid);
  s.insert.run(rowid, doc.names, doc.phones, doc.email, doc.postcode, doc.dob);
  indexNameWords(db, rowid, doc.nameWords);
}

/** Removes a client's row (when the client itself is removed). */
export function unindexClient(db: Db, rowid: number | bigint): void {
  statementsFor(db).remove.run(rowid);
  unindexNameWords(db, rowid);
}

// Prepared once per database: the seeder indexes tens of thousands of clients in a row.
const statements = new WeakMap<Db, { remove: Statement; insert: Statement }>();
type Statement = BetterSqlite3.Statement<unknown[]>;

function statementsFor(db: Db) {
  let s = statements.get(db);
  if (!s) {
    s = {
      remove: db.prepare('DELETE FROM client_search WHERE rowid = ?'),
      insert: db.prepare('INSERT INTO client_search (rowid, names, phones, email, postcode, dob) VALUES (?, ?, ?, ?, ?, ?)'),
    };
    statements.set(db, s);
  }
  return s;
}
