/**
 * marketing.export on a real vault: one client per reason to leave someone
 * out, recorded through the consent ledger's own calls, and the export's
 * counts, CSV and audit entry. Owner only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarketingExport } from '../../contract/consent-types';
import type { MethodInput } from '../../contract/schemas';
import { newClient, signInAs, signInAsOwner } from '../test-support/test-clients';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MARKETING_CHANNELS } from '../../contract/consent-types';
import { type TestVault, createTestVault, errorCodeOf, makeTempDir } from '../test-support/temp-vault';
import { dbOf } from '../test-support/upload-test-support';
import { CSV_BOM } from '../export/csv';
import { writeMarketingList } from './marketing-export';

let tv: TestVault;
let n = 0;
const ids: Record<string, string> = {};
const mobiles: Record<string, string> = {};

async function client(key: string, overrides: Partial<MethodInput<'clients.create'>> = {}): Promise<string> {
  n++;
  const c = await tv.api.call(
    'clients.create',
    newClient({
      firstName: `Client${n}`,
      lastName: key,
      email: `c${n}@example.com`,
      mobile: `07700 900${String(100 + n)}`,
      messengerHandle: `client.${n}`,
      ...overrides,
    }),
  );
  ids[key] = c.id;
  mobiles[c.id] = c.mobile;
  return c.id;
}

type Extras = Partial<Omit<MethodInput<'consent.record'>, 'clientId' | 'purposeId' | 'state'>>;
/** What the client was told: every grant names it, except the one client whose evidence is incomplete. */
let told: Extras = {};
const record = (clientId: string, purposeId: string, state: 'granted' | 'refused', extras: Extras = {}) =>
  tv.api.call('consent.record', { clientId, purposeId, state, method: 'paper-form', ...told, ...extras });
/** A TPS screening of the client's mobile (as stored when they were added). */
const screen = (clientId: string, checkedOn: string, registered: boolean, phone = mobiles[clientId]!) =>
  tv.api.call('tps.screen', { clientId, phone, checkedOn, registered, source: 'tps-website' });
/** Every channel granted (with `extras` on each grant); the mobile screened (not on the TPS) on `screenedOn` unless null. */
const grantAll = async (clientId: string, screenedOn: string | null = '2026-11-20', extras: Extras = {}) => {
  for (const p of ['marketing.email', 'marketing.sms', 'marketing.post', 'marketing.messenger']) await record(clientId, p, 'granted', extras);
  await record(clientId, 'marketing.phone', 'granted', { tpsCheckedOn: '2026-11-20', tpsRegistered: false, ...extras });
  if (screenedOn && mobiles[clientId]) await screen(clientId, screenedOn, false);
};

beforeAll(async () => {
  tv = await createTestVault();
  const { notice } = await tv.api.call('notices.publish', { versionLabel: 'v1', effectiveOn: '2026-01-01', text: 'Our notice.' });
  told = { noticeId: notice.id, wording: 'Yes, I would like offers.' };
  await grantAll(await client('Included'));
  await grantAll(await client('Quoted', { firstName: '=SUM(A1)', lastName: 'Smith, "Jo"', preferredName: 'Jo' }));
  const withdrawn = await client('Withdrawn');
  await grantAll(withdrawn);
  await tv.api.call('consent.withdraw', { clientId: withdrawn, purposeId: 'marketing.email', method: 'email' });
  await record(await client('Refused'), 'marketing.email', 'refused');
  await client('Unknown');

  // Objected: every grant withdrawn (not granted); then an explicit re-grant by email lifts it for email only.
  const objected = await client('Objected');
  await grantAll(objected);
  await tv.api.call('consent.object', { clientId: objected, method: 'phone' });
  tv.clock.advance(60_000);
  const regranted = await client('Regranted');
  await grantAll(regranted);
  await tv.api.call('consent.object', { clientId: regranted, method: 'phone' });
  tv.clock.advance(60_000);
  await record(regranted, 'marketing.email', 'granted', { explicitRegrant: true });
  // A grant still in force when an objection lands (as after an import): suppressed, every channel.
  const suppressed = await client('Suppressed');
  await grantAll(suppressed);
  dbOf(tv.api).prepare('UPDATE clients SET marketing_objection_at = ? WHERE id = ?').run(tv.clock.now().toISOString(), suppressed);

  const deceased = await client('Deceased');
  await grantAll(deceased);
  await tv.api.call('clients.setDeceased', { clientId: deceased, deceasedOn: '2026-11-01' });
  await grantAll(await client('Minor', { dateOfBirth: '2009-01-01' }));
  await grantAll(await client('NoContact', { email: '', mobile: '', messengerHandle: '', addressLines: [], postcode: '' }));
  const tps = await client('OnTps');
  await grantAll(tps);
  await screen(tps, '2026-11-21', true);
  await grantAll(await client('StaleTps'), '2026-10-01');
  // Screened, then the mobile changed: the new number has no screening of its own.
  const changed = await client('Changed');
  await grantAll(changed);
  await tv.api.call('clients.update', { clientId: changed, changes: { mobile: '07700 900999' } });
  // On the TPS, but told the clinic they do not object to its calls (PECR reg 21(4)).
  const noObjection = await client('NoObjection');
  await grantAll(noObjection, null);
  await screen(noObjection, '2026-11-21', true);
  await tv.api.call('tps.noObjection', {
    clientId: noObjection,
    phone: mobiles[noObjection]!,
    state: 'granted',
    method: 'phone',
    wording: 'You may call me about offers on this number.',
  });
  // Agreed to Messenger, but the record has no handle: left out, counted.
  await grantAll(await client('NoHandle', { messengerHandle: '' }));
  // Art 7(1): a grant naming no notice (as an earlier build allowed) cannot be demonstrated.
  await grantAll(await client('Incomplete'), '2026-11-20', { noticeId: null });
});
afterAll(() => tv?.cleanup());

