/**
 * Migration 0009 rebuilds the consent ledger in place (wording stored once,
 * trimmed indexes, the per-client notice basis). On a vault seeded at schema 7
 * every event survives with its seq, its order and its wording; the current
 * state, each client's history, the marketing list and the notice counts are
 * the same before and after; the ledger is still append-only.
 */
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../audit/audit-log';
import { MARKETING_CHANNELS } from '../../contract/consent-types';
import { appendConsentEvent, listConsentEvents } from '../consent/ledger';
import { exportMarketingList } from '../marketing/marketing-export';
import { Rng } from '../synthetic/random';
import { FakeClock, makeTempDir } from '../test-support/temp-vault';
import { migrate, schemaVersion } from './migrate';
import { MIGRATIONS } from './migrations';
import { createDatabase } from './open-database';
import type { Db } from './types';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());
const clock = new FakeClock(Date.parse('2026-11-22T09:00:00.000Z'));

function vaultAt7(): Db {
  const tmp = makeTempDir('cv-0009-');
  cleanup = tmp.cleanup;
  const db = createDatabase(join(tmp.dir, 'vault.db'), randomBytes(32));
  migrate(db, MIGRATIONS, 7);
  return db;
}

const PURPOSES = ['marketing.email', 'marketing.sms', 'marketing.phone', 'marketing.post', 'reminders.email', 'treatment'];
const WORDINGS = ['', 'Yes to email offers.', 'Yes to texts. Reply STOP.', 'I consent to this treatment.'];

/** 40 clients and 600 events written the schema-7 way (wording as text), with notices, treatments, ties and late paper forms. */
function seed(db: Db): void {
  const rng = new Rng(90, 1);
  db.prepare(`INSERT INTO staff (id, username, display_name, role, created_at) VALUES ('st_o', 'o', 'Olivia Owner', 'owner', '2026-01-01T00:00:00Z')`).run();
  const notice = db.prepare(`INSERT INTO privacy_notices (id, version_label, effective_on, text, created_at, created_by) VALUES (?, ?, ?, 'Text.', ?, 'st_o')`);
  notice.run('pn_1', 'v1', '2025-01-01', '2025-01-01T09:00:00Z');
  notice.run('pn_2', 'v2', '2026-01-01', '2026-01-01T09:00:00Z');
  const client = db.prepare(
    `INSERT INTO clients (id, first_name, last_name, date_of_birth, email, mobile, created_at, updated_at, last_interaction_at, marketing_objection_at)
     VALUES (?, ?, ?, '1980-03-04', ?, '07700 900123', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', ?)`,
  );
  const event = db.prepare(
    `INSERT INTO consent_events (id, client_id, purpose_id, treatment_id, state, basis, occurred_at, recorded_at, recorded_by, method,
       notice_id, wording, soft_opt_in, tps_checked_on, tps_registered, explicit_regrant, note)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'st_o', 'paper-form', ?, ?, ?, ?, ?, ?, ?)`,
  );
  let n = 0;
  for (let c = 0; c < 40; c++) {
    const id = `cl_${String(c).padStart(3, '0')}`;
    client.run(id, `First${c}`, `Last${c % 7}`, `c${c}@example.com`, c % 9 === 0 ? '2026-06-01T00:00:00Z' : null);
    for (let e = 0; e < 15; e++) {
      const purpose = rng.pick(PURPOSES);
      const state = rng.pick(['granted', 'granted', 'withdrawn', 'refused']);
      const at = `2026-${String(1 + Math.floor(rng.float() * 10)).padStart(2, '0')}-1${e % 10}T10:00:00Z`;
      event.run(
        `ce_${++n}`, id, purpose, purpose === 'treatment' ? `tr_${c}_${e % 2}` : null, state,
        state === 'granted' && purpose.endsWith('email') ? 'consent' : null, at, '2026-11-01T10:00:00Z',
        rng.pick([null, 'pn_1', 'pn_2']), rng.pick(WORDINGS), e === 3 ? '{"detailsCollectedDuringSale":true}' : null,
        purpose === 'marketing.phone' ? '2026-11-10' : null, purpose === 'marketing.phone' ? 0 : null, rng.chance(0.2) ? 1 : 0, e === 5 ? 'late form' : '',
      );
    }
  }
}

const LEDGER_COLUMNS = `seq, id, client_id, purpose_id, treatment_id, state, basis, occurred_at, recorded_at, recorded_by, method, notice_id,
  evidence_file_id, soft_opt_in, tps_checked_on, tps_registered, explicit_regrant, note, corrects_event_id`;

/**
 * The export's audit entry is not what this test compares, and the current audit
 * log needs tables of later migrations (0010) than the schema-7 vault has.
 */
const notAudited = { append: () => 0 } as unknown as AuditLog;

function snapshot(db: Db, wording: string) {
  const clients = (db.prepare('SELECT id FROM clients ORDER BY id').all() as { id: string }[]).map((r) => r.id);
  // The marketing list is not compared here: today's export reads columns of later
  // migrations (0013, 0014), and it reads only consent_current, which `current` compares whole.
  return {
    ledger: db.prepare(`SELECT ${LEDGER_COLUMNS}, ${wording} AS wording FROM consent_events e ORDER BY seq`).all(),
    current: db
      .prepare(
        `SELECT client_id, purpose_id, scope_key, event_seq, state, occurred_at, basis, tps_checked_on, tps_registered, explicit_regrant
           FROM consent_current ORDER BY client_id, purpose_id, scope_key`,
      )
      .all(),
    timelines: clients.map((id) =>
      db.prepare(`SELECT seq FROM consent_events WHERE client_id = ? ORDER BY occurred_at DESC, seq DESC`).all(id),
    ),
  };
}

