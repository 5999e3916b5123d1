import type { Db } from '../types';
import type { Migration } from '../migration-types';

/**
 * Forgiving search (issue #10 item 9, docs/forgiving-search.md): two indexes
 * beside client_search, both keyed by clients.rowid and holding folded name
 * words only.
 *
 * - client_name_grams: FTS5 trigram index of the name words, for substrings
 *   of three letters or more ("worth" finds Ashworth). Contentless, like
 *   client_search.
 * - clients_by_birth: a name typed with a year or month of birth
 *   ("laura o briain 1964") keeps the clients born then by a range of this
 *   index, read without touching the rows.
 * - The name vocabulary for one-edit typos: name_words (each distinct word of
 *   four letters or more and how many clients use it), name_word_keys (the
 *   word and the word with one letter left out, the lookup keys) and
 *   client_name_words (which words each client brought, so a word leaves with
 *   its last client).
 *
 * The clients service keeps them (src-main/core/clients/name-index.ts). A
 * trigger also clears them, and the client's client_search row, when a
 * client row is deleted, whichever code deletes it: a removed client's name
 * must not stay searchable. Existing clients are indexed here, in JavaScript,
 * because the words are folded the way the rest of search folds them.
 *
 * The folding and indexing below are this migration's own copy of the code as
 * it was when the migration landed (clients/search-index.ts, clients/name-index.ts,
 * clients/edit-distance.ts): a migration is immutable, so it must not change
 * when the live clients code does, and db/ never imports a domain folder
 * (docs/core-structure.md).
 */
export const migration0014: Migration = {
  version: 14,
  name: 'forgiving-search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE client_name_grams USING fts5(
        names,
        tokenize = 'trigram',
        content = '',
        contentless_delete = 1
      );
      CREATE TABLE client_name_words (
        client_rowid INTEGER PRIMARY KEY,   -- clients.rowid, as client_search
        words        TEXT NOT NULL          -- JSON array of the client's vocabulary words
      ) STRICT;
      CREATE TABLE name_words (
        word TEXT PRIMARY KEY,
        uses INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE name_word_keys (
        key  TEXT NOT NULL,
        word TEXT NOT NULL,
        PRIMARY KEY (key, word)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX name_word_keys_by_word ON name_word_keys (word);
      CREATE INDEX clients_by_birth ON clients (date_of_birth);
      CREATE TRIGGER client_search_on_delete AFTER DELETE ON clients
      BEGIN
        DELETE FROM client_search WHERE rowid = OLD.rowid;
        DELETE FROM client_name_grams WHERE rowid = OLD.rowid;
        UPDATE name_words SET uses = uses - 1
          WHERE word IN (SELECT value FROM json_each((SELECT words FROM client_name_words WHERE client_rowid = OLD.rowid)));
        DELETE FROM name_word_keys
          WHERE word IN (SELECT value FROM json_each((SELECT words FROM client_name_words WHERE client_rowid = OLD.rowid)))
            AND word IN (SELECT word FROM name_words WHERE uses <= 0);
        DELETE FROM name_words
          WHERE word IN (SELECT value FROM json_each((SELECT words FROM client_name_words WHERE client_rowid = OLD.rowid)))
            AND uses <= 0;
        DELETE FROM client_name_words WHERE client_rowid = OLD.rowid;
      END;
    `);
    // Read first, then write: a statement still iterating would keep the connection busy.
    const rows = db.prepare('SELECT rowid, first_name, last_name, preferred_name FROM clients').all() as Array<{
      rowid: number;
      first_name: string;
      last_name: string;
      preferred_name: string | null;
    }>;
    for (const r of rows) {
      indexNameWords0014(db, r.rowid, nameWords0014({ firstName: r.first_name, lastName: r.last_name, preferredName: r.preferred_name ?? '' }));
    }
  },
};

// --- As clients/search-index.ts folded names when this migration landed ---

const UNDECOMPOSABLE: Record<string, string> = {
  ł: 'l', Ł: 'l', đ: 'd', Đ: 'd', ø: 'o', Ø: 'o', ß: 'ss', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe',
  ı: 'i', þ: 'th', Þ: 'th', ð: 'd', Ð: 'd', ħ: 'h', Ħ: 'h',
};
const UNDECOMPOSABLE_RE = new RegExp(`[${Object.keys(UNDECOMPOSABLE).join('')}]`, 'gu');

function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(UNDECOMPOSABLE_RE, (c) => UNDECOMPOSABLE[c]!)
    .normalize('NFC')
    .toLowerCase();
}

function wordsOf(folded: string): string[] {
  return folded.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Each folded word of the names, and each many-word name run together ("Ó Briain" → "obriain"). */
function nameWords0014(identity: { firstName: string; lastName: string; preferredName: string }): string[] {
  const out = new Set<string>();
  for (const part of [identity.firstName, identity.lastName, identity.preferredName]) {
    const words = wordsOf(foldForSearch(part));
    for (const w of words) out.add(w);
    if (words.length > 1) out.add(words.join(''));
  }
  return [...out];
}

// --- As clients/name-index.ts indexed them (vocabulary words of 4+ letters, keyed by one-letter deletions) ---

const MIN_VOCABULARY_LETTERS = 4;

function deletionVariants(word: string): string[] {
  const letters = [...word];
  const out = new Set<string>();
  for (let i = 0; i < letters.length; i++) out.add([...letters.slice(0, i), ...letters.slice(i + 1)].join(''));
  return [...out];
}

/**
 * One client's name words into the new tables. The tables were created empty
 * by this migration and each client rowid comes once, so there is nothing to
 * unindex first (the live indexNameWords does that for a client re-indexed).
 */
function indexNameWords0014(db: Db, rowid: number | bigint, words: readonly string[]): void {
  db.prepare('INSERT INTO client_name_grams (rowid, names) VALUES (?, ?)').run(rowid, ` ${words.join(' ')} `);
  const vocab = [...new Set(words)].filter((w) => [...w].length >= MIN_VOCABULARY_LETTERS);
  db.prepare('INSERT INTO client_name_words (client_rowid, words) VALUES (?, ?)').run(rowid, JSON.stringify(vocab));
  const use = db.prepare('INSERT INTO name_words (word, uses) VALUES (?, 1) ON CONFLICT (word) DO UPDATE SET uses = uses + 1 RETURNING uses');
  const addKey = db.prepare('INSERT OR IGNORE INTO name_word_keys (key, word) VALUES (?, ?)');
  for (const word of vocab) {
    const { uses } = use.get(word) as { uses: number };
    if (uses === 1) for (const key of new Set([word, ...deletionVariants(word)])) addKey.run(key, word);
  }
}
