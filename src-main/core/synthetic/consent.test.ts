/**
 * The synthetic consent ledger: repeatable from the seed, about the average
 * asked for, the history client exact, and within the ledger's own rules.
 */
import { describe, expect, it } from 'vitest';
import type { Db } from '../db/types';
import { generateClinic } from './generate-clinic';
import { TEST_CLINIC_STAFF, openPlainClinicDatabase } from './plain-database';

const TODAY = '2026-11-22';

async function clinic(seed = 7, clients = 150): Promise<{ db: Db; made: Awaited<ReturnType<typeof generateClinic>> }> {
  const db = openPlainClinicDatabase();
  const made = await generateClinic(db, { clients, seed, today: TODAY, consentEventsPerClient: 20, consentHistoryEvents: 200 }, TEST_CLINIC_STAFF);
  return { db, made };
}

const dump = (db: Db) => ({
  events: db.prepare('SELECT * FROM consent_events ORDER BY seq').all(),
  current: db.prepare('SELECT * FROM consent_current ORDER BY client_id, purpose_id, scope_key').all(),
  clients: db.prepare('SELECT id, marketing_objection_at, deceased_on FROM clients ORDER BY rowid').all(),
  suppression: db.prepare('SELECT id, kind, added_at FROM suppression_list ORDER BY id').all(),
});

describe('synthetic consent events', () => {
  it('the same seed gives the same ledger, value for value; another seed another', async () => {
    const [a, b, c] = [await clinic(), await clinic(), await clinic(8)];
    expect(dump(a.db)).toEqual(dump(b.db));
    expect(dump(c.db).events).not.toEqual(dump(a.db).events);
  });

  it('about the average asked for, the first client exactly 200, and some of every kind', async () => {
    const { db, made } = await clinic(7, 1_000);
    expect(made.consentEvents / made.clients).toBeGreaterThan(18);
    expect(made.consentEvents / made.clients).toBeLessThan(22);
    expect(db.prepare('SELECT count(*) AS n FROM consent_events WHERE client_id = ?').get(made.consentHistoryClientId)).toEqual({ n: 200 });
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    expect(count("SELECT count(*) AS n FROM consent_events WHERE basis = 'soft-opt-in'")).toBeGreaterThan(0);
    expect(count("SELECT count(*) AS n FROM consent_events WHERE state = 'withdrawn'")).toBeGreaterThan(0);
    expect(count('SELECT count(*) AS n FROM clients WHERE marketing_objection_at IS NOT NULL')).toBeGreaterThan(0);
    expect(count('SELECT count(*) AS n FROM suppression_list')).toBeGreaterThan(0);
    expect(count('SELECT count(*) AS n FROM clients WHERE deceased_on IS NOT NULL')).toBeGreaterThan(0);
    expect(count('SELECT count(*) AS n FROM consent_events WHERE tps_registered = 1')).toBeGreaterThan(0);
    // The ledger's rules: a basis only for email and SMS marketing; every phone grant has its TPS check; nothing in the future.
    expect(count("SELECT count(*) AS n FROM consent_events WHERE basis IS NOT NULL AND purpose_id NOT IN ('marketing.email', 'marketing.sms')")).toBe(0);
    expect(count("SELECT count(*) AS n FROM consent_events WHERE purpose_id = 'marketing.phone' AND state = 'granted' AND tps_checked_on IS NULL")).toBe(0);
    expect(count(`SELECT count(*) AS n FROM consent_events WHERE occurred_at >= '${TODAY}'`)).toBe(0);
    // Objectors have no marketing granted unless explicitly re-granted after the objection.
    expect(
      count(`SELECT count(*) AS n FROM consent_current cc JOIN clients c ON c.id = cc.client_id JOIN consent_events e ON e.seq = cc.event_seq
             WHERE c.marketing_objection_at IS NOT NULL AND cc.purpose_id LIKE 'marketing.%' AND cc.state = 'granted'
               AND NOT (e.explicit_regrant = 1 AND e.occurred_at >= c.marketing_objection_at)`),
    ).toBe(0);
  });

  it('none unless asked for: the generator alone makes no consent events', async () => {
    const db = openPlainClinicDatabase();
    const made = await generateClinic(db, { clients: 20, seed: 1, today: TODAY }, TEST_CLINIC_STAFF);
    expect(made.consentEvents).toBe(0);
    expect(made.consentHistoryClientId).toBeNull();
  });
});
