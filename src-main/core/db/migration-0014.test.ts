/**
 * Migration 0014 (forgiving search): a vault that already has clients must be
 * searchable inside names and by typos straight after the upgrade, and a
 * deleted client's name must leave every search index, whichever code deletes
 * the row.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { spellingsNear } from '../clients/name-index';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';
import { migration0014 } from './migrations/0014-forgiving-search';
import type { Db } from './types';

function addClient(db: Db, id: string, first: string, last: string): number {
  const at = '2026-01-01T09:00:00.000Z';
  return Number(
    db
      .prepare(
        `INSERT INTO clients (id, first_name, last_name, date_of_birth, created_at, updated_at, last_interaction_at)
         VALUES (?, ?, ?, '1980-03-04', ?, ?, ?)`,
      )
      .run(id, first, last, at, at, at).lastInsertRowid,
  );
}
const inside = (db: Db, text: string) => db.prepare('SELECT rowid FROM client_name_grams WHERE client_name_grams MATCH ?').all(`"${text}"`).map((r) => (r as { rowid: number }).rowid);
const count = (db: Db, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('migration 0014: forgiving search', () => {
  it('indexes the clients a vault already has', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS, MIGRATIONS.indexOf(migration0014));
    const holly = addClient(db, 'cl_a', 'Holly', 'Ashworth');
    const laura = addClient(db, 'cl_b', 'Laura', 'Ó Briain');
    migrate(db);
    expect(inside(db, 'worth')).toEqual([holly]);
    expect(inside(db, 'obri')).toEqual([laura]);
    expect(spellingsNear(db, 'ashwroth')).toEqual(['ashworth']);
    expect(spellingsNear(db, 'brian')).toEqual(['briain']);
  });

  it('takes a deleted client out of every search index', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS, MIGRATIONS.indexOf(migration0014));
    addClient(db, 'cl_a', 'Holly', 'Ashworth');
    addClient(db, 'cl_b', 'Amy', 'Ashworth');
    migrate(db);
    db.prepare(`DELETE FROM clients WHERE id = 'cl_a'`).run();
    // Amy still has the surname.
    expect(spellingsNear(db, 'ashwroth')).toEqual(['ashworth']);
    expect(spellingsNear(db, 'hollyy')).toEqual([]);
    expect(inside(db, 'oll')).toEqual([]);
    db.prepare(`DELETE FROM clients WHERE id = 'cl_b'`).run();
    expect(spellingsNear(db, 'ashwroth')).toEqual([]);
    for (const table of ['client_name_grams', 'client_name_words', 'name_words', 'name_word_keys']) expect(count(db, table)).toBe(0);
  });
});
