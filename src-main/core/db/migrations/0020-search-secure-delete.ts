import type { Db } from '../types';
import type { Migration } from '../migration-types';

/**
 * Search indexes that can forget one client (issue #12 item 8,
 * docs/erasure-and-restriction.md).
 *
 * client_search (0002) and client_name_grams (0014) were contentless with
 * contentless_delete: a delete only left a tombstone, and the deleted row's
 * tokens stayed in the index's blocks until a merge. FTS5 never stored the
 * text, so it could not find those tokens by rowid, and an erasure had to
 * merge both indexes whole ('optimize'): seconds at 20,000 clients, growing
 * with the clinic.
 *
 * Here both are rebuilt as ordinary FTS5 tables, which keep each row's index
 * document (the folded tokens, not the client's typed values) beside the
 * index, with FTS5's 'secure-delete' option set. A delete then reads the row's
 * document and takes its tokens out of the blocks that hold them at once:
 * the cost is one client's tokens, whatever the clinic's size. It applies to
 * every delete, so a renamed client's old name also leaves at once.
 *
 * The documents are moved across from the old indexes' own tokens (fts5vocab
 * 'instance': each token with its row, column and position), so this
 * migration folds nothing and cannot drift from how the rows were indexed.
 * The trigger of 0014 deletes from the tables by name and needs no change.
 *
 * Also consent_current_by_event: consent_current.event_seq references
 * consent_events ON DELETE CASCADE, and without an index on it every consent
 * event an erasure deletes made SQLite scan the whole clinic's
 * consent_current for rows to cascade to (90 ms at 20,000 clients, growing
 * with the clinic).
 */
export const migration0020: Migration = {
  version: 20,
  name: 'search-secure-delete',
  up(db) {
    const search = documentsOf(db, 'client_search');
    const grams = documentsOf(db, 'client_name_grams');
    db.exec(`
      DROP TABLE client_search;
      DROP TABLE client_name_grams;
      CREATE VIRTUAL TABLE client_search USING fts5(
        names, phones, email, postcode, dob,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3'
      );
      INSERT INTO client_search (client_search, rank) VALUES ('secure-delete', 1);
      CREATE VIRTUAL TABLE client_name_grams USING fts5(
        names,
        tokenize = 'trigram'
      );
      INSERT INTO client_name_grams (client_name_grams, rank) VALUES ('secure-delete', 1);
      CREATE INDEX consent_current_by_event ON consent_current (event_seq);
    `);
    const columns = ['names', 'phones', 'email', 'postcode', 'dob'];
    const insertSearch = db.prepare('INSERT INTO client_search (rowid, names, phones, email, postcode, dob) VALUES (?, ?, ?, ?, ?, ?)');
    for (const [rowid, doc] of search) insertSearch.run(rowid, ...columns.map((c) => (doc.get(c) ?? []).join(' ')));
    const insertGrams = db.prepare('INSERT INTO client_name_grams (rowid, names) VALUES (?, ?)');
    for (const [rowid, doc] of grams) insertGrams.run(rowid, textOfTrigrams(doc.get('names') ?? []));
  },
};

/** Each live row's tokens by column, in their order (deleted rows' tokens are not listed). */
function documentsOf(db: Db, table: string): Map<number, Map<string, string[]>> {
  db.exec(`CREATE VIRTUAL TABLE temp.${table}_terms USING fts5vocab(main, ${table}, instance)`);
  const rows = db.prepare(`SELECT term, doc, col FROM temp.${table}_terms ORDER BY doc, col, offset`).all() as { term: string; doc: number; col: string }[];
  db.exec(`DROP TABLE temp.${table}_terms`);
  const docs = new Map<number, Map<string, string[]>>();
  for (const r of rows) {
    let doc = docs.get(r.doc);
    if (!doc) docs.set(r.doc, (doc = new Map()));
    let tokens = doc.get(r.col);
    if (!tokens) doc.set(r.col, (tokens = []));
    tokens.push(r.term);
  }
  return docs;
}

/** The trigram index holds one trigram per character position: the text is the first and each next one's last letter. */
function textOfTrigrams(trigrams: readonly string[]): string {
  if (trigrams.length === 0) return '';
  return trigrams[0] + trigrams.slice(1).map((t) => [...t].at(-1)!).join('');
}
