/**
 * Migration 0005 repairs a vault made by the build whose 0004 was the first
 * version (test-support/migration-0004-original.ts, from git history): its
 * consent_current lacked the event's facts, and the marketing export failed
 * with "no such column: cc.explicit_regrant". After migrating, the consent
 * state is the ledger's and the export works; on a vault made by the current
 * 0004 the same migration leaves the same rows.
 */
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../audit/audit-log';
import { exportMarketingList } from '../marketing/marketing-export';
import { migration0004Original } from '../test-support/migration-0004-original';
import { FakeClock, makeTempDir } from '../test-support/temp-vault';
import { migrate, schemaVersion } from './migrate';
import { MIGRATIONS } from './migrations';
import { createDatabase } from './open-database';
import type { Db } from './types';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const ORIGINAL_BUILD = [...MIGRATIONS.slice(0, 3), migration0004Original];
const clock = new FakeClock(Date.parse('2026-11-22T09:00:00.000Z'));

function freshDb(): Db {
  const tmp = makeTempDir('cv-0005-');
  cleanup = tmp.cleanup;
  return createDatabase(join(tmp.dir, 'vault.db'), randomBytes(32));
}

/** A small clinic written at schema version 4 (either build of 0004 accepts these columns). */
function fillClinic(db: Db): void {
  const client = db.prepare(
    `INSERT INTO clients (id, first_name, last_name, date_of_birth, email, created_at, updated_at, last_interaction_at, marketing_objection_at)
     VALUES (?, ?, ?, '1980-03-04', ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', ?)`,
  );
  client.run('cl_alice', 'Alice', 'Archer', 'alice@example.test', null);
  client.run('cl_bob', 'Bob', 'Baker', 'bob@example.test', null);
  client.run('cl_cara', 'Cara', 'Cole', 'cara@example.test', '2026-11-10T10:00:00Z');
  client.run('cl_dan', 'Dan', 'Dunn', 'dan@example.test', '2026-11-10T10:00:00Z');
  let n = 0;
  const event = (clientId: string, purposeId: string, state: string, occurredAt: string, extra: { regrant?: 0 | 1; treatmentId?: string } = {}) =>
    db
      .prepare(
        `INSERT INTO consent_events (id, client_id, purpose_id, treatment_id, state, basis, occurred_at, recorded_at, recorded_by, method, explicit_regrant)
         VALUES (?, ?, ?, ?, ?, ?, ?, '2026-11-21T10:00:00Z', 'st_owner', 'paper-form', ?)`,
      )
      .run(`ce_${++n}`, clientId, purposeId, extra.treatmentId ?? null, state, state === 'granted' ? 'consent' : null, occurredAt, extra.regrant ?? 0);
  // Alice: granted, withdrawn, then an older paper form recorded late: withdrawn stands.
  event('cl_alice', 'marketing.email', 'granted', '2026-11-01T10:00:00Z');
  event('cl_alice', 'marketing.email', 'withdrawn', '2026-11-20T10:00:00Z');
  event('cl_alice', 'marketing.email', 'granted', '2026-10-01T10:00:00Z');
  // Treatment consent is per treatment: two scopes for one purpose.
  event('cl_alice', 'treatment', 'granted', '2026-11-02T10:00:00Z', { treatmentId: 'tr_1' });
  event('cl_alice', 'treatment', 'refused', '2026-11-03T10:00:00Z', { treatmentId: 'tr_2' });
  // Bob: granted by email; two SMS events at the same moment: the one recorded last wins.
  event('cl_bob', 'marketing.email', 'granted', '2026-11-05T10:00:00Z');
  event('cl_bob', 'marketing.sms', 'granted', '2026-11-05T10:00:00Z');
  event('cl_bob', 'marketing.sms', 'withdrawn', '2026-11-05T10:00:00Z');
  // Cara objected, then explicitly re-granted email afterwards: she may be emailed.
  event('cl_cara', 'marketing.email', 'granted', '2026-11-15T10:00:00Z', { regrant: 1 });
  // Dan objected; a later grant that is not an explicit re-grant does not lift it.
  event('cl_dan', 'marketing.email', 'granted', '2026-11-15T10:00:00Z');
}

