/** The consent ledger through the core API, on a real SQLCipher vault (Art 7(1)). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoreApi } from '../app';
import { signInAs } from '../test-support/test-clients';
import { insertTreatment } from '../test-support/photo-test-support';
import { type TestVault, errorCodeOf } from '../test-support/temp-vault';
import { dbOf } from '../test-support/upload-test-support';
import { EXE_BYTES, PDF_BYTES, countEvents, grant, stage, stateOf, vaultWithClient } from '../test-support/consent-test-support';

let tv: TestVault;
let api: CoreApi;
let clientId: string;
const MINUTE = 60_000; // within the 5-minute auto-lock

beforeEach(async () => {
  ({ tv, api, clientId } = await vaultWithClient());
});
afterEach(() => tv.cleanup());

async function issuesOf(fn: () => Promise<unknown>): Promise<{ code: string; fields: string[]; messages: string[] }> {
  try {
    await fn();
  } catch (err) {
    const e = err as { code: string; issues?: { field: string; message: string }[] };
    return { code: e.code, fields: (e.issues ?? []).map((i) => i.field), messages: (e.issues ?? []).map((i) => i.message) };
  }
  throw new Error('expected an error');
}

describe('recording and the current state', () => {
  it('derives the current state: grant, then withdraw, and a backdated grant recorded later does not override', async () => {
    await grant(api, clientId, 'marketing.email');
    expect(stateOf(await api.call('consent.current', { clientId }), 'marketing.email')).toBe('granted');
    tv.clock.advance(MINUTE);
    await api.call('consent.withdraw', { clientId, purposeId: 'marketing.email', method: 'phone' });
    tv.clock.advance(MINUTE);
    // A paper form dated last week, entered today: the later withdrawal stands.
    await grant(api, clientId, 'marketing.email', { occurredAt: '2026-11-15' });
    const summary = await api.call('consent.current', { clientId });
    expect(stateOf(summary, 'marketing.email')).toBe('withdrawn');
    expect(stateOf(summary, 'marketing.sms')).toBe('unknown');
    expect(summary.current.every((c) => c.purpose.active)).toBe(true);
    const history = await api.call('consent.history', { clientId, purposeId: 'marketing.email' });
    expect(history.map((e) => e.state)).toEqual(['withdrawn', 'granted', 'granted']);
    expect(history[0]!.recordedByName).toBe('Olivia Owner');
  });

  it('keeps who, when, how, the notice and wording, evidence and basis; audits ids only', async () => {
    const { notice } = await api.call('notices.publish', { versionLabel: 'v1', effectiveOn: '2026-01-01', text: 'Our notice.' });
    const evidenceUploadId = await stage(api, PDF_BYTES, 'form.pdf');
    const e = await grant(api, clientId, 'marketing.sms', { noticeId: notice.id, wording: 'Offers by text?', evidenceUploadId });
    expect(e).toMatchObject({ state: 'granted', basis: 'consent', method: 'paper-form', noticeVersion: 'v1', wording: 'Offers by text?', recordedAt: '2026-11-22T09:00:00.000Z' });
    expect(e.evidenceFileId).toMatch(/^f/);
    const current = (await api.call('consent.current', { clientId })).current.find((c) => c.purpose.id === 'marketing.sms')!;
    expect(current).toMatchObject({ state: 'granted', basis: 'consent', noticeVersion: 'v1', eventId: e.id });
    const audit = dbOf(api).prepare("SELECT subject_id, detail FROM audit_log WHERE action = 'consent.recorded'").all() as { subject_id: string; detail: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.subject_id).toBe(clientId);
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ purposeId: 'marketing.sms', state: 'granted' });
    await api.call('consent.history', { clientId });
    expect(dbOf(api).prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'consent.viewed'").get()).toEqual({ n: 1 });
  });

  it('corrects a mistake with a new event; the ledger has no edit or delete path', async () => {
    const wrong = await grant(api, clientId, 'marketing.post');
    tv.clock.advance(1000);
    const fix = await api.call('consent.record', { clientId, purposeId: 'marketing.post', state: 'refused', method: 'paper-form', correctsEventId: wrong.id, note: 'Ticked the wrong box' });
    expect(fix.correctsEventId).toBe(wrong.id);
    expect(stateOf(await api.call('consent.current', { clientId }), 'marketing.post')).toBe('refused');
    expect(countEvents(api, clientId)).toBe(2);
    const db = dbOf(api);
    expect(() => db.prepare("UPDATE consent_events SET state = 'granted' WHERE id = ?").run(fix.id)).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM consent_events WHERE id = ?').run(wrong.id)).toThrow(/append-only/);
    // A correction must name an event of the same client and purpose.
    const other = await issuesOf(() => api.call('consent.record', { clientId, purposeId: 'marketing.sms', state: 'refused', method: 'phone', correctsEventId: wrong.id }));
    expect(other).toMatchObject({ code: 'VALIDATION', fields: ['correctsEventId'] });
  });

  it('a withdrawal is one call, and the state and history show it at once', async () => {
    await grant(api, clientId, 'reminders.sms');
    tv.clock.advance(1000);
    const w = await api.call('consent.withdraw', { clientId, purposeId: 'reminders.sms', method: 'phone' });
    expect(w).toMatchObject({ state: 'withdrawn', method: 'phone', basis: null });
    expect(stateOf(await api.call('consent.current', { clientId }), 'reminders.sms')).toBe('withdrawn');
  });
});

describe('bad input is refused and nothing is stored', () => {
  it('each refusal names its field', async () => {
    const cases: [string, () => Promise<unknown>, string, RegExp?][] = [
      ['unknown purpose', () => grant(api, clientId, 'marketing.pigeon'), 'purposeId', /not one of the clinic's consent purposes/],
      ['missing method', () => api.call('consent.record', { clientId, purposeId: 'marketing.email', state: 'granted' } as never), 'method'],
      ['future date', () => grant(api, clientId, 'marketing.email', { occurredAt: '2026-12-01' }), 'occurredAt', /future/],
      ['not a date', () => grant(api, clientId, 'marketing.email', { occurredAt: 'last Tuesday' }), 'occurredAt'],
      ['unknown notice', () => grant(api, clientId, 'marketing.email', { noticeId: 'pn_nope' }), 'noticeId'],
      ['basis on post', () => grant(api, clientId, 'marketing.post', { basis: 'consent' }), 'basis'],
      ['TPS on email', () => grant(api, clientId, 'marketing.email', { tpsCheckedOn: '2026-11-01', tpsRegistered: false }), 'tpsCheckedOn'],
      ['treatment without a treatment', () => grant(api, clientId, 'treatment'), 'treatmentId'],
      ['a treatment on marketing', () => grant(api, clientId, 'marketing.email', { treatmentId: 'tr_x' }), 'treatmentId'],
      [
        'soft opt-in missing a condition',
        () => grant(api, clientId, 'marketing.email', { basis: 'soft-opt-in', softOptIn: { detailsCollectedDuringSale: true, similarServicesOnly: false, optOutOfferedAtCollection: true } }),
        'softOptIn.similarServicesOnly',
        /similar services/,
      ],
    ];
    for (const [name, call, field, message] of cases) {
      const r = await issuesOf(call);
      expect(r.code, name).toBe('VALIDATION');
      expect(r.fields, name).toContain(field);
      if (message) expect(r.messages.join(' '), name).toMatch(message);
    }
    expect(countEvents(api, clientId)).toBe(0);
  });

  it('refuses evidence that is not a PDF or an image, and keeps the upload staged', async () => {
    const evidenceUploadId = await stage(api, EXE_BYTES, 'form.pdf');
    const r = await issuesOf(() => grant(api, clientId, 'marketing.email', { evidenceUploadId }));
    expect(r).toMatchObject({ code: 'VALIDATION', fields: ['evidenceUploadId'] });
    expect(countEvents(api, clientId)).toBe(0);
    expect(dbOf(api).prepare('SELECT count(*) AS n FROM staged_uploads').get()).toEqual({ n: 1 });
  });

  it('accepts the soft opt-in when all three conditions hold, and TPS details for phone marketing', async () => {
    const soft = await grant(api, clientId, 'marketing.email', {
      basis: 'soft-opt-in',
      softOptIn: { detailsCollectedDuringSale: true, similarServicesOnly: true, optOutOfferedAtCollection: true },
    });
    expect(soft).toMatchObject({ basis: 'soft-opt-in', softOptIn: { similarServicesOnly: true } });
    const phone = await grant(api, clientId, 'marketing.phone', { tpsCheckedOn: '2026-11-20', tpsRegistered: false });
    expect(phone).toMatchObject({ tpsCheckedOn: '2026-11-20', tpsRegistered: false });
    // Without a check on the grant too: each number is screened on its own (docs/phones-and-tps.md).
    const unchecked = await grant(api, clientId, 'marketing.phone');
    expect(unchecked).toMatchObject({ state: 'granted', tpsCheckedOn: null, tpsRegistered: null });
  });

  it('NOT_FOUND for a client that does not exist', async () => {
    expect(await errorCodeOf(() => grant(api, 'cl_nobody', 'marketing.email'))).toBe('NOT_FOUND');
  });
});

describe('roles', () => {
  it('reception records and withdraws marketing and reminders, but not photo or treatment consent', async () => {
    const ownerId = dbOf(api).prepare("SELECT id FROM staff WHERE username = 'olivia'").get() as { id: string };
    const treatmentId = insertTreatment(dbOf(api), clientId, ownerId.id);
    await grant(api, clientId, 'photo.training');
    await signInAs(api, 'reception');
    await grant(api, clientId, 'marketing.email');
    await api.call('consent.withdraw', { clientId, purposeId: 'marketing.email', method: 'in-person' });
    await grant(api, clientId, 'reminders.email');
    expect(await errorCodeOf(() => grant(api, clientId, 'photo.website-social'))).toBe('FORBIDDEN');
    expect(await errorCodeOf(() => api.call('consent.withdraw', { clientId, purposeId: 'photo.training', method: 'phone' }))).toBe('FORBIDDEN');
    expect(await errorCodeOf(() => grant(api, clientId, 'treatment', { treatmentId }))).toBe('FORBIDDEN');
    expect(await errorCodeOf(() => api.call('consent.history', { clientId, purposeId: 'photo.training' }))).toBe('FORBIDDEN');
    const denied = dbOf(api).prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'access.denied'").get() as { n: number };
    expect(denied.n).toBe(4);
    // Reception sees marketing and service purposes only.
    const summary = await api.call('consent.current', { clientId });
    expect(new Set(summary.current.map((c) => c.purpose.category))).toEqual(new Set(['marketing', 'service']));
    const history = await api.call('consent.history', { clientId });
    expect(history.map((e) => e.purposeId).sort()).toEqual(['marketing.email', 'marketing.email', 'reminders.email']);
  });

  it('a practitioner records consent to a treatment of the same client, per treatment', async () => {
    const owner = dbOf(api).prepare("SELECT id FROM staff WHERE username = 'olivia'").get() as { id: string };
    const t1 = insertTreatment(dbOf(api), clientId, owner.id);
    await signInAs(api, 'practitioner');
    await grant(api, clientId, 'treatment', { treatmentId: t1 });
    const rows = (await api.call('consent.current', { clientId })).current.filter((c) => c.purpose.id === 'treatment');
    expect(rows).toEqual([expect.objectContaining({ state: 'granted', treatmentId: t1 })]);
  });
});

describe('purposes', () => {
  it('adds a custom purpose with an id from its label; built-ins keep category and channel', async () => {
    const p = await api.call('consent.savePurpose', { label: 'Monthly newsletter', category: 'marketing', channel: 'email' });
    expect(p).toMatchObject({ id: 'custom.monthly-newsletter', builtIn: false, active: true });
    const again = await api.call('consent.savePurpose', { label: 'Monthly newsletter!', category: 'custom' });
    expect(again.id).toBe('custom.monthly-newsletter-2');
    const renamed = await api.call('consent.savePurpose', { id: 'marketing.post', label: 'Letters', category: 'marketing', channel: 'post' });
    expect(renamed.label).toBe('Letters');
    expect(await errorCodeOf(() => api.call('consent.savePurpose', { id: 'marketing.post', label: 'Letters', category: 'custom' }))).toBe('VALIDATION');
    // A retired purpose takes no new grants, but withdrawals are still honoured.
    await grant(api, clientId, 'custom.monthly-newsletter');
    await api.call('consent.savePurpose', { id: 'custom.monthly-newsletter', label: 'Monthly newsletter', category: 'marketing', channel: 'email', active: false });
    expect(await errorCodeOf(() => grant(api, clientId, 'custom.monthly-newsletter'))).toBe('VALIDATION');
    await api.call('consent.withdraw', { clientId, purposeId: 'custom.monthly-newsletter', method: 'email' });
    expect((await api.call('consent.purposes', undefined)).find((x) => x.id === 'custom.monthly-newsletter')?.active).toBe(false);
    // Its category cannot change once consents rest on it.
    expect(await errorCodeOf(() => api.call('consent.savePurpose', { id: 'custom.monthly-newsletter', label: 'N', category: 'custom' }))).toBe('CONFLICT');
  });
});

// How fast is the benchmark's question (bench/consent.ts: consent.current and consent.history p95);
// here only that both read by index, and that a long history comes back whole and in order.
describe('reading by index', () => {
  it('reads current state by index only, and 200 events of history newest first', async () => {
    const db = dbOf(api);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT p.id FROM consent_purposes p
       LEFT JOIN consent_current cc ON cc.client_id = 'x' AND cc.purpose_id = p.id
       LEFT JOIN consent_events e ON e.seq = cc.event_seq`).all() as { detail: string }[]).map((r) => r.detail);
    expect(plan.filter((d) => /SCAN (cc|e)\b/.test(d))).toEqual([]);
    for (let i = 0; i < 200; i++) {
      tv.clock.advance(1000);
      await grant(api, clientId, i % 2 ? 'marketing.email' : 'marketing.sms', { wording: `Form ${i}` });
    }
    const history = await api.call('consent.history', { clientId });
    expect(history).toHaveLength(200);
    expect(history[0]!.wording).toBe('Form 199');
    expect(history.at(-1)!.wording).toBe('Form 0');
    const historyPlan = (db.prepare(`EXPLAIN QUERY PLAN SELECT seq FROM consent_events WHERE client_id = ? ORDER BY occurred_at DESC, seq DESC`).all('x') as { detail: string }[]).map((r) => r.detail);
    expect(historyPlan.some((d) => /consent_events_by_client/.test(d))).toBe(true);
    expect(historyPlan.filter((d) => /^SCAN consent_events\b(?! USING)/.test(d))).toEqual([]);
  });
});
