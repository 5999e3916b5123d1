/**
 * Migration 0020 (search indexes that can forget one client): the clients a
 * vault already has are found exactly as before the upgrade, and afterwards
 * deleting or renaming a client takes its old tokens out of the index's
 * stored blocks at once, with no merge of the whole index.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { indexClient, searchDocumentFor, unindexClient, type SearchableIdentity } from '../clients/search-index';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';
import { migration0020 } from './migrations/0020-search-secure-delete';
import type { Db } from './types';

function addClient(db: Db, id: string, identity: SearchableIdentity): number {
  const at = '2026-01-01T09:00:00.000Z';
  const rowid = Number(
    db
      .prepare(
        `INSERT INTO clients (id, first_name, last_name, preferred_name, date_of_birth, email, mobile, postcode, created_at, updated_at, last_interaction_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, identity.firstName, identity.lastName, identity.preferredName, identity.dateOfBirth, identity.email, identity.mobile, identity.postcode, at, at, at)
      .lastInsertRowid,
  );
  indexClient(db, rowid, searchDocumentFor(identity));
  return rowid;
}

const person = (firstName: string, lastName: string, extra: Partial<SearchableIdentity> = {}): SearchableIdentity => ({
  firstName,
  lastName,
  preferredName: '',
  dateOfBirth: '1980-03-04',
  email: '',
  mobile: '',
  otherPhones: [],
  postcode: '',
  ...extra,
});

const found = (db: Db, table: string, query: string) =>
  db.prepare(`SELECT rowid AS r FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid`).all(query).map((row) => (row as { r: number }).r);

/** Whether the text is anywhere in the index's stored blocks (what a page scan of the file would read). */
function inBlocks(db: Db, table: string, text: string): boolean {
  const blocks = db.prepare(`SELECT block FROM ${table}_data`).all() as { block: Buffer | number }[];
  return blocks.some((b) => Buffer.isBuffer(b.block) && b.block.includes(Buffer.from(text)));
}

function beforeUpgrade(): Db {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS, MIGRATIONS.indexOf(migration0020));
  return db;
}

describe('migration 0020: search indexes with secure-delete', () => {
  it('moves every indexed client across as it was indexed, and leaves deleted ones behind', () => {
    const db = beforeUpgrade();
    const zoe = person('Zoë', 'Hartley', { email: 'zoe.hartley@example.co.uk', mobile: '+447700900123', postcode: 'BS1 4DJ' });
    const meiling = person('美玲', '王');
    const laura = person('Laura', "Ó Briain", { preferredName: 'Lou' });
    const ids = [addClient(db, 'cl_a', zoe), addClient(db, 'cl_b', meiling), addClient(db, 'cl_c', laura)];
    const gone = addClient(db, 'cl_d', person('Quentin', 'Goneaway'));
    db.prepare(`DELETE FROM clients WHERE id = 'cl_d'`).run();

    migrate(db);

    const docs = db.prepare('SELECT rowid AS r, names, phones, email, postcode, dob FROM client_search ORDER BY rowid').all();
    expect(docs).toEqual(
      [zoe, meiling, laura].map((identity, i) => {
        const { nameWords: _words, ...doc } = searchDocumentFor(identity);
        return { r: ids[i], ...doc };
      }),
    );
    const grams = db.prepare('SELECT rowid AS r, names FROM client_name_grams ORDER BY rowid').all();
    expect(grams).toEqual([zoe, meiling, laura].map((identity, i) => ({ r: ids[i], names: ` ${searchDocumentFor(identity).nameWords.join(' ')} ` })));
    expect(found(db, 'client_search', 'names:hart*')).toEqual([ids[0]]);
    expect(found(db, 'client_search', 'phones:900123')).toEqual([ids[0]]);
    expect(found(db, 'client_name_grams', '"obri"')).toEqual([ids[2]]);
    expect(found(db, 'client_name_grams', '" 美玲 "')).toEqual([ids[1]]);
    expect(found(db, 'client_search', 'goneaway')).toEqual([]);
    expect(ids).not.toContain(gone);
  });

  it('takes a removed client’s tokens out of the stored blocks at once, leaving the others', () => {
    const db = beforeUpgrade();
    migrate(db);
    const keep = addClient(db, 'cl_a', person('Ada', 'Example'));
    const erased = addClient(db, 'cl_b', person('Wiesława', 'Quarrington', { email: 'w.quarrington@example.com' }));
    expect(inBlocks(db, 'client_search', 'quarrington')).toBe(true);
    expect(inBlocks(db, 'client_name_grams', 'qua')).toBe(true);

    unindexClient(db, erased);

    expect(inBlocks(db, 'client_search', 'quarrington')).toBe(false);
    expect(inBlocks(db, 'client_search', 'wieslawa')).toBe(false);
    expect(inBlocks(db, 'client_name_grams', 'qua')).toBe(false);
    expect(found(db, 'client_search', 'example')).toEqual([keep]);
    expect(found(db, 'client_name_grams', '"xampl"')).toEqual([keep]);
  });

  it('takes a renamed client’s old name out of the stored blocks', () => {
    const db = beforeUpgrade();
    migrate(db);
    const rowid = addClient(db, 'cl_a', person('Holly', 'Ashworth'));
    indexClient(db, rowid, searchDocumentFor(person('Holly', 'Pemberton')));
    expect(inBlocks(db, 'client_search', 'ashworth')).toBe(false);
    expect(found(db, 'client_search', 'pemberton')).toEqual([rowid]);
  });
});
