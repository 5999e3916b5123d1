/**
 * The generator's bulk load (bulk-load.ts) drops indexes and the consent_current
 * trigger for speed. What a clinic would notice if it went wrong: a vault whose
 * schema differs from a migrated one (an index or the trigger missing), a
 * consent state that disagrees with the ledger, or a vault left out of WAL mode.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/types';
import { makeTempDir } from '../test-support/temp-vault';
import { generateClinic } from './generate-clinic';
import { TEST_CLINIC_STAFF, openPlainClinicDatabase } from './plain-database';

const TODAY = '2026-11-22';

const schema = (db: Db) => db.prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name`).all();
const currentRows = (db: Db) => db.prepare('SELECT * FROM consent_current ORDER BY client_id, purpose_id, scope_key').all();

let tmp: ReturnType<typeof makeTempDir> | null = null;
afterEach(() => {
  tmp?.cleanup();
  tmp = null;
});

describe('generateClinic: bulk load', () => {
  it('ends with the schema a migrated vault has: every index and trigger back, text for text', async () => {
    const db = openPlainClinicDatabase();
    const before = schema(db);
    await generateClinic(db, { clients: 200, seed: 4, today: TODAY, consentEventsPerClient: 20 }, TEST_CLINIC_STAFF);
    expect(schema(db)).toEqual(before);
    // The indexes are really there, not only named: the planner uses them.
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT * FROM treatments WHERE client_id = ?').all('x') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('treatments_by_client');
  });

  it('consent_current is what the trigger makes when the same ledger is recorded event by event', async () => {
    const db = openPlainClinicDatabase();
    // With a privacy notice, so the notice each event rests on is carried over too.
    await generateClinic(db, { clients: 300, seed: 9, today: TODAY, consentEventsPerClient: 20, consentHistoryEvents: 200, privacyNotice: true }, TEST_CLINIC_STAFF);
    expect(currentRows(db).length).toBeGreaterThan(300);
    expect(db.prepare('SELECT count(*) AS n FROM consent_current WHERE notice_id IS NULL').get()).toEqual({ n: 0 });

    // A fresh vault records the same events one at a time, as the app does, with the trigger in place.
    const replay = openPlainClinicDatabase();
    replay.pragma('foreign_keys = OFF'); // the events alone, without their clients and treatments
    const events = db.prepare('SELECT * FROM consent_events ORDER BY seq').all() as Record<string, unknown>[];
    const columns = Object.keys(events[0]!);
    const insert = replay.prepare(`INSERT INTO consent_events (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
    replay.transaction(() => events.forEach((e) => insert.run(e)))();
    expect(currentRows(db)).toEqual(currentRows(replay));
  });

  it('after the load, a new event moves consent_current again (the trigger is live)', async () => {
    const db = openPlainClinicDatabase();
    await generateClinic(db, { clients: 20, seed: 2, today: TODAY, consentEventsPerClient: 20 }, TEST_CLINIC_STAFF);
    const { id } = db.prepare('SELECT id FROM clients ORDER BY rowid LIMIT 1').get() as { id: string };
    db.prepare(
      `INSERT INTO consent_events (id, client_id, purpose_id, state, occurred_at, recorded_at, recorded_by, method)
       VALUES ('ce_test', ?, 'marketing.post', 'refused', '2026-11-21T10:00:00.000Z', '2026-11-21T10:00:00.000Z', ?, 'in-person')`,
    ).run(id, TEST_CLINIC_STAFF.ownerId);
    expect(db.prepare(`SELECT state FROM consent_current WHERE client_id = ? AND purpose_id = 'marketing.post'`).get(id)).toEqual({ state: 'refused' });
  });

  it('a cancelled run leaves the schema whole and no rows', async () => {
    const db = openPlainClinicDatabase();
    const before = schema(db);
    const controller = new AbortController();
    const run = generateClinic(
      db,
      { clients: 3_000, seed: 1, today: TODAY, consentEventsPerClient: 20, signal: controller.signal, onProgress: () => controller.abort() },
      TEST_CLINIC_STAFF,
    );
    await expect(run).rejects.toThrow();
    expect(schema(db)).toEqual(before);
    expect(db.prepare('SELECT count(*) AS n FROM consent_events').get()).toEqual({ n: 0 });
  });

  it('a vault file is back in WAL mode afterwards, with every row committed', async () => {
    tmp = makeTempDir('cv-bulk-');
    const path = join(tmp.dir, 'plain.db');
    const db = openPlainClinicDatabase(path);
    const made = await generateClinic(db, { clients: 100, seed: 5, today: TODAY, consentEventsPerClient: 20 }, TEST_CLINIC_STAFF);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    const again = openPlainClinicDatabase(join(tmp.dir, 'plain.db'), []);
    expect(again.prepare('SELECT count(*) AS n FROM consent_events').get()).toEqual({ n: made.consentEvents });
    again.close();
  });

  it('the write-ahead log can be folded back in straight after the load (the vault does so when it closes)', async () => {
    tmp = makeTempDir('cv-bulk-');
    const db = openPlainClinicDatabase(join(tmp.dir, 'plain.db'));
    await generateClinic(db, { clients: 50, seed: 1, today: TODAY, consentEventsPerClient: 0 }, TEST_CLINIC_STAFF);
    // Nothing holds the log open: every frame goes back into the database (busy 0) and the log is emptied.
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
    expect(result).toEqual({ busy: 0, log: 0, checkpointed: 0 });
    expect(statSync(join(tmp.dir, 'plain.db-wal')).size).toBe(0);
    expect((db.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n).toBeGreaterThanOrEqual(50);
    db.close();
  });
});