const currentRows = (db: Db) =>
  db.prepare(`SELECT client_id, purpose_id, scope_key, state, occurred_at, basis, explicit_regrant FROM consent_current ORDER BY client_id, purpose_id, scope_key`).all();

const STATE_FROM_LEDGER = [
  { client_id: 'cl_alice', purpose_id: 'marketing.email', scope_key: '', state: 'withdrawn', occurred_at: '2026-11-20T10:00:00Z', basis: null, explicit_regrant: 0 },
  { client_id: 'cl_alice', purpose_id: 'treatment', scope_key: 'tr_1', state: 'granted', occurred_at: '2026-11-02T10:00:00Z', basis: 'consent', explicit_regrant: 0 },
  { client_id: 'cl_alice', purpose_id: 'treatment', scope_key: 'tr_2', state: 'refused', occurred_at: '2026-11-03T10:00:00Z', basis: null, explicit_regrant: 0 },
  { client_id: 'cl_bob', purpose_id: 'marketing.email', scope_key: '', state: 'granted', occurred_at: '2026-11-05T10:00:00Z', basis: 'consent', explicit_regrant: 0 },
  { client_id: 'cl_bob', purpose_id: 'marketing.sms', scope_key: '', state: 'withdrawn', occurred_at: '2026-11-05T10:00:00Z', basis: null, explicit_regrant: 0 },
  { client_id: 'cl_cara', purpose_id: 'marketing.email', scope_key: '', state: 'granted', occurred_at: '2026-11-15T10:00:00Z', basis: 'consent', explicit_regrant: 1 },
  { client_id: 'cl_dan', purpose_id: 'marketing.email', scope_key: '', state: 'granted', occurred_at: '2026-11-15T10:00:00Z', basis: 'consent', explicit_regrant: 0 },
];

/**
 * These events were written without a notice or wording, as the first builds
 * allowed; the clinic's setting includes such consents so the list shows the
 * state the repair derived (docs/consent-rules.md "Evidence").
 */
