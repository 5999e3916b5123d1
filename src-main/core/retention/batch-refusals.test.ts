/**
 * The bad inputs of issue #13 for the batch actions: a held client (destroy
 * and anonymise both refused, naming the hold; a hold placed while the batch
 * runs is honoured too) and a computer's date earlier than the newest record
 * (refused, nothing changed).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { londonToday } from '../../contract/field-schemas';
import { type TestVault, createTestVault } from '../test-support/temp-vault';
import { dbOf } from '../test-support/upload-test-support';
import { signInAsOwner } from '../test-support/test-clients';
import { serviceContextOf } from '../test-support/service-context-test-support';
import { leftOf, seedDueClient } from '../test-support/retention-action-test-support';
import { placeHold } from '../holds/hold-service';

let tv: TestVault;
beforeEach(async () => {
  tv = await createTestVault();
});
afterEach(() => tv.cleanup());

const HOLD = { kind: 'claim' as const, reason: 'Solicitor’s letter about a treatment in 2014', reviewOn: null };
const batches = () => (dbOf(tv.api).prepare('SELECT count(*) AS n FROM retention_batches').get() as { n: number }).n;

describe('a held client', () => {
  for (const action of ['destroy', 'anonymise'] as const) {
    it(`stops the whole ${action} batch before anything is touched, naming the hold`, async () => {
      const free = await seedDueClient(tv.api, 1);
      const held = await seedDueClient(tv.api, 2);
      placeHold(serviceContextOf(tv.api), { clientId: held.clientId, ...HOLD });
      const r =
        action === 'destroy'
          ? await tv.api.dispatch('retention.destroy', { items: [free, held].map((c) => ({ clientId: c.clientId, category: 'clinical' })), confirm: 'DESTROY' })
          : await tv.api.dispatch('retention.anonymise', { clientIds: [free.clientId, held.clientId], confirm: 'ANONYMISE' });
      expect(r.ok ? null : r.error.code).toBe('LEGAL_HOLD');
      expect(r.ok ? '' : r.error.message).toContain('Solicitor’s letter about a treatment in 2014');
      expect(r.ok ? '' : r.error.message).toContain('Olivia Owner');
      // Which of the selected clients is held, so the owner knows whom to untick.
      expect(r.ok ? '' : r.error.message).toMatch(/^Thessaly\w Vandermolen-2: /);
      expect(leftOf(tv.api, free.clientId)).toEqual({ client: 1, treatments: 2, photos: 2 });
      expect(leftOf(tv.api, held.clientId)).toEqual({ client: 1, treatments: 2, photos: 2 });
      expect(batches()).toBe(0);
      expect((dbOf(tv.api).prepare('SELECT count(*) AS n FROM anonymised_treatments').get() as { n: number }).n).toBe(0);
    });
  }

  it('placed while the batch runs: that client is refused and kept, the others done, and the certificate lists only them', async () => {
    const clients = [await seedDueClient(tv.api, 1, 0), await seedDueClient(tv.api, 2, 0), await seedDueClient(tv.api, 3, 0)];
    const ctx = serviceContextOf(tv.api);
    const r = await tv.api.dispatch(
      'retention.destroy',
      { items: clients.map((c) => ({ clientId: c.clientId, category: 'clinical' })), confirm: 'DESTROY' },
      {
        onProgress: (p) => {
          // Another screen places a hold on the third client while the first is being destroyed.
          if (p.label === 'Destroying client 1 of 3') placeHold(ctx, { clientId: clients[2]!.clientId, ...HOLD });
        },
      },
    );
    expect(r.ok).toBe(true);
    const batch = r.ok ? (r.value as { status: string; done: number; refused: number; refusals: { clientId: string; code: string }[]; certificateId: string }) : null;
    expect(batch).toMatchObject({ status: 'done', done: 2, refused: 1, refusals: [{ clientId: clients[2]!.clientId, code: 'LEGAL_HOLD' }] });
    expect(leftOf(tv.api, clients[2]!.clientId)).toEqual({ client: 1, treatments: 2, photos: 0 });
    const cert = dbOf(tv.api).prepare('SELECT data FROM retention_certificates WHERE id = ?').get(batch!.certificateId) as { data: string };
    const data = JSON.parse(cert.data) as { count: number; refusedCount: number; clients: { reference: string }[] };
    expect(data.clients.map((c) => c.reference)).toEqual([clients[0]!.clientId, clients[1]!.clientId]);
    expect(data.refusedCount).toBe(1);
  });
});

describe('the computer’s date', () => {
  it('earlier than the newest record: destroy and anonymise are refused with CLOCK_LOOKS_WRONG and nothing changes', async () => {
    const c = await seedDueClient(tv.api, 1);
    // A later record (as if written when the clock was right), then the clock set back a year.
    tv.clock.advance(400 * 86_400_000);
    await signInAsOwner(tv.api); // the long gap locked the session
    await tv.api.call('clients.update', { clientId: c.clientId, changes: { postcode: 'BS2 0AA' }, reason: 'Moved' });
    tv.clock.advance(-400 * 86_400_000);
    for (const r of [
      await tv.api.dispatch('retention.destroy', { items: [{ clientId: c.clientId, category: 'clinical' }], confirm: 'DESTROY' }),
      await tv.api.dispatch('retention.anonymise', { clientIds: [c.clientId], confirm: 'ANONYMISE' }),
    ]) {
      expect(r.ok ? null : r.error.code).toBe('CLOCK_LOOKS_WRONG');
      expect(r.ok ? '' : r.error.message).toMatch(/^The computer’s date looks wrong/);
    }
    expect(leftOf(tv.api, c.clientId)).toEqual({ client: 1, treatments: 2, photos: 2 });
    expect(batches()).toBe(0);
  });

  it('--as-of after today is refused (it would destroy records before their date); nothing changes', async () => {
    const c = await seedDueClient(tv.api, 1);
    const future = londonToday(new Date(tv.clock.now().getTime() + 86_400_000));
    const r = await tv.api.dispatch('retention.destroy', { items: [{ clientId: c.clientId, category: 'clinical' }], confirm: 'DESTROY', asOf: future });
    expect(r.ok ? null : r.error.code).toBe('VALIDATION');
    expect(r.ok ? '' : r.error.message).toMatch(/^A destruction cannot be run as of .* which is after today/);
    expect(leftOf(tv.api, c.clientId).client).toBe(1);
    expect(batches()).toBe(0);
  });

  it('an earlier --as-of is allowed: what was due then is due now', async () => {
    const c = await seedDueClient(tv.api, 1);
    const yesterday = londonToday(new Date(tv.clock.now().getTime() - 86_400_000));
    const r = await tv.api.dispatch('retention.destroy', { items: [{ clientId: c.clientId, category: 'clinical' }], confirm: 'DESTROY', asOf: yesterday });
    expect(r.ok).toBe(true);
  });
});
