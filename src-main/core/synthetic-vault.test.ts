/**
 * A synthetic vault is a real vault: the demo accounts sign in, the app's own
 * search finds generated clients however staff type them, and a client's
 * record, treatments and photos open through the core like typed-in ones.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreApi } from './app';
import { identityFromRow, type ClientRow } from './clients/client-repo';
import { foldForSearch } from './clients/search-index';
import { FakeClock, errorCodeOf, makeTempDir, openTestCore } from './test-support/temp-vault';
import { openRawDatabase } from './test-support/raw-database';
import { formatUkDate, normaliseUkPhone } from '../contract/uk-formats';
import { DEMO_ACCOUNTS, DEMO_OWNER, type SyntheticVault, createSyntheticVault } from './synthetic-vault';

let tmp: ReturnType<typeof makeTempDir>;
let made: SyntheticVault;
let api: CoreApi;
let clients: ClientRow[];
const clock = new FakeClock();

beforeAll(async () => {
  tmp = makeTempDir('cv-synthetic-');
  made = await createSyntheticVault(join(tmp.dir, 'vault'), {
    clients: 150,
    seed: 11,
    photoClients: 3,
    showcase: { treatments: 12, photos: 5 },
    kdfCost: 'test',
    clock,
  });
  const raw = await openRawDatabase(made.vaultDir, made.recoveryKey);
  clients = raw.prepare('SELECT rowid, * FROM clients ORDER BY rowid').all() as ClientRow[];
  raw.close();
  api = openTestCore(made.vaultDir, clock);
});
afterAll(() => {
  api?.close();
  tmp?.cleanup();
});

async function signIn(username: string): Promise<void> {
  const account = DEMO_ACCOUNTS.find((a) => a.username === username)!;
  await api.call('session.signIn', { username, password: account.password });
}

const idsFound = async (query: string) => (await api.call('clients.search', { query, limit: 100 })).results.map((h) => h.id);

describe('createSyntheticVault', () => {
  it('made the clinic it was asked for, and logged it with counts only', async () => {
    expect(made.clinic).toMatchObject({ clients: 150, photos: expect.any(Number) as number });
    expect(made.clinic.photos).toBeGreaterThanOrEqual(5 + 2 * 2);
    await signIn('owner');
    const page = await api.call('audit.list', { limit: 50, action: 'synthetic.generated' });
    expect(page.entries).toHaveLength(1);
    expect(page.entries[0]!.detail).toEqual({ clients: 150, treatments: made.clinic.treatments, photos: made.clinic.photos, seed: 11 });
  });

  it('every demo account signs in with its published password', async () => {
    for (const account of DEMO_ACCOUNTS) {
      const session = await api.call('session.signIn', { username: account.username, password: account.password });
      expect(session.role).toBe(account.role);
      await api.call('session.signOut', undefined);
    }
    expect(await errorCodeOf(() => api.call('session.signIn', { username: DEMO_OWNER.username, password: 'not-the-password' }))).toBe('WRONG_CREDENTIALS');
  });

  it('search finds generated clients by name (either order, partial, without accents)', async () => {
    await signIn('rachel');
    for (const row of clients.slice(0, 40)) {
      const c = identityFromRow(row);
      expect(await idsFound(`${c.firstName} ${c.lastName}`), `${c.firstName} ${c.lastName}`).toContain(row.id);
      expect(await idsFound(`${c.lastName} ${c.firstName}`)).toContain(row.id);
      const plain = foldForSearch(`${[...c.firstName].slice(0, 3).join('')} ${c.lastName}`);
      expect(await idsFound(plain), plain).toContain(row.id);
    }
  });

  it('search finds generated clients by phone, postcode, date of birth and email', async () => {
    await signIn('rachel');
    for (const row of clients.slice(0, 25)) {
      const c = identityFromRow(row);
      if (c.mobile) expect(await idsFound(`+44 ${normaliseUkPhone(c.mobile)!.slice(1)}`), c.mobile).toContain(row.id);
      expect(await idsFound(c.postcode.replace(' ', '').toLowerCase()), c.postcode).toContain(row.id);
      expect(await idsFound(formatUkDate(c.dateOfBirth)), c.dateOfBirth).toContain(row.id);
      if (c.email) expect(await idsFound(c.email), c.email).toContain(row.id);
    }
  });

  it("the showcase client's record, treatments and photos open through the core", async () => {
    await signIn('priya');
    const clientId = made.clinic.showcaseClientId!;
    const record = await api.call('clients.get', { clientId });
    expect(record).toMatchObject({ id: clientId, treatmentCount: 12, photoCount: 5 });
    const treatments = await api.call('treatments.list', { clientId });
    expect(treatments).toHaveLength(12);
    expect(record.lastVisitOn).toBe([...treatments].map((t) => t.treatedOn).sort().at(-1));
    const photos = await api.call('photos.list', { clientId });
    expect(photos).toHaveLength(5);
    for (const p of photos) {
      expect(p.thumbnailDataUrl).toMatch(/^data:image\/jpeg;base64,\/9j\//);
      if (p.treatmentId) expect(treatments.map((t) => t.id)).toContain(p.treatmentId);
    }
    const full = await api.call('photos.get', { photoId: photos[0]!.id });
    expect(full.imageDataUrl).toMatch(/^data:image\/jpeg;base64,/);
  });

  it('the medical history reads back through the core', async () => {
    await signIn('priya');
    const medical = await api.call('medical.get', { clientId: made.clinic.showcaseClientId! });
    expect(medical.reviewedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(['yes', 'no', 'unknown', 'not-applicable']).toContain(medical.pregnant);
  });
});
