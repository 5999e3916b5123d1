/**
 * TPS screening per number and reg 21(4) statements (docs/phones-and-tps.md):
 * what the consent tab shows for each of a client's numbers, and what is
 * refused with nothing stored.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newClient, signInAs } from '../test-support/test-clients';
import { type TestVault, createTestVault, errorCodeOf } from '../test-support/temp-vault';
import { dbOf } from '../test-support/upload-test-support';

let tv: TestVault;
let clientId: string;
const MOBILE = '+447700900123';
const HOME = '+441174960000';

beforeEach(async () => {
  tv = await createTestVault();
  const c = await tv.api.call('clients.create', newClient({ mobile: '+44 (0)7700 900123', otherPhones: [{ label: 'Home', number: '0117 496 0000' }] }));
  clientId = c.id;
});
afterEach(() => tv?.cleanup());

const screen = (phone: string, checkedOn: string, registered: boolean) =>
  tv.api.call('tps.screen', { clientId, phone, checkedOn, registered, source: 'tps-website' });
const standings = async () => (await tv.api.call('tps.status', { clientId })).map((p) => [p.label, p.phone, p.standing, p.callable]);
const screeningsStored = () => (dbOf(tv.api).prepare('SELECT count(*) AS n FROM tps_screenings').get() as { n: number }).n;

describe('TPS screening per number', () => {
  it('each number has its own screening; an unscreened number is not screened', async () => {
    expect(await standings()).toEqual([
      ['Mobile', MOBILE, 'not-screened', false],
      ['Home', HOME, 'not-screened', false],
    ]);
    await screen(MOBILE, '2026-11-20', false);
    expect(await standings()).toEqual([
      ['Mobile', MOBILE, 'clear', true],
      ['Home', HOME, 'not-screened', false],
    ]);
  });

  it('a number typed any UK way is the same number', async () => {
    await tv.api.call('tps.screen', { clientId, phone: '0044 (0)7700 900123', checkedOn: '2026-11-20', registered: false, source: 'screening-service' });
    expect((await tv.api.call('tps.status', { clientId }))[0]).toMatchObject({ phone: MOBILE, standing: 'clear' });
  });

  it('a mobile changed after screening is not screened; the old number keeps its history', async () => {
    await screen(MOBILE, '2026-11-20', false);
    await tv.api.call('clients.update', { clientId, changes: { mobile: '07700 900456' } });
    const [mobile] = await tv.api.call('tps.status', { clientId });
    expect(mobile).toMatchObject({ phone: '+447700900456', standing: 'not-screened', callable: false, latest: null, history: [] });
    // Changed back: the earlier screening of that number counts again, because it is of that number.
    await tv.api.call('clients.update', { clientId, changes: { mobile: '07700 900123' } });
    expect((await tv.api.call('tps.status', { clientId }))[0]).toMatchObject({ standing: 'clear' });
  });

  it('registered, out of date, and the newest screening by the day it was checked', async () => {
    await screen(MOBILE, '2026-11-21', true);
    await screen(MOBILE, '2026-10-01', false); // an old result entered late does not override the newer one
    await screen(HOME, '2026-10-24', false); // 29 days before 22/11/2026
    const [mobile, home] = await tv.api.call('tps.status', { clientId });
    expect(mobile).toMatchObject({ standing: 'registered', callable: false, latest: { checkedOn: '2026-11-21', registered: true } });
    expect(mobile!.history.map((h) => h.checkedOn)).toEqual(['2026-11-21', '2026-10-01']);
    expect(mobile!.history[0]!.recordedByName).not.toBe('');
    expect(home).toMatchObject({ standing: 'out-of-date', callable: false });
  });

  it('refuses a number that is not the client’s, and a check dated in the future, storing nothing', async () => {
    const err = await tv.api.call('tps.screen', { clientId, phone: '07700 900999', checkedOn: '2026-11-20', registered: false, source: 'other' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('07700 900999 is not one of this client’s phone numbers') });
    expect(await errorCodeOf(() => screen(MOBILE, '2026-11-23', false))).toBe('VALIDATION');
    expect(await errorCodeOf(() => screen('0000000000', '2026-11-20', false))).toBe('VALIDATION');
    expect(screeningsStored()).toBe(0);
  });

  it('logs the client and the action, never the number', async () => {
    await screen(MOBILE, '2026-11-20', true);
    const page = await tv.api.call('audit.list', { limit: 1, action: 'tps.screened' });
    expect(page.entries[0]).toMatchObject({ subjectId: clientId, detail: { registered: 1 } });
    expect(JSON.stringify(page.entries[0])).not.toMatch(/7700|900123/);
  });

  it('reception may record a screening (they make the calls)', async () => {
    await signInAs(tv.api, 'reception');
    await screen(MOBILE, '2026-11-20', false);
    expect(screeningsStored()).toBe(1);
  });
});

describe('reg 21(4): "does not object to our calls" per number', () => {
  const noObjection = (state: 'granted' | 'withdrawn', phone = MOBILE) =>
    tv.api.call('tps.noObjection', {
      clientId,
      phone,
      state,
      method: 'phone',
      wording: 'You may call me about offers on this number.',
      note: 'Asked us to call',
    });

  it('lets a number on the TPS be called, on that number only, until withdrawn', async () => {
    await screen(MOBILE, '2026-11-21', true);
    await screen(HOME, '2026-11-21', true);
    const after = await noObjection('granted');
    expect(after[0]).toMatchObject({
      standing: 'registered',
      callable: true,
      noObjection: { state: 'granted', method: 'phone', wording: 'You may call me about offers on this number.', recordedByName: expect.any(String) },
    });
    expect(after[1]).toMatchObject({ standing: 'registered', callable: false, noObjection: null });
    tv.clock.advance(60_000);
    const withdrawn = await noObjection('withdrawn');
    expect(withdrawn[0]).toMatchObject({ callable: false, noObjection: { state: 'withdrawn' } });
  });

  it('a backdated statement does not override a later withdrawal', async () => {
    await noObjection('withdrawn');
    const backdated = await tv.api.call('tps.noObjection', { clientId, phone: MOBILE, state: 'granted', method: 'paper-form', occurredAt: '2026-11-01' });
    expect(backdated[0]).toMatchObject({ callable: false, noObjection: { state: 'withdrawn' } });
  });

  it('refuses a number that is not the client’s and an unknown notice, storing nothing; the ledger cannot be edited', async () => {
    expect(await errorCodeOf(() => noObjection('granted', '+447700900999'))).toBe('VALIDATION');
    expect(
      await errorCodeOf(() => tv.api.call('tps.noObjection', { clientId, phone: MOBILE, state: 'granted', method: 'phone', noticeId: 'pn_nope' })),
    ).toBe('VALIDATION');
    const db = dbOf(tv.api);
    expect((db.prepare('SELECT count(*) AS n FROM tps_no_objections').get() as { n: number }).n).toBe(0);
    await noObjection('granted');
    expect(() => db.prepare("UPDATE tps_no_objections SET state = 'withdrawn'").run()).toThrow(/kept as recorded/);
    expect(() => db.prepare('DELETE FROM tps_no_objections').run()).toThrow(/kept as recorded/);
  });
});