const exportEmail = (db: Db) => {
  db.prepare(`INSERT INTO settings (key, value) VALUES ('clinic', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(
    JSON.stringify({ clinicName: 'Test clinic', marketingIncludesIncompleteEvidence: true }),
  );
  return exportMarketingList({ db, audit: new AuditLog(db, clock), clock, staffId: 'st_owner' }, 'email');
};

const objectSql = (db: Db, type: string, name: string) =>
  (db.prepare('SELECT sql FROM sqlite_master WHERE type = ? AND name = ?').get(type, name) as { sql: string } | undefined)?.sql ?? null;

describe('migration 0005 (consent_current repair)', () => {
  it('the original 0004 build reproduces the failure it repairs', () => {
    const db = freshDb();
    migrate(db, ORIGINAL_BUILD);
    fillClinic(db);
    // Today's export also reads the restrictions table (migration 0017): given here, so SQLite reports
    // the missing column 0005 repairs rather than a table that simply came later.
    db.exec('CREATE TABLE client_restrictions (client_id TEXT, lifted_at TEXT)');
    expect(() => exportEmail(db)).toThrow(/no such column: cc\./);
    db.close();
  });

  it('repairs a vault made by the original 0004: consent state rebuilt from the ledger, export works', () => {
    const db = freshDb();
    migrate(db, ORIGINAL_BUILD);
    fillClinic(db);
    expect(migrate(db)).toEqual(MIGRATIONS.slice(4).map((m) => m.version));
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(currentRows(db)).toEqual(STATE_FROM_LEDGER);

    const list = exportEmail(db);
    expect(list.included).toBe(2);
    expect(list.csv).toContain('Bob');
    expect(list.csv).toContain('Cara');
    expect(list.csv).not.toMatch(/Alice|Dan/);
    expect(list.excluded).toMatchObject({ suppressed: 1, 'not-granted': 1 });
    db.close();
  });

  it('leaves the trigger working after the repair: a new event updates the state with its facts', () => {
    const db = freshDb();
    migrate(db, ORIGINAL_BUILD);
    fillClinic(db);
    migrate(db);
    db.prepare(
      `INSERT INTO consent_events (id, client_id, purpose_id, state, basis, occurred_at, recorded_at, recorded_by, method, explicit_regrant)
       VALUES ('ce_new', 'cl_dan', 'marketing.email', 'granted', 'consent', '2026-11-21T10:00:00Z', '2026-11-21T10:00:00Z', 'st_owner', 'email', 1)`,
    ).run();
    expect(db.prepare(`SELECT state, explicit_regrant FROM consent_current WHERE client_id = 'cl_dan'`).get()).toEqual({ state: 'granted', explicit_regrant: 1 });
    expect(exportEmail(db).included).toBe(3);
    // Erasure still takes the derived rows with the ledger.
    db.prepare(`DELETE FROM clients WHERE id = 'cl_dan'`).run();
    expect(db.prepare(`SELECT count(*) AS n FROM consent_current WHERE client_id = 'cl_dan'`).get()).toEqual({ n: 0 });
    db.close();
  });

  it('on a vault made by the current 0004 it changes no row and leaves the same table, index and trigger', () => {
    const db = freshDb();
    migrate(db, MIGRATIONS, 4);
    fillClinic(db);
    const before = currentRows(db);
    const shapes = () => ['consent_current', 'consent_current_by_purpose', 'consent_current_follows_ledger'].map((name) =>
      (db.prepare('SELECT type, name, tbl_name FROM sqlite_master WHERE name = ?').get(name) as object | undefined) ?? null,
    );
    const shapesBefore = shapes();
    migrate(db, MIGRATIONS, 5);
    expect(currentRows(db)).toEqual(before);
    expect(currentRows(db)).toEqual(STATE_FROM_LEDGER);
    expect(shapes()).toEqual(shapesBefore);
    // Today’s export reads columns of later migrations (0013, 0014): it runs on the vault migrated to the end.
    migrate(db);
    expect(exportEmail(db).included).toBe(2);
    db.close();
  });

  it('gives both kinds of vault the same consent_current schema as a fresh vault', () => {
    const fromOriginal = freshDb();
    migrate(fromOriginal, ORIGINAL_BUILD);
    migrate(fromOriginal, MIGRATIONS, 5);
    const cleanupFirst = cleanup;
    const fresh = freshDb();
    migrate(fresh, MIGRATIONS, 5);
    for (const [type, name] of [['table', 'consent_current'], ['index', 'consent_current_by_purpose'], ['trigger', 'consent_current_follows_ledger']] as const) {
      expect(objectSql(fromOriginal, type, name), name).toBe(objectSql(fresh, type, name));
      expect(objectSql(fresh, type, name), name).not.toBeNull();
    }
    fromOriginal.close();
    fresh.close();
    cleanupFirst?.();
  });

  it('rebuilds a current-shape vault whose trigger or index went missing, with the rows from the ledger', () => {
    const db = freshDb();
    migrate(db, MIGRATIONS, 4);
    fillClinic(db);
    db.exec('DROP TRIGGER consent_current_follows_ledger; DROP INDEX consent_current_by_purpose');
    db.exec(`DELETE FROM consent_current WHERE client_id = 'cl_bob'`); // rows the missing trigger never wrote
    migrate(db, MIGRATIONS, 5);
    expect(currentRows(db)).toEqual(STATE_FROM_LEDGER);
    expect(objectSql(db, 'trigger', 'consent_current_follows_ledger')).not.toBeNull();
    expect(objectSql(db, 'index', 'consent_current_by_purpose')).not.toBeNull();
  });

  it('running it twice gives the same result (idempotent)', () => {
    const db = freshDb();
    migrate(db, ORIGINAL_BUILD);
    fillClinic(db);
    migrate(db, MIGRATIONS, 5);
    const once = currentRows(db);
    MIGRATIONS[4]!.up(db);
    expect(currentRows(db)).toEqual(once);
    db.close();
  });
});
