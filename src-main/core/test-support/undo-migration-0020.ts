/**
 * Test support (not shipped code): puts the two search indexes back as
 * migrations 0002 and 0014 left them (contentless, contentless_delete, no
 * 'secure-delete'), with the same rows, and drops its consent_current index, for tests that rewind a new vault to
 * an earlier build's schema. Call it first: it is the newest.
 */
import type { Db } from '../db/types';

export function undoMigration0020(db: Db): void {
  const search = db.prepare('SELECT rowid AS r, names, phones, email, postcode, dob FROM client_search').all() as {
    r: number; names: string; phones: string; email: string; postcode: string; dob: string;
  }[];
  const grams = db.prepare('SELECT rowid AS r, names FROM client_name_grams').all() as { r: number; names: string }[];
  db.exec(`
    DROP TABLE client_search;
    DROP TABLE client_name_grams;
    DROP INDEX consent_current_by_event;
    CREATE VIRTUAL TABLE client_search USING fts5(
      names, phones, email, postcode, dob,
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '2 3',
      content = '',
      contentless_delete = 1
    );
    CREATE VIRTUAL TABLE client_name_grams USING fts5(
      names,
      tokenize = 'trigram',
      content = '',
      contentless_delete = 1
    );
  `);
  const s = db.prepare('INSERT INTO client_search (rowid, names, phones, email, postcode, dob) VALUES (?, ?, ?, ?, ?, ?)');
  for (const d of search) s.run(d.r, d.names, d.phones, d.email, d.postcode, d.dob);
  const g = db.prepare('INSERT INTO client_name_grams (rowid, names) VALUES (?, ?)');
  for (const d of grams) g.run(d.r, d.names);
}
