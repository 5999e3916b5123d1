/**
 * The synthetic clinic (demo, CLI seed, benchmarks) is written straight into
 * the tables, not through the services, so it must seal what it writes as the
 * app does: its clinical values read back through the core and are nowhere
 * in the clear.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreApi } from '../app';
import { DEMO_STAFF, type SyntheticVault, createSyntheticVault } from '../synthetic-vault';
import { openRawDatabase } from '../test-support/raw-database';
import { FakeClock, makeTempDir, openTestCore } from '../test-support/temp-vault';
import { blobsOpenWithDatabaseKey, clinicalTextInRows } from '../test-support/sealing-test-support';
import { fromDataUrl } from '../test-support/photo-test-support';

let tmp: ReturnType<typeof makeTempDir>;
let made: SyntheticVault;
let api: CoreApi;
const seen: string[] = [];
const pictures: Buffer[] = [];
const clock = new FakeClock();

beforeAll(async () => {
  tmp = makeTempDir('cv-seeded-');
  made = await createSyntheticVault(join(tmp.dir, 'vault'), { clients: 40, seed: 5, photoClients: 2, showcase: { treatments: 6, photos: 3 }, kdfCost: 'test', clock });
  api = openTestCore(made.vaultDir, clock);
  const priya = DEMO_STAFF.find((s) => s.role === 'practitioner')!;
  await api.call('session.signIn', { username: priya.username, password: priya.password });
  const clientId = made.clinic.showcaseClientId!;
  const medical = await api.call('medical.get', { clientId });
  const lifestyle = await api.call('lifestyle.get', { clientId });
  const treatments = await api.call('treatments.list', { clientId });
  // The free-text answers (dates such as updatedAt are kept in the clear beside the document).
  for (const [k, v] of [...Object.entries(medical), ...Object.entries(lifestyle)]) if (typeof v === 'string' && v.length >= 12 && !/On$|At$/.test(k)) seen.push(v);
  for (const t of treatments) for (const v of [t.notes, t.aftercare, ...t.areas]) if (v.length >= 12) seen.push(v);
  for (const p of await api.call('photos.list', { clientId })) pictures.push(fromDataUrl((await api.call('photos.get', { photoId: p.id })).imageDataUrl).bytes);
  api.close();
}, 60_000);

afterAll(() => tmp?.cleanup());

describe('a seeded synthetic vault', () => {
  it('reads back its clinical values through the core', () => {
    expect(seen.length).toBeGreaterThan(5);
    expect(pictures.length).toBe(3);
  });

  it('holds none of them, nor any photo, under the database key alone', async () => {
    const db = await openRawDatabase(made.vaultDir, made.recoveryKey);
    try {
      expect(clinicalTextInRows(db, [...new Set(seen)])).toEqual([]);
      expect(db.prepare('SELECT count(*) AS n FROM treatments WHERE details_sealed IS NULL').get()).toEqual({ n: 0 });
      for (const { bytes } of await blobsOpenWithDatabaseKey(db, made.vaultDir)) for (const p of pictures) expect(bytes.equals(p)).toBe(false);
    } finally {
      db.close();
    }
  });
});
