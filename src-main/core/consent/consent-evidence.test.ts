/**
 * Issue #11 item 4 through the dispatcher: each purpose's standard wording
 * (with the clinic's name) to pre-fill, and a grant without a notice or
 * wording marked "evidence incomplete" in the history and the current state.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoreApi } from '../app';
import type { TestVault } from '../test-support/temp-vault';
import { grant, vaultWithClient } from '../test-support/consent-test-support';

let tv: TestVault;
let api: CoreApi;
let clientId: string;

beforeEach(async () => {
  ({ tv, api, clientId } = await vaultWithClient());
});
afterEach(() => tv.cleanup());

describe('consent evidence', () => {
  it("gives each built-in purpose a standard wording with the clinic's name; the owner can change it", async () => {
    const { clinicName } = await api.call('settings.get', undefined);
    const purposes = await api.call('consent.purposes', undefined);
    const email = purposes.find((p) => p.id === 'marketing.email')!;
    expect(email.standardWording).toBe(`I would like ${clinicName} to email me news and offers about its treatments. I can unsubscribe at any time using the link in every email.`);
    expect(purposes.every((p) => p.standardWording !== '' && !p.standardWording.includes('{clinic}'))).toBe(true);
    await api.call('consent.savePurpose', { id: 'marketing.email', label: email.label, category: 'marketing', channel: 'email', standardWording: 'Offers from {clinic} by email?' });
    const custom = await api.call('consent.savePurpose', { label: 'Newsletter', category: 'custom' });
    const after = await api.call('consent.purposes', undefined);
    expect(after.find((p) => p.id === 'marketing.email')!.standardWording).toBe(`Offers from ${clinicName} by email?`);
    expect(after.find((p) => p.id === custom.id)!.standardWording).toBe('');
    // A rename that leaves the wording out keeps it.
    await api.call('consent.savePurpose', { id: 'marketing.email', label: 'Email offers', category: 'marketing', channel: 'email' });
    expect((await api.call('consent.purposes', undefined)).find((p) => p.id === 'marketing.email')!.standardWording).toBe(`Offers from ${clinicName} by email?`);
  });

  it('marks a grant without a notice or wording as evidence incomplete, in the history and the current state', async () => {
    const { notice } = await api.call('notices.publish', { versionLabel: 'v1', effectiveOn: '2026-01-01', text: 'Our notice.' });
    const bare = await grant(api, clientId, 'marketing.post');
    const noWording = await grant(api, clientId, 'marketing.sms', { noticeId: notice.id });
    const complete = await grant(api, clientId, 'marketing.email', { noticeId: notice.id, wording: 'Yes to email offers.' });
    expect([bare.evidenceIncomplete, noWording.evidenceIncomplete, complete.evidenceIncomplete]).toEqual([true, true, false]);
    const current = (await api.call('consent.current', { clientId })).current;
    const flag = (id: string) => current.find((c) => c.purpose.id === id)!.evidenceIncomplete;
    expect([flag('marketing.post'), flag('marketing.sms'), flag('marketing.email'), flag('marketing.phone')]).toEqual([true, true, false, false]);
    const history = await api.call('consent.history', { clientId });
    expect(history.filter((e) => e.evidenceIncomplete).map((e) => e.purposeId).sort()).toEqual(['marketing.post', 'marketing.sms']);
    // A withdrawal needs no wording: the current state is complete again.
    tv.clock.advance(60_000);
    const withdrawn = await api.call('consent.withdraw', { clientId, purposeId: 'marketing.post', method: 'phone' });
    expect(withdrawn.evidenceIncomplete).toBe(false);
    expect((await api.call('consent.current', { clientId })).current.find((c) => c.purpose.id === 'marketing.post')!.evidenceIncomplete).toBe(false);
  });
});
