/** Art 21(3): objection, the suppression list, re-grants, and what survives erasure. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoreApi } from '../app';
import { identityOf, newClient, signInAs } from '../test-support/test-clients';
import { type TestVault, errorCodeOf } from '../test-support/temp-vault';
import { dbOf } from '../test-support/upload-test-support';
import { countEvents, grant, stateOf, vaultWithClient } from '../test-support/consent-test-support';
import { isContactSuppressed, isSuppressedForPurpose } from '../clients/suppression';

let tv: TestVault;
let api: CoreApi;
let clientId: string;

beforeEach(async () => {
  ({ tv, api, clientId } = await vaultWithClient({ otherPhones: [{ label: 'Work', number: '+44 117 496 0123' }] }));
});
afterEach(() => tv.cleanup());

const objectionAt = (id: string) =>
  (dbOf(api).prepare('SELECT marketing_objection_at AS at FROM clients WHERE id = ?').get(id) as { at: string | null }).at;

describe('consent.object', () => {
  it('withdraws every granted marketing purpose in one call, lists the contact details, and leaves reminders alone', async () => {
    await grant(api, clientId, 'marketing.email');
    await grant(api, clientId, 'marketing.sms');
    await grant(api, clientId, 'marketing.phone', { tpsCheckedOn: '2026-11-20', tpsRegistered: false });
    await grant(api, clientId, 'reminders.sms');
    tv.clock.advance(60_000);
    await signInAs(api, 'reception');
    const summary = await api.call('consent.object', { clientId, method: 'phone' });
    expect(summary).toMatchObject({ suppressed: true, suppressedAt: '2026-11-22T09:01:00.000Z' });
    for (const p of ['marketing.email', 'marketing.sms', 'marketing.phone']) expect(stateOf(summary, p)).toBe('withdrawn');
    expect(stateOf(summary, 'marketing.post')).toBe('unknown');
    expect(stateOf(summary, 'reminders.sms')).toBe('granted');
    const history = await api.call('consent.history', { clientId });
    expect(history.filter((e) => e.note === 'Objected to direct marketing')).toHaveLength(3);
    const db = dbOf(api);
    expect(db.prepare('SELECT kind FROM suppression_list ORDER BY kind').all()).toEqual([{ kind: 'email' }, { kind: 'phone' }, { kind: 'phone' }]);
    // Hashes only: nothing on the list reads as the address or number.
    const hashes = db.prepare('SELECT value_hash FROM suppression_list').all() as { value_hash: string }[];
    expect(hashes.every((h) => /^[0-9a-f]{64}$/.test(h.value_hash))).toBe(true);
    expect(isContactSuppressed(db, 'email', '  Zoe.Hartley@EXAMPLE.co.uk ')).toBe(true);
    expect(isContactSuppressed(db, 'phone', '+44 7700 900123')).toBe(true);
    expect(isContactSuppressed(db, 'phone', '0117 496 0123')).toBe(true);
    expect(isContactSuppressed(db, 'email', 'someone.else@example.co.uk')).toBe(false);
    const audit = db.prepare("SELECT detail FROM audit_log WHERE action = 'consent.objection_recorded'").get() as { detail: string };
    expect(JSON.parse(audit.detail)).toEqual({ withdrawn: 3, listed: 3 });
  });

  it('refuses to re-grant marketing without explicitRegrant (nothing stored); with it, that channel only', async () => {
    await api.call('consent.object', { clientId, method: 'email' });
    const before = countEvents(api, clientId);
    expect(await errorCodeOf(() => grant(api, clientId, 'marketing.email'))).toBe('SUPPRESSED');
    expect(countEvents(api, clientId)).toBe(before);
    // Service messages are not marketing: still recordable.
    await grant(api, clientId, 'reminders.email');
    tv.clock.advance(60_000);
    const { notice } = await api.call('notices.publish', { versionLabel: 'v1', effectiveOn: '2026-01-01', text: 'Our notice.' });
    const fresh = { noticeId: notice.id, wording: 'Yes, email me offers again.' };
    const regrant = await grant(api, clientId, 'marketing.email', { explicitRegrant: true, method: 'online-form', ...fresh });
    expect(regrant.explicitRegrant).toBe(true);
    const db = dbOf(api);
    expect(objectionAt(clientId)).not.toBeNull(); // the objection is kept
    expect(isSuppressedForPurpose(db, clientId, 'marketing.email')).toBe(false);
    expect(isSuppressedForPurpose(db, clientId, 'marketing.sms')).toBe(true);
    // A re-grant dated before the objection is not a fresh consent.
    expect(await errorCodeOf(() => grant(api, clientId, 'marketing.sms', { explicitRegrant: true, occurredAt: '2026-11-01' }))).toBe('VALIDATION');
    // A new objection overrides the earlier re-grant.
    tv.clock.advance(60_000);
    await api.call('consent.object', { clientId, method: 'email' });
    expect(isSuppressedForPurpose(db, clientId, 'marketing.email')).toBe(true);
  });

  it('survives erasure: a client re-created with the same email is flagged suppressed on create', async () => {
    await api.call('consent.object', { clientId, method: 'in-person' });
    const db = dbOf(api);
    db.prepare('DELETE FROM clients WHERE id = ?').run(clientId);
    expect(countEvents(api, clientId)).toBe(0);
    expect(db.prepare('SELECT count(*) AS n FROM suppression_list').get()).toEqual({ n: 3 });
    const again = await api.call('clients.create', newClient({ email: 'ZOE.HARTLEY@example.co.uk', mobile: '', otherPhones: [] }));
    expect(objectionAt(again.id)).toBe('2026-11-22T09:00:00.000Z');
    expect((await api.call('consent.current', { clientId: again.id })).suppressed).toBe(true);
    expect(await errorCodeOf(() => grant(api, again.id, 'marketing.sms'))).toBe('SUPPRESSED');
  });

  it('flags a client whose phone number changes to one on the list; others are untouched', async () => {
    await api.call('consent.object', { clientId, method: 'in-person' });
    const other = await api.call('clients.create', newClient({ firstName: 'Amara', email: 'amara@example.co.uk', mobile: '07700 900999', otherPhones: [] }));
    expect(objectionAt(other.id)).toBeNull();
    await api.call('clients.update', { clientId: other.id, changes: { ...identityOf(other), mobile: '+447700900123' }, reason: 'New phone', notDuplicateOf: [clientId] });
    expect(objectionAt(other.id)).not.toBeNull();
  });
});
