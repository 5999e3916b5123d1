/** Privacy-notice versions, the date of death, and photo uses that follow the photo consents. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoreApi } from '../app';
import { newClient, signInAs, anotherPerson } from '../test-support/test-clients';
import { importBytes } from '../test-support/photo-test-support';
import { makeJpeg } from '../test-support/test-images';
import { type TestVault, errorCodeOf } from '../test-support/temp-vault';
import { dbOf } from '../test-support/upload-test-support';
import { grant, vaultWithClient } from '../test-support/consent-test-support';

let tv: TestVault;
let api: CoreApi;
let clientId: string;

beforeEach(async () => {
  ({ tv, api, clientId } = await vaultWithClient());
});
afterEach(() => tv.cleanup());

describe('privacy notices', () => {
  it('publishes versions as kept, refuses a repeated label, and lists whose consents rest on an older one', async () => {
    const v1 = await api.call('notices.publish', { versionLabel: 'v1', effectiveOn: '2026-01-01', text: 'First notice.' });
    expect(v1).toMatchObject({ notice: { versionLabel: 'v1', createdByName: 'Olivia Owner' } });
    expect(await api.call('notices.affectedCount', { noticeId: v1.notice.id })).toEqual({ noNotice: 0, olderVersion: 0, total: 0 });
    expect(await errorCodeOf(() => api.call('notices.publish', { versionLabel: 'V1', effectiveOn: '2026-02-01', text: 'Again.' }))).toBe('CONFLICT');
    await grant(api, clientId, 'marketing.email', { noticeId: v1.notice.id });
    await grant(api, clientId, 'reminders.sms'); // on no recorded notice
    const other = await api.call('clients.create', newClient({ firstName: 'Amara', lastName: 'Okafor', ...anotherPerson(1), email: 'amara@example.co.uk' }));
    await grant(api, other.id, 'marketing.post', { noticeId: v1.notice.id });
    await api.call('consent.withdraw', { clientId: other.id, purposeId: 'marketing.post', method: 'phone' });

    const v2 = await api.call('notices.publish', { versionLabel: 'v2', effectiveOn: '2026-11-01', text: 'Second notice.' });
    // One client, counted once, under "no notice" because one of her consents rests on none.
    expect(await api.call('notices.affectedCount', { noticeId: v2.notice.id })).toEqual({ noNotice: 1, olderVersion: 0, total: 1 });
    const affected = await api.call('notices.affected', { noticeId: v2.notice.id });
    expect(affected).toEqual({
      clients: [{ clientId, name: 'Zoë Hartley', purposes: ['Marketing by email', 'Appointment reminders by SMS'], noticeVersion: '' }],
      next: null,
    });
    // Consents given on the new notice are not affected by it.
    await grant(api, clientId, 'marketing.email', { noticeId: v2.notice.id });
    expect((await api.call('notices.affected', { noticeId: v2.notice.id })).clients[0]!.purposes).toEqual(['Appointment reminders by SMS']);
    // Once the SMS reminders rest on v2 too, she is no longer affected, and on v1 she is "an older version" no more.
    await grant(api, clientId, 'reminders.sms', { noticeId: v2.notice.id });
    expect(await api.call('notices.affectedCount', { noticeId: v2.notice.id })).toEqual({ noNotice: 0, olderVersion: 0, total: 0 });
    expect((await api.call('notices.list', undefined)).map((n) => n.versionLabel)).toEqual(['v2', 'v1']);
    expect(() => dbOf(api).prepare("UPDATE privacy_notices SET text = 'x'").run()).toThrow(/kept as published/);
    await signInAs(api, 'reception');
    expect(await errorCodeOf(() => api.call('notices.publish', { versionLabel: 'v3', effectiveOn: '2026-11-02', text: 'x' }))).toBe('FORBIDDEN');
  });
});

describe('clients.setDeceased', () => {
  it('sets and clears the date, never in the future, and audits it', async () => {
    const record = await api.call('clients.setDeceased', { clientId, deceasedOn: '2026-11-20' });
    expect(record).toMatchObject({ id: clientId, deceasedOn: '2026-11-20' });
    expect((await api.call('clients.get', { clientId })).deceasedOn).toBe('2026-11-20');
    const db = dbOf(api);
    const deceasedOn = () => (db.prepare('SELECT deceased_on AS d FROM clients WHERE id = ?').get(clientId) as { d: string | null }).d;
    expect(deceasedOn()).toBe('2026-11-20');
    expect(await errorCodeOf(() => api.call('clients.setDeceased', { clientId, deceasedOn: '2026-11-23' }))).toBe('VALIDATION');
    expect(await errorCodeOf(() => api.call('clients.setDeceased', { clientId, deceasedOn: '1980-01-01' }))).toBe('VALIDATION');
    await api.call('clients.setDeceased', { clientId, deceasedOn: null });
    expect(deceasedOn()).toBeNull();
    expect(db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'client.deceased_set'").get()).toEqual({ n: 2 });
  });
});

describe('photo uses follow the photo consents', () => {
  it('shows a tagged use only while its consent is granted; the clinical record always', async () => {
    const bytes = await makeJpeg({ width: 120, height: 80 });
    const photo = await importBytes(api, clientId, bytes, { consentScopes: ['clinical-record', 'training', 'website-social'] });
    expect(photo.activeScopes).toEqual(['clinical-record']);
    await grant(api, clientId, 'photo.website-social');
    await grant(api, clientId, 'photo.training');
    await grant(api, clientId, 'photo.insurer'); // not tagged on this photo: never active on it
    const second = await importBytes(api, clientId, bytes, { consentScopes: ['website-social'] });
    expect(second.activeScopes).toEqual(['website-social']);
    const byId = async () => new Map((await api.call('photos.list', { clientId })).map((p) => [p.id, p]));
    expect((await byId()).get(photo.id)!.activeScopes).toEqual(['clinical-record', 'training', 'website-social']);
    tv.clock.advance(60_000);
    await api.call('consent.withdraw', { clientId, purposeId: 'photo.website-social', method: 'email' });
    const list = await byId();
    expect(list.get(photo.id)!.activeScopes).toEqual(['clinical-record', 'training']);
    expect(list.get(second.id)!.activeScopes).toEqual([]);
    expect((await api.call('photos.get', { photoId: second.id })).photo.activeScopes).toEqual([]);
    expect(list.get(second.id)!.consentScopes).toEqual(['website-social']); // the tag itself stays
  });
});
