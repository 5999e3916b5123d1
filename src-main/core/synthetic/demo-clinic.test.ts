/**
 * The demo clinic (DEMO_CLINIC, `npm run dev:web -- --demo`, `clinic-vault seed`)
 * is what a newcomer, a trainer or a screenshot sees first, so it must never
 * contradict itself: no treatment, consent, photo or review after the client
 * died or before they registered (or were born); no toxin or filler under 18;
 * nothing dated after today; and a privacy notice published before the first
 * client, on which every consent rests. Each rule is checked over every row of
 * a smaller demo clinic, read straight from its database.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/types';
import { FakeClock, makeTempDir, openTestCore } from '../test-support/temp-vault';
import { openRawDatabase } from '../test-support/raw-database';
import { SYNTHETIC_NOTICE_LABEL } from './privacy-notice';
import { DEMO_CLINIC, DEMO_OWNER, type SyntheticVault, createSyntheticVault } from '../synthetic-vault';

const clock = new FakeClock(Date.parse('2026-11-22T09:30:00.000Z'));
const NOW = clock.now().toISOString();
const TODAY = NOW.slice(0, 10);

/**
 * The demo's own options at a size a unit test can afford (enough for a few
 * deceased clients), and the same with a sparse consent ledger and many
 * photographed clients: the rules must hold whatever the generator is asked for.
 */
const CLINICS = {
  demo: { ...DEMO_CLINIC, clients: 1_500, photoClients: 6 },
  sparse: { ...DEMO_CLINIC, clients: 1_500, photoClients: 60, consentEventsPerClient: 4 },
} as const;

