import { nameWords } from '../../clients/search-index';
import { indexNameWords } from '../../clients/name-index';
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
      indexNameWords(db, r.rowid, nameWords({ firstName: r.first_name, lastName: r.last_name, preferredName: r.preferred_name ?? '' }));
    }
  },
};
