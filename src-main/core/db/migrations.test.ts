import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createDatabase, openDatabase } from './open-database';
import { LATEST_VERSION, migrate, schemaVersion } from './migrate';
import { MIGRATIONS } from './migrations';
import { makeTempDir } from '../test-support/temp-vault';
import type { Db } from './types';
import { errorCodeOf } from '../test-support/temp-vault';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function freshDb(): { db: Db; path: string; key: Buffer } {
  const tmp = makeTempDir();
  cleanup = tmp.cleanup;
  const path = join(tmp.dir, 'vault.db');
  const key = randomBytes(32);
  return { db: createDatabase(path, key), path, key };
}

const tables = (db: Db) =>
  (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);

describe('migrations', () => {
  it('are numbered 1..n in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

  it('0001 turns an empty database (version 0) into the foundation schema', () => {
    const { db } = freshDb();
    expect(schemaVersion(db)).toBe(0);
    expect(migrate(db, MIGRATIONS, 1)).toEqual([1]);
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).toEqual(['audit_log', 'clients', 'files', 'meta', 'settings', 'staff']);
    db.close();
  });

  it('0002 upgrades a version-1 database, keeping its clients and filling the new fields', () => {
    const { db } = freshDb();
    migrate(db, MIGRATIONS, 1);
    db.prepare(
      `INSERT INTO clients (id, first_name, last_name, date_of_birth, email, created_at, updated_at, last_interaction_at)
       VALUES ('cl_1', 'Zoë', 'Ó Briain', '1990-05-01', 'zoe@example.test', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
    ).run();
    expect(migrate(db, MIGRATIONS, 2)).toEqual([2]);
    const row = db.prepare('SELECT * FROM clients WHERE id = ?').get('cl_1') as Record<string, unknown>;
    expect(row).toMatchObject({ first_name: 'Zoë', last_name: 'Ó Briain', email: 'zoe@example.test', gender: '', address_lines: '[]', other_phones: '[]', notes: '', gp: null, last_visit_on: null });
    const types = db.prepare('SELECT id, injectable, toxin_or_filler FROM treatment_types ORDER BY sort_order').all();
    expect(types).toHaveLength(7);
    expect(types.slice(0, 2)).toEqual([
      { id: 'tt_toxin', injectable: 1, toxin_or_filler: 1 },
      { id: 'tt_filler', injectable: 1, toxin_or_filler: 1 },
    ]);
    expect(tables(db)).toEqual(expect.arrayContaining(['client_sections', 'field_changes', 'field_disputes', 'photos', 'staged_uploads', 'treatments', 'client_search']));
    db.close();
  });

  it('0003 drops the audit action index on a version-2 database, keeping the log', () => {
    const { db } = freshDb();
    migrate(db, MIGRATIONS, 2);
    db.prepare(`INSERT INTO audit_log (seq, at, staff_id, action, prev_hash, hash) VALUES (1, '2026-01-01T00:00:00Z', NULL, 'vault.created', 'p', 'h')`).run();
    const indexes = () => (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_log'`).all() as { name: string }[]).map((r) => r.name).sort();
    expect(indexes()).toContain('audit_by_action');
    expect(migrate(db, MIGRATIONS, 3)).toEqual([3]);
    expect(indexes()).toEqual(['audit_by_staff', 'audit_by_subject']);
    expect((db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n).toBe(1);
    db.close();
  });

  it('0004 adds the consent ledger: append-only, current state derived, deleted only with the client', () => {
    const { db } = freshDb();
    migrate(db, MIGRATIONS, 3);
    db.prepare(`INSERT INTO clients (id, first_name, last_name, created_at, updated_at, last_interaction_at) VALUES ('cl_1', 'A', 'B', 'x', 'x', 'x')`).run();
    expect(migrate(db, MIGRATIONS, 4)).toEqual([4]);
    const add = db.prepare(
      `INSERT INTO consent_events (id, client_id, purpose_id, state, occurred_at, recorded_at, recorded_by, method)
       VALUES (?, 'cl_1', 'marketing.email', ?, ?, '2026-11-22T10:00:00Z', 'st_1', 'in-person')`,
    );
    const current = () => db.prepare(`SELECT state FROM consent_current WHERE client_id = 'cl_1' AND purpose_id = 'marketing.email'`).get();
    add.run('ce_1', 'granted', '2026-11-01T10:00:00Z');
    add.run('ce_2', 'withdrawn', '2026-11-20T10:00:00Z');
    expect(current()).toEqual({ state: 'withdrawn' });
    add.run('ce_3', 'granted', '2026-10-01T10:00:00Z'); // a paper form from before, recorded late
    expect(current()).toEqual({ state: 'withdrawn' });
    db.prepare(
      `INSERT INTO consent_events (id, client_id, purpose_id, state, basis, occurred_at, recorded_at, recorded_by, method, explicit_regrant)
       VALUES ('ce_4', 'cl_1', 'marketing.email', 'granted', 'soft-opt-in', '2026-11-21T10:00:00Z', '2026-11-22T10:00:00Z', 'st_1', 'email', 1)`,
    ).run();
    // The derived row carries the facts of the event in force, for the marketing export.
    expect(db.prepare(`SELECT state, basis, explicit_regrant FROM consent_current WHERE client_id = 'cl_1'`).get()).toEqual({
      state: 'granted',
      basis: 'soft-opt-in',
      explicit_regrant: 1,
    });
    expect(() => db.prepare(`UPDATE consent_events SET state = 'granted' WHERE id = 'ce_2'`).run()).toThrow(/append-only/);
    expect(() => db.prepare(`DELETE FROM consent_events WHERE id = 'ce_2'`).run()).toThrow(/append-only/);
    db.prepare(`DELETE FROM clients WHERE id = 'cl_1'`).run();
    expect(db.prepare('SELECT count(*) AS n FROM consent_events').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM consent_current').get()).toEqual({ n: 0 });
    expect((db.prepare(`SELECT value FROM meta WHERE key = 'suppression_salt'`).get() as { value: string }).value).toMatch(/^[0-9a-f]{64}$/);
    db.close();
  });

  it('are applied once: running again changes nothing', () => {
    const { db } = freshDb();
    migrate(db);
    expect(migrate(db)).toEqual([]);
    db.close();
  });

  it('roll back together if one fails, leaving the version unchanged', () => {
    const { db } = freshDb();
    const broken = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'broken', up: (d: Db) => d.exec('CREATE TABLE x (a); SELECT nonsense FROM nowhere;') }];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(0);
    expect(tables(db)).toEqual([]);
    db.close();
  });

  it('refuse a database from a newer version before writing to it', async () => {
    const { db, path, key } = freshDb();
    migrate(db);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    const again = openDatabase(path, key);
    expect(await errorCodeOf(() => migrate(again))).toBe('VAULT_FROM_NEWER_VERSION');
    expect(schemaVersion(again)).toBe(LATEST_VERSION + 1);
    again.close();
  });

  it('open the same file only with the same key', async () => {
    const { db, path } = freshDb();
    migrate(db);
    db.close();
    expect(await errorCodeOf(() => openDatabase(path, randomBytes(32)))).toBe('DATABASE_DAMAGED');
  });
});
