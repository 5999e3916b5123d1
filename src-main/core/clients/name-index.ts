/**
 * The two indexes behind the forgiving search (migration 0013,
 * docs/forgiving-search.md), kept by the same calls that keep client_search
 * (search-index.ts indexClient / unindexClient):
 *
 * - client_name_grams: a contentless FTS5 trigram index of each client's name
 *   words, keyed by clients.rowid, so "worth" finds Ashworth. The words are
 *   written with a space either side, so " jo" is a word beginning "jo" and
 *   " o " the word "o": the short words of a query need no second index.
 * - the name vocabulary: every distinct name word of four letters or more
 *   (name_words, with how many clients use it), and for each the word itself
 *   and the word with one letter left out (name_word_keys). A typed word and
 *   any word one edit from it share one of those keys, so "smiht" finds
 *   "smith" with a handful of exact lookups. client_name_words remembers which
 *   words each client brought, so a word leaves the vocabulary when its last
 *   client is renamed or removed: a removed client's name does not linger.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../db/types';
import { deletionVariants, withinOneEdit } from './edit-distance';

/** Words shorter than this are never a typo's target: the rule is one edit for typed words of five letters or more. */
export const MIN_VOCABULARY_LETTERS = 4;
export const MIN_TYPO_LETTERS = 5;

const letters = (w: string) => [...w].length;

/** The keys a vocabulary word is found by: itself and each one-letter deletion. */
function keysOf(word: string): string[] {
  return [...new Set([word, ...deletionVariants(word)])];
}

type Statement = BetterSqlite3.Statement<unknown[]>;
interface Statements {
  removeGrams: Statement;
  insertGrams: Statement;
  wordsOfClient: Statement;
  forgetClient: Statement;
  rememberClient: Statement;
  use: Statement;
  release: Statement;
  usesOf: Statement;
  dropWord: Statement;
  addKey: Statement;
  dropKeys: Statement;
  lookup: Statement;
}
const statements = new WeakMap<Db, Statements>();

function statementsFor(db: Db): Statements {
  let s = statements.get(db);
  if (!s) {
    s = {
      removeGrams: db.prepare('DELETE FROM client_name_grams WHERE rowid = ?'),
      insertGrams: db.prepare('INSERT INTO client_name_grams (rowid, names) VALUES (?, ?)'),
      wordsOfClient: db.prepare('SELECT words FROM client_name_words WHERE client_rowid = ?'),
      forgetClient: db.prepare('DELETE FROM client_name_words WHERE client_rowid = ?'),
      rememberClient: db.prepare('INSERT INTO client_name_words (client_rowid, words) VALUES (?, ?)'),
      use: db.prepare('INSERT INTO name_words (word, uses) VALUES (?, 1) ON CONFLICT (word) DO UPDATE SET uses = uses + 1 RETURNING uses'),
      release: db.prepare('UPDATE name_words SET uses = uses - 1 WHERE word = ? RETURNING uses'),
      usesOf: db.prepare('SELECT uses FROM name_words WHERE word = ?'),
      dropWord: db.prepare('DELETE FROM name_words WHERE word = ?'),
      addKey: db.prepare('INSERT OR IGNORE INTO name_word_keys (key, word) VALUES (?, ?)'),
      dropKeys: db.prepare('DELETE FROM name_word_keys WHERE word = ?'),
      lookup: db.prepare('SELECT DISTINCT word FROM name_word_keys WHERE key IN (SELECT value FROM json_each(?))'),
    };
    statements.set(db, s);
  }
  return s;
}

function vocabularyWords(words: readonly string[]): string[] {
  return [...new Set(words)].filter((w) => letters(w) >= MIN_VOCABULARY_LETTERS);
}

function releaseWords(s: Statements, words: readonly string[]): void {
  for (const word of words) {
    const row = s.release.get(word) as { uses: number } | undefined;
    if (row && row.uses <= 0) {
      s.dropWord.run(word);
      s.dropKeys.run(word);
    }
  }
}

function useWords(s: Statements, words: readonly string[]): void {
  for (const word of words) {
    const { uses } = s.use.get(word) as { uses: number };
    if (uses === 1) for (const key of keysOf(word)) s.addKey.run(key, word);
  }
}

/** Writes (or rewrites) one client's name words. Call inside the transaction that changes the client. */
export function indexNameWords(db: Db, rowid: number | bigint, words: readonly string[]): void {
  const s = statementsFor(db);
  unindexNameWords(db, rowid);
  s.insertGrams.run(rowid, ` ${words.join(' ')} `);
  const vocab = vocabularyWords(words);
  s.rememberClient.run(rowid, JSON.stringify(vocab));
  useWords(s, vocab);
}

/** Removes a client's name words; a word no other client has leaves the vocabulary. */
export function unindexNameWords(db: Db, rowid: number | bigint): void {
  const s = statementsFor(db);
  s.removeGrams.run(rowid);
  const row = s.wordsOfClient.get(rowid) as { words: string } | undefined;
  if (!row) return;
  s.forgetClient.run(rowid);
  releaseWords(s, JSON.parse(row.words) as string[]);
}

/**
 * The words in the clinic's names one edit from a typed word (a letter added,
 * dropped, changed, or two neighbours swapped), the word itself left out.
 * Empty for words under five letters: "ann" must not find "anna" and "jan".
 */
export function spellingsNear(db: Db, typed: string): string[] {
  if (letters(typed) < MIN_TYPO_LETTERS) return [];
  const candidates = statementsFor(db).lookup.all(JSON.stringify(keysOf(typed))) as { word: string }[];
  // Keys shared by words two edits apart ("brian", "brioa") are dropped here.
  return candidates.map((r) => r.word).filter((w) => w !== typed && withinOneEdit(typed, w));
}
