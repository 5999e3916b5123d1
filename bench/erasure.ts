/**
 * Erasure of one client with 100 photos (issue #12 target: ≤ 2 s including
 * secure delete), in a synthetic clinic so the search indexes the erasure
 * merges whole (core/destruction/destroy-client.ts, purgeSearchIndexes) are
 * a clinic's size, not one client's. Measured: erasure.apply end to end (the
 * preview inside it, the one secure-delete transaction, the index merge, the
 * consent evidence blob removal and the WAL truncation), then the same for a
 * client with no clinical record, whose 100 photos... are none: that one is
 * removed whole, photos included, by the mechanism the retention queue (#13)
 * will use, so it is measured too with 100 photos destroyed.
 *
 * Run alone: node --import tsx bench/erasure.ts [--quick]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openCore } from '../src-main/core/app';
import { destroyClientData } from '../src-main/core/destruction/destroy-client';
import { DESTRUCTION_CATEGORIES } from '../src-main/core/destruction/categories';
import { serviceContext } from '../src-main/core/service/service-context';
import { SETUP_INPUT } from '../src-main/core/test-support/temp-vault';
import { seedErasableClient } from '../src-main/core/test-support/erasure-test-support';

export interface ErasureBenchResult {
  clinicClients: number;
  photos: number;
  eraseWithPhotosMs: { value: number; target: number; met: boolean };
  destroyWholeWithPhotosMs: { value: number; target: number; met: boolean };
}

export async function benchErasure(opts: { quick: boolean }): Promise<ErasureBenchResult> {
  const clinicClients = opts.quick ? 2_000 : 20_000;
  const photos = 100;
  const dir = mkdtempSync(join(tmpdir(), 'erasure-bench-'));
  const api = openCore({ vaultDir: join(dir, 'vault'), stateDir: join(dir, 'app-state'), appVersion: 'bench', kdfCost: 'test' });
  try {
    await api.call('vault.setup', SETUP_INPUT);
    await api.call('vault.seedSynthetic', { clients: clinicClients, treatmentsPerClient: 2 });
    const first = await seedErasableClient(api, photos);
    let t = performance.now();
    await api.call('erasure.apply', { clientId: first.clientId, confirmation: 'ERASE' });
    const eraseMs = performance.now() - t;

    // The same client's kept record destroyed whole (what the retention queue will do): 100 photos, 200 blobs.
    const ctx = serviceContext({ core: api.core, ...api.core.requireSession() });
    t = performance.now();
    destroyClientData(ctx, first.clientId, DESTRUCTION_CATEGORIES, { auditAction: 'erasure.applied' });
    const wholeMs = performance.now() - t;
    const round = (ms: number) => Math.round(ms);
    return {
      clinicClients,
      photos,
      eraseWithPhotosMs: { value: round(eraseMs), target: 2000, met: eraseMs <= 2000 },
      destroyWholeWithPhotosMs: { value: round(wholeMs), target: 2000, met: wholeMs <= 2000 },
    };
  } finally {
    api.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('erasure.ts')) {
  benchErasure({ quick: process.argv.includes('--quick') })
    .then((r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`))
    .catch((err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    });
}
