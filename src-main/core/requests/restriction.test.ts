/**
 * Restriction (UK GDPR Art 18) through the dispatcher: a restricted client's
 * record is read-only in the core (every write path refuses with
 * CLIENT_RESTRICTED and changes nothing), a withdrawal or objection is still
 * accepted, the marketing list leaves them out, a disclosure needs the
 * owner's override with a reason, and lifting needs the date the client was told.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Method } from '../../contract/schemas';
import { handlers } from '../handlers';
import { serviceContext } from '../service/service-context';
import { type TestVault, createTestVault, errorCodeOf } from '../test-support/temp-vault';
import { signInAs, signInAsOwner } from '../test-support/test-clients';
import { dbOf } from '../test-support/upload-test-support';
import { importBytes } from '../test-support/photo-test-support';
import { makeJpeg } from '../test-support/test-images';
import { seedErasableClient } from '../test-support/erasure-test-support';
import { ALLOWED_WHILE_RESTRICTED, GUARDED_WRITES } from '../restriction-guard';
import { requireDisclosureAllowed } from './restriction';

let tv: TestVault;
let clientId: string;
let photoId: string;
beforeEach(async () => {
  tv = await createTestVault();
  const seeded = await seedErasableClient(tv.api, 1);
  clientId = seeded.clientId;
  photoId = seeded.photoIds[0]!;
});
afterEach(() => tv.cleanup());

const restrict = () => tv.api.call('restriction.set', { clientId, reason: 'accuracy-contested', detail: 'Disputes the date of birth' });

function stored() {
  const db = dbOf(tv.api);
  return {
    client: db.prepare('SELECT * FROM clients WHERE id = ?').get(clientId),
    sections: db.prepare('SELECT * FROM client_sections WHERE client_id = ?').all(clientId),
    treatments: db.prepare('SELECT id FROM treatments WHERE client_id = ?').all(clientId),
    photos: db.prepare('SELECT * FROM photos WHERE client_id = ?').all(clientId),
    tps: db.prepare('SELECT seq FROM tps_screenings').all(),
  };
}

describe('every write to a client is either guarded or allowed with a reason', () => {
  it('covers each method whose access is a write permission', () => {
    const writes = (Object.keys(handlers) as Method[]).filter((m) => ['clients.write', 'clinical.write'].includes(handlers[m].access));
    const unlisted = writes.filter((m) => !(m in GUARDED_WRITES) && !(m in ALLOWED_WHILE_RESTRICTED));
    expect(unlisted).toEqual([]);
  });
});

describe('a restricted client', () => {
  it('cannot be edited through the API: each write is refused and nothing changes', async () => {
    await restrict();
    const before = stored();
    const jpeg = await makeJpeg();
    const attempts: Array<[string, () => Promise<unknown>]> = [
      ['clients.update', () => tv.api.call('clients.update', { clientId, changes: { email: 'new@example.com' } })],
      ['clients.setDeceased', () => tv.api.call('clients.setDeceased', { clientId, deceasedOn: '2026-11-01' })],
      ['medical.update', () => tv.api.call('medical.update', { clientId, changes: { allergies: 'Latex' } })],
      ['lifestyle.update', () => tv.api.call('lifestyle.update', { clientId, changes: { alcohol: 'None' } })],
      ['treatments.create', () => tv.api.call('treatments.create', { clientId, treatedOn: '2026-11-21', typeId: 'tt_toxin', medicalHistoryReviewed: true })],
      ['photos.import', () => importBytes(tv.api, clientId, jpeg)],
      ['photos.update', () => tv.api.call('photos.update', { photoId, area: 'Chin' })],
      ['consent.record', () => tv.api.call('consent.record', { clientId, purposeId: 'marketing.sms', state: 'granted', method: 'in-person' })],
      ['tps.screen', () => tv.api.call('tps.screen', { clientId, phone: '07700 900456', checkedOn: '2026-11-21', registered: false, source: 'tps-website' })],
    ];
    for (const [method, attempt] of attempts) {
      expect([method, await errorCodeOf(attempt)]).toEqual([method, 'CLIENT_RESTRICTED']);
    }
    expect(stored()).toEqual(before);
  });

  it('still accepts a withdrawal and an objection to marketing', async () => {
    await restrict();
    const withdrawn = await tv.api.call('consent.withdraw', { clientId, purposeId: 'marketing.email', method: 'email' });
    expect(withdrawn.state).toBe('withdrawn');
    const summary = await tv.api.call('consent.object', { clientId, method: 'email' });
    expect(summary.suppressed).toBe(true);
  });

  it('is left out of the marketing list, counted as restricted', async () => {
    const before = await tv.api.call('marketing.export', { channel: 'email' });
    await restrict();
    const after = await tv.api.call('marketing.export', { channel: 'email' });
    expect(after.excluded.restricted).toBe(before.excluded.restricted + 1);
  });

  it('is disclosed only with the owner’s override, whose reason is kept and whose id alone is audited', async () => {
    await restrict();
    const ctx = serviceContext({ core: tv.api.core, ...tv.api.core.requireSession() });
    expect(await errorCodeOf(() => requireDisclosureAllowed(ctx, clientId))).toBe('CLIENT_RESTRICTED_DISCLOSURE');
    expect(await errorCodeOf(() => requireDisclosureAllowed(ctx, clientId, { reason: 'no' }))).toBe('VALIDATION');
    requireDisclosureAllowed(ctx, clientId, { reason: 'Solicitor’s letter about a claim' });
    const db = dbOf(tv.api);
    const override = db.prepare('SELECT id, reason FROM restriction_overrides WHERE client_id = ?').get(clientId) as { id: string; reason: string };
    expect(override.reason).toBe('Solicitor’s letter about a claim');
    const audit = db.prepare("SELECT detail FROM audit_log WHERE action = 'restriction.overridden'").get() as { detail: string };
    expect(JSON.parse(audit.detail)).toEqual({ overrideId: override.id });
  });

  it('cannot be restricted or lifted by practitioner or reception', async () => {
    for (const role of ['practitioner', 'reception'] as const) {
      await signInAs(tv.api, role);
      expect(await errorCodeOf(() => restrict())).toBe('FORBIDDEN');
      await signInAsOwner(tv.api);
    }
    await restrict();
    await tv.api.call('session.signOut', undefined);
    await tv.api.call('session.signIn', { username: 'priya', password: 'priya-password-123' });
    expect(await errorCodeOf(() => tv.api.call('restriction.lift', { clientId, clientToldOn: '2026-11-22', clientToldHow: 'letter' }))).toBe('FORBIDDEN');
    await signInAsOwner(tv.api);
    expect((await tv.api.call('restriction.get', { clientId })).current).not.toBeNull();
  });
});

describe('lifting a restriction', () => {
  it('is refused without recording that the client was told, and the restriction stays', async () => {
    await restrict();
    expect(await errorCodeOf(() => tv.api.call('restriction.lift', { clientId }))).toBe('RESTRICTION_CLIENT_NOT_TOLD');
    expect(await errorCodeOf(() => tv.api.call('restriction.lift', { clientId, clientToldOn: '2026-11-22' }))).toBe('RESTRICTION_CLIENT_NOT_TOLD');
    expect(await errorCodeOf(() => tv.api.call('restriction.lift', { clientId, clientToldOn: '2026-12-25', clientToldHow: 'letter' }))).toBe('VALIDATION');
    expect((await tv.api.call('restriction.get', { clientId })).current?.liftedAt).toBeNull();
    expect(await errorCodeOf(() => tv.api.call('clients.update', { clientId, changes: { occupation: 'Nurse' } }))).toBe('CLIENT_RESTRICTED');
  });

  it('with the date and how the client was told, reopens the record for edits', async () => {
    await restrict();
    const lifted = await tv.api.call('restriction.lift', { clientId, clientToldOn: '2026-11-22', clientToldHow: 'phone' });
    expect(lifted).toMatchObject({ clientToldOn: '2026-11-22', clientToldHow: 'phone' });
    expect((await tv.api.call('clients.update', { clientId, changes: { occupation: 'Nurse' } })).occupation).toBe('Nurse');
    const state = await tv.api.call('restriction.get', { clientId });
    expect(state.current).toBeNull();
    expect(state.history).toHaveLength(1);
  });
});
