/**
 * Migration 0008 (client_recency): search orders matches by each client's last
 * interaction from this narrow table instead of the clients rows. If it fell
 * out of step with clients, the desk would see a stale order or miss a new
 * client in ranked results, so it must follow every insert, update and delete,
 * and start filled on a vault that already has clients.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';
import { migration0008 } from './migrations/0008-client-recency';
import type { Db } from './types';

const recency = (db: Db) => db.prepare('SELECT client_rowid, last_interaction_at FROM client_recency ORDER BY client_rowid').all();
const fromClients = (db: Db) => db.prepare('SELECT rowid AS client_rowid, last_interaction_at FROM clients ORDER BY rowid').all();

function addClient(db: Db, id: string, at: string): void {
  db.prepare(
    `INSERT INTO clients (id, first_name, last_name, date_of_birth, created_at, updated_at, last_interaction_at)
     VALUES (?, 'Test', 'Client', '1980-03-04', ?, ?, ?)`,
  ).run(id, at, at, at);
}

describe('migration 0008: client_recency', () => {
  it('starts filled from the clients a vault already has', () => {
    const db = new Database(':memory:');
    const before = MIGRATIONS.indexOf(migration0008);
    migrate(db, MIGRATIONS, before);
    addClient(db, 'cl_a', '2026-01-01T09:00:00.000Z');
    addClient(db, 'cl_b', '2026-02-01T09:00:00.000Z');
    migrate(db);
    expect(recency(db)).toEqual(fromClients(db));
    expect(recency(db)).toHaveLength(2);
  });

  it('follows every new client, every change of last interaction and every removal', () => {
    const db = new Database(':memory:');
    migrate(db);
    addClient(db, 'cl_a', '2026-01-01T09:00:00.000Z');
    addClient(db, 'cl_b', '2026-02-01T09:00:00.000Z');
    addClient(db, 'cl_c', '2026-03-01T09:00:00.000Z');
    db.prepare(`UPDATE clients SET last_interaction_at = '2026-04-01T09:00:00.000Z' WHERE id = 'cl_a'`).run();
    db.prepare(`DELETE FROM clients WHERE id = 'cl_b'`).run();
    expect(recency(db)).toEqual(fromClients(db));
    expect(recency(db)).toHaveLength(2);
    expect((recency(db)[0] as { last_interaction_at: string }).last_interaction_at).toBe('2026-04-01T09:00:00.000Z');
  });
});