describe.each(Object.entries(CLINICS))('the %s clinic never contradicts itself', (_name, options) => {
  let tmp: ReturnType<typeof makeTempDir>;
  let made: SyntheticVault;
  let db: Db;

  beforeAll(async () => {
    tmp = makeTempDir('cv-demo-clinic-');
    made = await createSyntheticVault(join(tmp.dir, 'vault'), { ...options, kdfCost: 'test', clock });
    db = await openRawDatabase(made.vaultDir, made.recoveryKey);
  }, 120_000);
  afterAll(() => {
    db?.close();
    tmp?.cleanup();
  });

  /** The rows a query finds that break a rule; the test expects none. */
  const offenders = (sql: string) => db.prepare(sql).all();
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;

  it('has the cases the rules are about: deceased clients, treated minors, injectables, photos, consents', () => {
    expect(count('SELECT count(*) AS n FROM clients WHERE deceased_on IS NOT NULL')).toBeGreaterThanOrEqual(
      3,
    );
    expect(
      count(
        `SELECT count(*) AS n FROM treatments t JOIN clients c ON c.id = t.client_id WHERE t.treated_on < date(c.date_of_birth, '+18 years')`,
      ),
    ).toBeGreaterThan(0);
    expect(
      count(
        'SELECT count(*) AS n FROM treatments t JOIN treatment_types tt ON tt.id = t.type_id WHERE tt.toxin_or_filler = 1',
      ),
    ).toBeGreaterThan(1_000);
    expect(count('SELECT count(*) AS n FROM photos')).toBeGreaterThan(6);
    expect(count('SELECT count(*) AS n FROM consent_events')).toBeGreaterThan(options.clients * 3);
  });

  it('clients: registered at 16 or over, after birth, not in the future; death after registration, not in the future', () => {
    expect(
      offenders(`SELECT id, date_of_birth, created_at, deceased_on FROM clients
        WHERE date(created_at) < date(date_of_birth, '+16 years') OR created_at > '${NOW}'
           OR deceased_on <= date(created_at) OR deceased_on > '${TODAY}'
           OR last_visit_on > '${TODAY}' OR last_interaction_at > '${NOW}' OR updated_at > '${NOW}'`),
    ).toEqual([]);
  });

  it('treatments: after registration and before death, none in the future, no toxin or filler under 18, no expired batch', () => {
    expect(
      offenders(`SELECT t.id, t.treated_on, t.created_at, c.date_of_birth, c.created_at AS registered, c.deceased_on, tt.toxin_or_filler, t.batch_expiry
        FROM treatments t JOIN clients c ON c.id = t.client_id JOIN treatment_types tt ON tt.id = t.type_id
        WHERE t.treated_on <= c.date_of_birth OR t.created_at < c.created_at OR t.treated_on >= '${TODAY}' OR t.created_at > '${NOW}'
           OR (c.deceased_on IS NOT NULL AND t.treated_on >= c.deceased_on)
           OR (tt.toxin_or_filler = 1 AND t.treated_on < date(c.date_of_birth, '+18 years'))
           OR (tt.injectable = 1 AND (t.batch_expiry IS NULL OR t.batch_expiry <= t.treated_on))`),
    ).toEqual([]);
  });

  it('consent events: after registration, before death, recorded after they happened and not in the future', () => {
    expect(
      offenders(`SELECT e.id, e.purpose_id, e.occurred_at, e.recorded_at, c.created_at AS registered, c.deceased_on
        FROM consent_events e JOIN clients c ON c.id = e.client_id
        WHERE e.occurred_at < c.created_at OR e.recorded_at < e.occurred_at OR e.recorded_at > '${NOW}'
           OR (c.deceased_on IS NOT NULL AND date(e.occurred_at) >= c.deceased_on)`),
    ).toEqual([]);
  });

  it('a consent to treatment is for that client’s own treatment, signed on its day before it was recorded', () => {
    expect(
      offenders(`SELECT e.id, e.occurred_at, t.created_at FROM consent_events e LEFT JOIN treatments t ON t.id = e.treatment_id
        WHERE e.purpose_id = 'treatment'
          AND (t.id IS NULL OR t.client_id <> e.client_id OR e.occurred_at > t.created_at OR date(e.occurred_at) <> t.treated_on)`),
    ).toEqual([]);
  });

  it('objections and suppressions: after registration, before death, not in the future', () => {
    expect(
      offenders(`SELECT id FROM clients WHERE marketing_objection_at IS NOT NULL
        AND (marketing_objection_at < created_at OR marketing_objection_at > '${NOW}' OR date(marketing_objection_at) >= deceased_on)`),
    ).toEqual([]);
    expect(offenders(`SELECT id FROM suppression_list WHERE added_at > '${NOW}'`)).toEqual([]);
  });

  it('medical and lifestyle reviews: on the last visit, never after death or today', () => {
    expect(
      offenders(`SELECT s.client_id, s.section, s.reviewed_on, s.updated_at, c.deceased_on, c.last_visit_on FROM client_sections s JOIN clients c ON c.id = s.client_id
        WHERE s.reviewed_on > '${TODAY}' OR s.updated_at > '${NOW}' OR s.reviewed_on < date(c.created_at)
           OR s.reviewed_on IS NOT c.last_visit_on OR s.reviewed_on >= c.deceased_on`),
    ).toEqual([]);
  });

  it('photos: taken on or after their treatment, after registration, before death, and stored no later than now', () => {
    expect(
      offenders(`SELECT p.id, p.taken_on, p.created_at, t.treated_on, c.deceased_on FROM photos p JOIN clients c ON c.id = p.client_id LEFT JOIN treatments t ON t.id = p.treatment_id
        WHERE p.taken_on > '${TODAY}' OR p.created_at > '${NOW}' OR p.taken_on < date(c.created_at)
           OR p.taken_on < t.treated_on OR p.taken_on >= c.deceased_on OR (t.id IS NOT NULL AND t.client_id <> p.client_id)`),
    ).toEqual([]);
  });

  it('publishes a privacy notice before the first client registered, and every consent rests on it', () => {
    const notices = db
      .prepare('SELECT id, version_label, effective_on, created_at, created_by FROM privacy_notices')
      .all() as {
      id: string;
      version_label: string;
      effective_on: string;
      created_at: string;
      created_by: string;
    }[];
    expect(notices).toHaveLength(1);
    const [notice] = notices;
    expect(notice).toMatchObject({ version_label: SYNTHETIC_NOTICE_LABEL, created_by: made.staffIds.owner });
    const firstRegistered = (db.prepare('SELECT min(created_at) AS at FROM clients').get() as { at: string })
      .at;
    expect(notice!.effective_on < firstRegistered.slice(0, 10)).toBe(true);
    expect(notice!.created_at < firstRegistered).toBe(true);
    expect(offenders(`SELECT id FROM consent_events WHERE notice_id IS NOT '${notice!.id}'`)).toEqual([]);
  });

  it('so the owner sees the notice in Settings, and nobody to re-contact about it', async () => {
    const api = openTestCore(made.vaultDir, clock);
    try {
      await api.call('session.signIn', { username: DEMO_OWNER.username, password: DEMO_OWNER.password });
      const list = await api.call('notices.list', undefined);
      expect(list.map((n) => [n.versionLabel, n.createdByName])).toEqual([
        [SYNTHETIC_NOTICE_LABEL, DEMO_OWNER.displayName],
      ]);
      expect(list[0]!.text).toContain('made-up demo clinic');
      expect(await api.call('notices.affectedCount', { noticeId: list[0]!.id })).toEqual({
        noNotice: 0,
        olderVersion: 0,
        total: 0,
      });
    } finally {
      api.close();
    }
  });
});