const exportOf = (channel: MarketingExport['channel']) => tv.api.call('marketing.export', { channel });
const lastNames = (e: MarketingExport) => e.csv.split('\r\n').slice(1, -1).map((line) => line.split(',')[1]);

describe('marketing.export', () => {
  it('email: includes the granted and counts each reason once', async () => {
    const e = await exportOf('email');
    expect(e.excluded).toEqual({
      'not-granted': 3, // withdrawn, refused, unknown
      suppressed: 2, // objected (so withdrawn), and granted again without explicit consent
      restricted: 0,
      deceased: 1,
      'under-18': 1,
      'no-contact-detail': 1,
      'evidence-incomplete': 1,
      tps: 0,
      'tps-check-out-of-date': 0,
      'tps-not-screened': 0,
    });
    // Included, quoted, regranted, on the TPS, stale TPS, changed number, no objection, no handle (the TPS is for calls).
    expect(e.included).toBe(8);
    expect(e.includedEvidenceIncomplete).toBe(0);
    expect(e.included + Object.values(e.excluded).reduce((a, b) => a + b, 0)).toBe(n);
    expect(e.csv.startsWith(`${CSV_BOM}First name,Last name,Preferred name,Email\r\n`)).toBe(true);
    expect(e.csv).toContain('Client7,Regranted,,c7@example.com\r\n');
    expect(e.csv).toContain(`'=SUM(A1),"Smith, ""Jo""",Jo,c2@example.com\r\n`);
    expect(e.csv).not.toMatch(/Withdrawn|Refused|Unknown|Suppressed|Deceased|Minor|NoContact|Incomplete/);
  });

  it('includes consents whose evidence is incomplete only when the clinic chooses to, and counts them apart', async () => {
    await tv.api.call('settings.update', { marketingIncludesIncompleteEvidence: true });
    const e = await exportOf('email');
    expect(e.included).toBe(9);
    expect(e.includedEvidenceIncomplete).toBe(1);
    expect(e.excluded['evidence-incomplete']).toBe(0);
    expect(lastNames(e)).toContain('Incomplete');
    await tv.api.call('settings.update', { marketingIncludesIncompleteEvidence: false });
    expect((await exportOf('email')).includedEvidenceIncomplete).toBe(0);
  });

  it('phone: each number by its own screening; a number changed after screening is not screened; reg 21(4) lets a TPS number be called', async () => {
    const e = await exportOf('phone');
    expect(e.excluded).toMatchObject({
      'not-granted': 2,
      suppressed: 3,
      tps: 1,
      'tps-check-out-of-date': 1,
      'tps-not-screened': 1,
      'no-contact-detail': 1,
      'evidence-incomplete': 1,
    });
    expect(lastNames(e).sort()).toEqual(['"Smith', 'Included', 'NoHandle', 'NoObjection', 'Withdrawn']);
    expect(e.included).toBe(5);
    expect(e.csv.split('\r\n')[0]).toBe(`${CSV_BOM}First name,Last name,Preferred name,Phone`);
    // The screened number, shown the UK way; never the email.
    expect(e.csv).toContain('Client1,Included,,07700 900101\r\n');
    expect(e.csv).not.toContain('example.com');
    expect(e.csv).not.toMatch(/Changed|07700 900999|Incomplete/);
  });

  it('a changed number is listed again once it is screened', async () => {
    const changed = ids.Changed!;
    await tv.api.call('tps.screen', { clientId: changed, phone: '+447700900999', checkedOn: '2026-11-22', registered: false, source: 'screening-service' });
    const e = await exportOf('phone');
    expect(e.excluded['tps-not-screened']).toBe(0);
    expect(e.csv).toContain(',Changed,,07700 900999\r\n');
  });

  it('sms, post and messenger use their own contact details only', async () => {
    const post = await exportOf('post');
    expect(post.excluded['no-contact-detail']).toBe(1);
    expect(post.csv).toContain('Client1,Included,,1 Harbour Walk,Bristol,,,BS1 4DJ\r\n');
    expect(post.csv).not.toMatch(/example\.com|07700/);
    const messenger = await exportOf('messenger');
    expect(messenger.csv.split('\r\n')[0]).toBe(`${CSV_BOM}First name,Last name,Preferred name,Messenger handle`);
    expect(messenger.csv).toContain('Client1,Included,,client.1\r\n');
    expect(messenger.csv).not.toMatch(/example\.com|07700/);
    // No handle: left out and counted (NoContact and NoHandle).
    expect(messenger.excluded['no-contact-detail']).toBe(2);
    expect(messenger.csv).not.toContain('NoHandle');
    const sms = await exportOf('sms');
    expect(sms.included).toBe(8);
    expect(sms.csv).toContain('Client1,Included,,07700 900101\r\n');
  });

  it('logs each export with counts only', async () => {
    const e = await exportOf('email');
    const page = await tv.api.call('audit.list', { limit: 1, action: 'marketing.exported' });
    expect(page.entries[0]!.detail).toEqual({ channel: 'email', included: e.included, includedEvidenceIncomplete: 0, ...e.excluded });
    expect(JSON.stringify(page.entries[0])).not.toMatch(/example\.com|Client|07700/);
  });

  it('streamed to a file, each channel equals the list made in memory; a cancel half way leaves no file and no log entry', async () => {
    const { vault, session } = tv.api.core.requireSession();
    const deps = { db: vault.db, audit: vault.audit, clock: tv.clock, staffId: session.staff.id };
    const dir = makeTempDir('cv-marketing-file-');
    try {
      for (const channel of MARKETING_CHANNELS) {
        const inMemory = await exportOf(channel);
        const file = join(dir.dir, `${channel}.csv`);
        const written = writeMarketingList(deps, channel, file, { chunkChars: 40 });
        expect(readFileSync(file, 'utf8')).toBe(inMemory.csv);
        expect({ included: written.included, excluded: written.excluded }).toEqual({ included: inMemory.included, excluded: inMemory.excluded });
      }
      const logged = () => (vault.db.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'marketing.exported'`).get() as { n: number }).n;
      const before = logged();
      let chunks = 0;
      const target = join(dir.dir, 'cancelled.csv');
      expect(() => writeMarketingList(deps, 'email', target, { chunkChars: 40, onProgress: () => void chunks++, stopRequested: () => chunks >= 2 })).toThrow(
        expect.objectContaining({ code: 'CANCELLED' }),
      );
      expect(chunks).toBe(2);
      expect(readdirSync(dir.dir).filter((f) => f.startsWith('cancelled') || f.includes('.tmp-'))).toEqual([]);
      expect(logged()).toBe(before);
      // The connection is free again: the statement read row by row was closed by the cancel.
      expect((await exportOf('email')).included).toBe(8);
    } finally {
      dir.cleanup();
    }
  });

  it('reports its progress to the window, and a Cancel answers CANCELLED with no list and no log entry', async () => {
    const { vault } = tv.api.core.requireSession();
    const logged = () => (vault.db.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'marketing.exported'`).get() as { n: number }).n;
    const seen: { done: number; total: number; label: string }[] = [];
    const whole = await tv.api.dispatch('marketing.export', { channel: 'email' }, { onProgress: (p) => seen.push(p) });
    expect(whole.ok).toBe(true);
    expect(seen.at(-1)).toEqual({ done: seen.at(-1)!.total, total: seen.at(-1)!.total, label: 'Making the marketing list' });
    expect(seen.at(-1)!.total).toBeGreaterThan(0);

    const before = logged();
    const controller = new AbortController();
    const cancelled = await tv.api.dispatch('marketing.export', { channel: 'email' }, { signal: controller.signal, onProgress: () => controller.abort() });
    expect(cancelled).toEqual({ ok: false, error: expect.objectContaining({ code: 'CANCELLED' }) });
    expect(logged()).toBe(before);
  });

  it('is the owner’s alone: reception is refused', async () => {
    await signInAs(tv.api, 'reception');
    expect(await errorCodeOf(() => exportOf('email'))).toBe('FORBIDDEN');
    await signInAsOwner(tv.api);
  });
});
