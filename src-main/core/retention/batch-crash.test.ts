/**
 * A destroy batch killed with SIGKILL part-way (as on a power cut): between
 * two clients, and in the middle of one client's transaction. Afterwards each
 * client is either wholly destroyed (row, treatments, photos, blobs) or wholly
 * untouched, the batch says which, shows as interrupted, and resumes to the end.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { OWNER, type TestVault, createTestVault } from '../test-support/temp-vault';
import { leftOf, photoBlobPaths, seedDueClient, stillOnDisk } from '../test-support/retention-action-test-support';

const CHILD = fileURLToPath(new URL('../test-support/retention-crash-child.ts', import.meta.url));

let tv: TestVault | null = null;
afterEach(() => {
  tv?.cleanup();
  tv = null;
});

// Each client: one check by the batch, then seven by destroyClientData inside its transaction.
const CHECKS_PER_CLIENT = 8;

describe('a destroy batch killed part-way', () => {
  for (const [where, killAt] of [
    ['between the second and third clients', 2 * CHECKS_PER_CLIENT + 1],
    ['inside the third client’s transaction', 2 * CHECKS_PER_CLIENT + 5],
  ] as const) {
    it(`${where}: two clients wholly gone, three wholly untouched, and the batch resumes`, async () => {
      const t = (tv = await createTestVault());
      const clients = [];
      for (let n = 1; n <= 5; n++) clients.push(await seedDueClient(t.api, n, 2));
      const blobs = clients.map((c) => photoBlobPaths(t.api, t.vaultDir, c.clientId));
      t.api.close(); // the child takes the vault's process lock
      const child = spawnSync(process.execPath, ['--import', 'tsx', CHILD, t.vaultDir, String(killAt), ...clients.map((c) => c.clientId)], {
        env: { ...process.env, CLINIC_TEST_USER: OWNER.username, CLINIC_TEST_PASSWORD: OWNER.password, CLINIC_TEST_NOW: t.clock.now().toISOString() },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(child.stderr).toBe('');
      expect(child.signal).toBe('SIGKILL');

      const api = t.reopen();
      await api.call('session.signIn', { username: OWNER.username, password: OWNER.password });
      expect(clients.map((c) => leftOf(api, c.clientId))).toEqual([
        { client: 0, treatments: 0, photos: 0 },
        { client: 0, treatments: 0, photos: 0 },
        { client: 1, treatments: 2, photos: 2 },
        { client: 1, treatments: 2, photos: 2 },
        { client: 1, treatments: 2, photos: 2 },
      ]);
      expect(blobs.map((b) => stillOnDisk(b).length)).toEqual([0, 0, 4, 4, 4]);
      const [batch] = (await api.call('retention.batch.list', undefined)).batches;
      expect(batch).toMatchObject({ status: 'interrupted', done: 2, pending: 3, certificateId: null });

      const resumed = await api.call('retention.batch.resume', { batchId: batch!.id });
      expect(resumed).toMatchObject({ status: 'done', done: 5, pending: 0 });
      expect(clients.map((c) => leftOf(api, c.clientId).client)).toEqual([0, 0, 0, 0, 0]);
      expect(blobs.flatMap((b) => stillOnDisk(b))).toEqual([]);
      expect((await api.call('retention.certificates.list', undefined)).certificates[0]).toMatchObject({ batchId: batch!.id, count: 5 });
    });
  }
});
