/**
 * The retention queue, policy, review and holds through the dispatcher
 * (issue #13 items 1-4 and 7): rows with their rule and dates, windows,
 * counts, the owner-only methods refused to practitioner and reception,
 * the policy preview and its short-period confirmation, reviews, and the
 * computer's-date check.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestVault, createTestVault, errorCodeOf } from '../test-support/temp-vault';
import { signInAs, signInAsOwner } from '../test-support/test-clients';
import { dbOf } from '../test-support/upload-test-support';
import { type RetentionClinic, seedRetentionClinic } from '../test-support/retention-test-support';
import { DEFAULT_PERIODS } from './policy-store';

let tv: TestVault;
let clinic: RetentionClinic;
beforeEach(async () => {
  tv = await createTestVault();
  clinic = await seedRetentionClinic(tv.api);
});
afterEach(() => tv.cleanup());

const rowsOf = (view: { rows: { clientId: string; category: string; rule: string; triggerDate: string; retainUntil: string; due: string }[] }) =>
  view.rows.map((r) => [r.clientId, r.category, r.rule, r.triggerDate, r.retainUntil, r.due]);

describe('retention.queue', () => {
  it('lists each due client and category with its rule, trigger date and date, and counts per rule', async () => {
    const c = clinic;
    const view = await tv.api.call('retention.queue', { withinDays: 0 });
    expect(view.asOf).toBe('2026-11-22');
    expect(rowsOf(view)).toEqual([
      [c.youngChild, 'personal', 'personal-after-last-interaction', '2015-09-01', '2018-09-01', 'passed'],
      [c.oldAdult, 'personal', 'personal-after-last-interaction', '2015-09-01', '2018-09-01', 'passed'],
      [c.treatedAsChild, 'personal', 'personal-after-last-interaction', '2013-06-01', '2016-06-01', 'passed'],
      [c.treatedAsChild, 'clinical', 'clinical-under-18-until-25', '1999-03-01', '2024-03-01', 'passed'],
      [c.oldAdult, 'clinical', 'clinical-after-last-treatment', '2015-09-01', '2025-09-01', 'passed'],
    ].sort((a, b) => (a[4]! < b[4]! ? -1 : a[4]! > b[4]! ? 1 : a[0]! < b[0]! ? -1 : 1)));
    expect(view.counts).toMatchObject({ 'personal-after-last-interaction': 3, 'clinical-under-18-until-25': 1, 'clinical-after-last-treatment': 1 });
    expect(view.clients).toBe(3);
    expect(view.rows.find((r) => r.clientId === c.oldAdult)!.displayName).toBe('Ingrid Ólafsdóttir');
  });

  it('adds what passes within 30 days, and filters by category', async () => {
    const within30 = await tv.api.call('retention.queue', { withinDays: 30, category: 'personal' });
    expect(within30.rows.map((r) => [r.clientId, r.due])).toContainEqual([clinic.enquiry, 'within-30']);
    expect(new Set(within30.rows.map((r) => r.category))).toEqual(new Set(['personal']));
  });

  it('is computed as of another day (--as-of)', async () => {
    const view = await tv.api.call('retention.queue', { withinDays: 0, category: 'clinical', asOf: '2028-05-02' });
    expect(view.rows.map((r) => r.clientId)).toContain(clinic.youngChild);
  });

  it('gives the count alone for the home page', async () => {
    const view = await tv.api.call('retention.queue', { withinDays: 0, summary: true });
    expect(view).toMatchObject({ clients: 3, rows: [] });
  });

  it('is refused when the computer’s date is earlier than the newest record, and nothing is listed', async () => {
    dbOf(tv.api).prepare("UPDATE clients SET last_interaction_at = '2027-01-05T10:00:00.000Z' WHERE id = ?").run(clinic.recent);
    const r = await tv.api.dispatch('retention.queue', { withinDays: 0 });
    expect(r.ok ? null : r.error.code).toBe('CLOCK_LOOKS_WRONG');
    expect(r.ok ? '' : r.error.message).toMatch(/computer’s date looks wrong: it says 22\/11\/2026, but the vault holds records from 05\/01\/2027/);
  });
});

describe('owner only', () => {
  it('refuses every retention and hold method to practitioner and reception, in the core', async () => {
    const calls = [
      ['retention.queue', { withinDays: 0 }],
      ['retention.policy.get', undefined],
      ['retention.policy.history', undefined],
      ['retention.policy.preview', { policy: DEFAULT_PERIODS }],
      ['retention.policy.set', { policy: { ...DEFAULT_PERIODS, personalMonthsAfterLastInteraction: 48 } }],
      ['retention.review', { clientIds: [clinic.oldAdult], category: 'personal', months: 6, reason: 'Complaint expected' }],
      ['holds.place', { clientId: clinic.oldAdult, kind: 'claim', reason: 'Solicitor’s letter' }],
      ['holds.release', { clientId: clinic.oldAdult, reason: 'Settled' }],
      ['holds.list', { pastReview: false }],
      ['holds.forClient', { clientId: clinic.oldAdult }],
    ] as const;
    for (const role of ['practitioner', 'reception'] as const) {
      await signInAs(tv.api, role);
      for (const [method, input] of calls) {
        expect(await errorCodeOf(() => tv.api.call(method as 'holds.list', input as { pastReview: boolean })), `${role} ${method}`).toBe('FORBIDDEN');
      }
      await signInAsOwner(tv.api);
    }
    expect((await tv.api.call('retention.policy.get', undefined)).version).toBe(1);
    expect((await tv.api.call('holds.list', { pastReview: false })).holds).toEqual([]);
    expect(dbOf(tv.api).prepare('SELECT count(*) AS n FROM retention_reviews').get()).toEqual({ n: 0 });
  });
});

describe('retention.policy', () => {
  it('previews which clients move into or out of the queue before saving, and saves nothing', async () => {
    const longer = { ...DEFAULT_PERIODS, clinicalMonthsAfterLastTreatment: 180 };
    const preview = await tv.api.call('retention.policy.preview', { policy: longer });
    // 15 years: both clinical rows leave (the child's 25th birthday is now earlier than 15 years on, too).
    expect(preview.leaving).toEqual(
      expect.arrayContaining([
        { clientId: clinic.oldAdult, displayName: 'Ingrid Ólafsdóttir', category: 'clinical' },
        { clientId: clinic.treatedAsChild, displayName: 'Tomás Nguyễn', category: 'clinical' },
      ]),
    );
    expect(preview.leaving).toHaveLength(2);
    expect(preview.joining).toEqual([]);
    const shorter = await tv.api.call('retention.policy.preview', { policy: { ...DEFAULT_PERIODS, personalMonthsAfterLastInteraction: 24 } });
    expect(shorter.joining).toEqual([{ clientId: clinic.enquiry, displayName: 'Mei 王', category: 'personal' }]);
    expect((await tv.api.call('retention.policy.get', undefined)).version).toBe(1);
  });

  it('saves each change as a new version, keeps the history, and audit-logs the numbers only', async () => {
    const saved = await tv.api.call('retention.policy.set', { policy: { ...DEFAULT_PERIODS, clinicalMonthsAfterLastTreatment: 180 } });
    expect(saved).toMatchObject({ version: 2, clinicalMonthsAfterLastTreatment: 180 });
    expect((await tv.api.call('retention.policy.history', undefined)).versions.map((v) => [v.version, v.clinicalMonthsAfterLastTreatment])).toEqual([
      [2, 180],
      [1, 120],
    ]);
    const queue = await tv.api.call('retention.queue', { withinDays: 0, category: 'clinical' });
    expect(queue.rows).toEqual([]);
    expect(queue.policyVersion).toBe(2);
    const entry = dbOf(tv.api).prepare("SELECT detail FROM audit_log WHERE action = 'retention.policy_changed'").get() as { detail: string };
    expect(JSON.parse(entry.detail)).toMatchObject({ version: 2, previousVersion: 1, clinicalMonthsAfterLastTreatment: 180 });
  });

  it('a period under 12 months needs explicit confirmation; without it nothing is saved', async () => {
    const policy = { ...DEFAULT_PERIODS, personalMonthsAfterLastInteraction: 6 };
    const r = await tv.api.dispatch('retention.policy.set', { policy });
    expect(r.ok ? null : r.error.code).toBe('RETENTION_POLICY_SHORT');
    expect(r.ok ? '' : r.error.message).toMatch(/under 12 months \(6 months\).*confirm/);
    expect((await tv.api.call('retention.policy.get', undefined)).version).toBe(1);
    expect((await tv.api.call('retention.policy.preview', { policy })).short).toEqual(['personalMonthsAfterLastInteraction']);
    expect((await tv.api.call('retention.policy.set', { policy, confirmShort: true })).version).toBe(2);
  });

  it('refuses a policy with nothing changed, or nonsense periods, and saves nothing', async () => {
    expect(await errorCodeOf(() => tv.api.call('retention.policy.set', { policy: DEFAULT_PERIODS }))).toBe('VALIDATION');
    expect(await errorCodeOf(() => tv.api.call('retention.policy.set', { policy: { ...DEFAULT_PERIODS, childUntilBirthday: 12 } }))).toBe('VALIDATION');
    expect(await errorCodeOf(() => tv.api.call('retention.policy.set', { policy: { ...DEFAULT_PERIODS, clinicalMonthsAfterLastTreatment: 0 } }))).toBe('VALIDATION');
    expect((await tv.api.call('retention.policy.history', undefined)).versions).toHaveLength(1);
  });

  it('the erasure preview reads the owner’s policy for the date the clinical record is kept until', async () => {
    await tv.api.call('retention.policy.set', { policy: { ...DEFAULT_PERIODS, clinicalMonthsAfterLastTreatment: 180 } });
    const preview = await tv.api.call('erasure.preview', { clientId: clinic.recent });
    expect(preview.keptUntil).toBe('2041-10-01');
    expect(preview.legalBasis.join(' ')).toMatch(/kept for 15 years after your last treatment/);
  });
});

describe('retention.review', () => {
  it('keeps the rows N more months with a reason: they leave the queue until then, the other category stays', async () => {
    const r = await tv.api.call('retention.review', { clientIds: [clinic.oldAdult], category: 'clinical', months: 6, reason: 'Insurer asked us to keep it' });
    expect(r).toEqual({ keptUntil: '2027-05-22', reviewed: 1 });
    const rows = (await tv.api.call('retention.queue', { withinDays: 0 })).rows.filter((x) => x.clientId === clinic.oldAdult);
    expect(rows.map((x) => x.category)).toEqual(['personal']);
    const back = (await tv.api.call('retention.queue', { withinDays: 0, asOf: '2027-05-23' })).rows.filter((x) => x.clientId === clinic.oldAdult);
    expect(back.map((x) => [x.category, x.reviewedUntil])).toContainEqual(['clinical', '2027-05-22']);
    const entry = dbOf(tv.api).prepare("SELECT detail FROM audit_log WHERE action = 'retention.reviewed'").get() as { detail: string };
    expect(entry.detail).not.toContain('Insurer');
  });

  it('refuses an unknown client and changes nothing', async () => {
    expect(await errorCodeOf(() => tv.api.call('retention.review', { clientIds: [clinic.oldAdult, 'cl_nobody'], category: 'personal', months: 3, reason: 'x' }))).toBe('NOT_FOUND');
    expect(dbOf(tv.api).prepare('SELECT count(*) AS n FROM retention_reviews').get()).toEqual({ n: 0 });
  });
});

describe('holds through the dispatcher', () => {
  it('places, lists (and past review), marks the queue row, refuses a second, and releases', async () => {
    const hold = await tv.api.call('holds.place', { clientId: clinic.oldAdult, kind: 'claim', reason: 'Solicitor’s letter 03/11/2026', reviewOn: '2026-12-01' });
    expect(hold).toMatchObject({ kind: 'claim', placedOn: '2026-11-22', reviewOn: '2026-12-01', releasedOn: null });
    expect(await errorCodeOf(() => tv.api.call('holds.place', { clientId: clinic.oldAdult, kind: 'other', reason: 'again' }))).toBe('LEGAL_HOLD_EXISTS');
    const queue = await tv.api.call('retention.queue', { withinDays: 0 });
    expect(queue.rows.filter((r) => r.clientId === clinic.oldAdult).every((r) => r.held)).toBe(true);
    expect(queue.rows.filter((r) => r.clientId !== clinic.oldAdult).some((r) => r.held)).toBe(false);
    expect((await tv.api.call('holds.list', { pastReview: true })).holds).toEqual([]);
    tv.clock.advance(10 * 24 * 3600_000);
    await signInAsOwner(tv.api); // the screen locked itself meanwhile
    const past = (await tv.api.call('holds.list', { pastReview: true })).holds;
    expect(past.map((h) => [h.clientId, h.displayName, h.pastReview])).toEqual([[clinic.oldAdult, 'Ingrid Ólafsdóttir', true]]);
    const released = await tv.api.call('holds.release', { clientId: clinic.oldAdult, reason: 'Claim withdrawn' });
    expect(released).toMatchObject({ releasedOn: '2026-12-02', releaseReason: 'Claim withdrawn' });
    expect(await errorCodeOf(() => tv.api.call('holds.release', { clientId: clinic.oldAdult, reason: 'again' }))).toBe('NO_LEGAL_HOLD');
    expect((await tv.api.call('holds.forClient', { clientId: clinic.oldAdult })).history).toHaveLength(1);
    const audit = dbOf(tv.api).prepare("SELECT detail FROM audit_log WHERE action LIKE 'hold.%'").all() as { detail: string }[];
    expect(audit.map((a) => a.detail).join(' ')).not.toMatch(/Solicitor|withdrawn/);
  });

  it('refuses a review date that is not after today, and a hold on an unknown client', async () => {
    expect(await errorCodeOf(() => tv.api.call('holds.place', { clientId: clinic.oldAdult, kind: 'claim', reason: 'x', reviewOn: '2026-11-22' }))).toBe('VALIDATION');
    expect(await errorCodeOf(() => tv.api.call('holds.place', { clientId: 'cl_nobody', kind: 'claim', reason: 'x' }))).toBe('NOT_FOUND');
    expect((await tv.api.call('holds.list', {})).holds).toEqual([]);
  });

  it('marks the client wherever it appears: the record and search results, the reason for the owner only', async () => {
    await tv.api.call('holds.place', { clientId: clinic.oldAdult, kind: 'safeguarding', reason: 'Concern raised by GP' });
    expect((await tv.api.call('clients.get', { clientId: clinic.oldAdult })).legalHold).toMatchObject({ kind: 'safeguarding', reason: 'Concern raised by GP', placedOn: '2026-11-22' });
    const hits = (await tv.api.call('clients.search', { query: 'Ingrid' })).results;
    expect(hits.map((h) => h.legalHold?.kind)).toEqual(['safeguarding']);
    expect((await tv.api.call('clients.get', { clientId: clinic.recent })).legalHold).toBeNull();
    await signInAs(tv.api, 'reception');
    expect((await tv.api.call('clients.get', { clientId: clinic.oldAdult })).legalHold).toMatchObject({ kind: 'safeguarding', reason: '' });
    expect((await tv.api.call('clients.search', { query: 'Ingrid' })).results[0]!.legalHold).toMatchObject({ kind: 'safeguarding', reason: '' });
  });
});