describe('migration 0009 (compact consent ledger)', () => {
  it('keeps every event, its order and wording, and the same state, histories and marketing lists', () => {
    const db = vaultAt7();
    seed(db);
    const before = snapshot(db, 'e.wording');
    expect(migrate(db, MIGRATIONS, 9)).toEqual([8, 9]);
    expect(schemaVersion(db)).toBe(9);
    const after = snapshot(db, `coalesce((SELECT text FROM consent_wordings w WHERE w.id = e.wording_id), '')`);
    expect(after).toEqual(before);
    expect((before.ledger as unknown[]).length).toBe(600);
    // The state in force carries its event's notice.
    expect(db.prepare('SELECT count(*) AS n FROM consent_current cc JOIN consent_events e ON e.seq = cc.event_seq WHERE cc.notice_id IS NOT e.notice_id').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM consent_current WHERE notice_id IS NOT NULL').get()).not.toEqual({ n: 0 });
    // Each sentence once.
    expect(db.prepare('SELECT count(*) AS n FROM consent_wordings').get()).toEqual({ n: WORDINGS.length - 1 });
    // The history the app shows reads the wording back from its table.
    const history = listConsentEvents(db, 'cl_001');
    expect(history.map((e) => e.wording).sort()).toEqual(
      (before.ledger as { client_id: string; wording: string }[]).filter((e) => e.client_id === 'cl_001').map((e) => e.wording).sort(),
    );
    // Migrated to the end, the marketing lists are made from the migrated ledger.
    migrate(db);
    const lists = MARKETING_CHANNELS.map((ch) => exportMarketingList({ db, audit: notAudited, clock, staffId: 'st_o' }, ch));
    expect(lists.filter((l) => l.channel === 'email' || l.channel === 'sms').every((l) => l.included > 0)).toBe(true);
    db.close();
  });

  it('derives the notice basis from the ledger, and keeps it with each new event', () => {
    const db = vaultAt7();
    seed(db);
    const expected = db
      .prepare(
        `SELECT cc.client_id, max(e.notice_id IS NULL) AS no_notice, min(n.effective_on || ' ' || n.created_at) AS oldest_notice
           FROM consent_current cc JOIN consent_events e ON e.seq = cc.event_seq LEFT JOIN privacy_notices n ON n.id = e.notice_id
          WHERE cc.state = 'granted' GROUP BY cc.client_id ORDER BY cc.client_id`,
      )
      .all();
    migrate(db);
    const basis = () => db.prepare('SELECT * FROM consent_notice_basis ORDER BY client_id').all();
    expect(basis()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(10);
    // A withdrawal of everything granted removes the client's row; a grant on v2 brings it back.
    const granted = db.prepare(`SELECT purpose_id, scope_key FROM consent_current WHERE client_id = 'cl_002' AND state = 'granted'`).all() as { purpose_id: string; scope_key: string }[];
    const add = (purposeId: string, treatmentId: string | null, state: 'granted' | 'withdrawn', noticeId: string | null) =>
      appendConsentEvent(db, {
        clientId: 'cl_002', purposeId, treatmentId, state, basis: null, occurredAt: '2026-11-21T10:00:00Z', recordedAt: '2026-11-21T10:00:00Z',
        recordedBy: 'st_o', method: 'email', noticeId, wording: 'Stop, please.', evidenceFileId: null, softOptIn: null, tpsCheckedOn: null,
        tpsRegistered: null, explicitRegrant: false, note: '', correctsEventId: null,
      });
    for (const g of granted) add(g.purpose_id, g.scope_key || null, 'withdrawn', null);
    expect(db.prepare(`SELECT 1 FROM consent_notice_basis WHERE client_id = 'cl_002'`).get()).toBeUndefined();
    add('reminders.email', null, 'granted', 'pn_2');
    expect(db.prepare(`SELECT no_notice, oldest_notice FROM consent_notice_basis WHERE client_id = 'cl_002'`).get()).toEqual({
      no_notice: 0,
      oldest_notice: '2026-01-01 2026-01-01T09:00:00Z',
    });
    db.close();
  });

  it('leaves the ledger append-only, wording included, and erasure still takes it all', () => {
    const db = vaultAt7();
    seed(db);
    migrate(db);
    expect(() => db.prepare(`UPDATE consent_events SET state = 'granted' WHERE seq = 1`).run()).toThrow(/append-only/);
    expect(() => db.prepare(`DELETE FROM consent_events WHERE seq = 1`).run()).toThrow(/append-only/);
    expect(() => db.prepare(`UPDATE consent_wordings SET text = 'No.'`).run()).toThrow(/kept as given/);
    db.prepare(`DELETE FROM clients WHERE id = 'cl_003'`).run();
    for (const table of ['consent_events', 'consent_current', 'consent_notice_basis']) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${table} WHERE client_id = 'cl_003'`).get()).toEqual({ n: 0 });
    }
    db.close();
  });

  it('uses its indexes for the queries that need them', () => {
    const db = vaultAt7();
    migrate(db);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan(`SELECT * FROM consent_events WHERE client_id = 'x' ORDER BY occurred_at DESC, seq DESC`)).toMatch(/USING INDEX consent_events_by_client \(client_id=\?\)$/);
    expect(plan(`SELECT count(*) FROM consent_notice_basis WHERE no_notice = 0 AND oldest_notice < 'x'`)).toMatch(/COVERING INDEX consent_notice_basis_by_notice/);
    db.close();
  });
});
