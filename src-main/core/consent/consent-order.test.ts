/**
 * Issue #11 items 2 and 3 through the dispatcher: a refusal ends the soft
 * opt-in (PECR reg 22(3)), and the order of events is asked for, never guessed
 * in favour of marketing. The clock stands at 22/11/2026 09:00 (GMT).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoreApi } from '../app';
import type { TestVault } from '../test-support/temp-vault';
import { countEvents, grant, stateOf, vaultWithClient } from '../test-support/consent-test-support';

let tv: TestVault;
let api: CoreApi;
let clientId: string;
let fresh: { noticeId: string; wording: string };

beforeEach(async () => {
  ({ tv, api, clientId } = await vaultWithClient());
  const { notice } = await api.call('notices.publish', { versionLabel: 'v1', effectiveOn: '2026-01-01', text: 'Our notice.' });
  fresh = { noticeId: notice.id, wording: 'Yes, email me news and offers.' };
});
afterEach(() => tv.cleanup());

const SOFT = { basis: 'soft-opt-in' as const, softOptIn: { detailsCollectedDuringSale: true, similarServicesOnly: true, optOutOfferedAtCollection: true } };

async function refusal(purposeId: string, extras: Parameters<typeof grant>[3] = {}) {
  const r = await api.dispatch('consent.record', { clientId, purposeId, state: 'granted', method: 'in-person', ...extras });
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
}

describe('the soft opt-in ends at a refusal (PECR reg 22(3))', () => {
  it('refuses a soft opt-in grant after a withdrawal, citing the rule; nothing is stored', async () => {
    await grant(api, clientId, 'marketing.email', { ...SOFT, ...fresh });
    tv.clock.advance(60_000);
    await api.call('consent.withdraw', { clientId, purposeId: 'marketing.email', method: 'email' });
    tv.clock.advance(60_000);
    const before = countEvents(api, clientId);
    const error = await refusal('marketing.email', { ...SOFT, ...fresh });
    expect(error.code).toBe('VALIDATION');
    expect(error.issues?.map((i) => i.field)).toEqual(['basis']);
    expect(error.message).toMatch(/withdrew this consent on 22\/11\/2026 09:01.*soft opt-in no longer applies \(PECR reg 22\(3\)\)/);
    expect(countEvents(api, clientId)).toBe(before);
    expect(stateOf(await api.call('consent.current', { clientId }), 'marketing.email')).toBe('withdrawn');
  });

  it('refuses it after a refusal too, and only for that channel', async () => {
    await api.call('consent.record', { clientId, purposeId: 'marketing.sms', state: 'refused', method: 'in-person' });
    tv.clock.advance(60_000);
    expect((await refusal('marketing.sms', SOFT)).message).toMatch(/refused this marketing.*PECR reg 22\(3\)/);
    // Email was never refused: the soft opt-in still holds there.
    expect((await grant(api, clientId, 'marketing.email', SOFT)).basis).toBe('soft-opt-in');
  });

  it('refuses a soft opt-in grant after an objection, even marked as an explicit re-grant', async () => {
    await api.call('consent.object', { clientId, method: 'email' });
    tv.clock.advance(60_000);
    for (const extras of [SOFT, { ...SOFT, explicitRegrant: true, ...fresh }]) {
      const error = await refusal('marketing.email', extras);
      expect(error.issues?.map((i) => i.field)).toEqual(['basis']);
      expect(error.message).toMatch(/objected to direct marketing.*PECR reg 22\(3\)/);
    }
    expect(stateOf(await api.call('consent.current', { clientId }), 'marketing.email')).toBe('unknown');
  });

  it('restarts email or SMS marketing only on explicit consent with its notice and wording', async () => {
    await grant(api, clientId, 'marketing.sms', fresh);
    tv.clock.advance(60_000);
    await api.call('consent.withdraw', { clientId, purposeId: 'marketing.sms', method: 'phone' });
    tv.clock.advance(60_000);
    const bare = await refusal('marketing.sms');
    expect(bare.issues?.map((i) => i.field)).toEqual(['noticeId', 'wording']);
    expect(bare.message).toMatch(/record the privacy notice they were given with their fresh consent/);
    const noWording = await refusal('marketing.sms', { noticeId: fresh.noticeId });
    expect(noWording.issues?.map((i) => i.field)).toEqual(['wording']);
    const restarted = await grant(api, clientId, 'marketing.sms', fresh);
    expect(restarted).toMatchObject({ basis: 'consent', noticeVersion: 'v1', overriddenBy: null });
    expect(stateOf(await api.call('consent.current', { clientId }), 'marketing.sms')).toBe('granted');
  });

  it('after an objection, any marketing channel restarts only with notice and wording', async () => {
    await api.call('consent.object', { clientId, method: 'email' });
    tv.clock.advance(60_000);
    const bare = await refusal('marketing.post', { explicitRegrant: true });
    expect(bare.issues?.map((i) => i.field)).toEqual(['noticeId', 'wording']);
    expect((await grant(api, clientId, 'marketing.post', { explicitRegrant: true, ...fresh })).explicitRegrant).toBe(true);
  });
});

describe('the order of events is never guessed in favour of marketing', () => {
  it('asks for the time of a paper form dated today when something was recorded today; nothing is stored', async () => {
    await api.call('consent.withdraw', { clientId, purposeId: 'marketing.email', method: 'phone' });
    tv.clock.advance(60_000);
    const before = countEvents(api, clientId);
    const r = await refusal('marketing.email', { occurredAt: '2026-11-22', method: 'paper-form', ...fresh });
    expect(r.code).toBe('VALIDATION');
    expect(r.issues).toEqual([
      {
        field: 'occurredTime',
        message:
          'Marketing by email was already recorded as withdrawn on 22/11/2026 09:00. Enter the time the client told you on 22/11/2026 (HH:MM), so it is clear which came first.',
      },
    ]);
    expect(countEvents(api, clientId)).toBe(before);
    // With the time: signed at 08:30, before the withdrawal, so it is recorded but not in force.
    const early = await grant(api, clientId, 'marketing.email', { occurredAt: '2026-11-22T08:30', ...fresh });
    expect(early.occurredAt).toBe('2026-11-22T08:30:00.000Z');
    expect(early.overriddenBy).toMatchObject({ state: 'withdrawn', occurredAt: '2026-11-22T09:00:00.000Z' });
    expect(stateOf(await api.call('consent.current', { clientId }), 'marketing.email')).toBe('withdrawn');
  });

  it('asks for the time on the day of an objection, for a marketing purpose', async () => {
    await api.call('consent.object', { clientId, method: 'email' });
    tv.clock.advance(60_000);
    const r = await refusal('marketing.post', { occurredAt: '2026-11-22', explicitRegrant: true, ...fresh });
    expect(r.issues?.[0]).toMatchObject({ field: 'occurredTime', message: expect.stringMatching(/^The client objected to marketing on 22\/11\/2026 09:00\./) });
  });

  it('places a date-only event at the start of the day, and says when a later event is in force', async () => {
    tv.clock.advance(60_000);
    await api.call('consent.withdraw', { clientId, purposeId: 'marketing.post', method: 'phone' });
    // A form dated yesterday, entered today: recorded, but the withdrawal is in force.
    const late = await grant(api, clientId, 'marketing.post', { occurredAt: '2026-11-21' });
    expect(late.occurredAt).toBe('2026-11-21T00:00:00.000Z');
    expect(late.overriddenBy).toMatchObject({ state: 'withdrawn', occurredAt: '2026-11-22T09:01:00.000Z' });
    // A date-only form on a day with nothing else recorded needs no time.
    const other = await grant(api, clientId, 'reminders.sms', { occurredAt: '2026-11-22' });
    expect(other).toMatchObject({ occurredAt: '2026-11-22T00:00:00.000Z', overriddenBy: null });
  });

  it('refuses a time later than now', async () => {
    const r = await refusal('reminders.sms', { occurredAt: '2026-11-22T09:30' });
    expect(r.issues?.map((i) => i.field)).toEqual(['occurredTime']);
  });
});
