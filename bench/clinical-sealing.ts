/**
 * Issue #8 item 2's one-off cost: the first clinical sign-in on a vault made
 * by an earlier build seals every clinical row it holds in the clear
 * (src-main/core/sealing/legacy-sealing.ts). Measured on a synthetic clinic of
 * 50,000 clients and ~400,000 treatments (5,000 with --quick) written the
 * earlier build's way, in the clear, in an encrypted vault. Target: ≤ 60 s, the
 * budget for writing the same clinic in the first place (bench/records.ts).
 *
 * The everyday cost of sealing (search, opening a record, the marketing
 * export) is in the records and consent benchmarks, which run on sealed vaults.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../src-main/core/app';
import { sealClinicalRows } from '../src-main/core/sealing/legacy-sealing';
import { generateClinic } from '../src-main/core/synthetic/generate-clinic';
import { DEMO_OWNER, createSyntheticVault } from '../src-main/core/synthetic-vault';
import { londonToday } from '../src-main/contract/field-schemas';

const SEED = 2028;

export async function benchClinicalSealing(opts: { quick: boolean }) {
  const clients = opts.quick ? 5_000 : 50_000;
  const work = mkdtempSync(join(tmpdir(), 'cv-bench-sealing-'));
  try {
    const vaultDir = join(work, 'vault');
    const made = await createSyntheticVault(vaultDir, { clients: 0, seed: SEED, kdfCost: 'test', consentEventsPerClient: 0 });
    const api = openCore({ vaultDir, stateDir: join(work, 'app-state'), appVersion: 'bench', kdfCost: 'test' });
    try {
      await api.call('session.signIn', { username: DEMO_OWNER.username, password: DEMO_OWNER.password });
      const { vault } = api.core.requireSession();
      // No clinical key given: the rows are left in the clear, as an earlier build left them.
      const clinic = await generateClinic(
        vault.db,
        { clients, seed: SEED, today: londonToday(), consentEventsPerClient: 0, onProgress: () => api.core.touch() },
        { ownerId: made.staffIds.owner, practitionerIds: made.staffIds.practitioners },
      );
      const started = performance.now();
      const sealed = sealClinicalRows(vault.db, vault.keys.clinical!);
      const seconds = Math.round((performance.now() - started) / 100) / 10;
      return {
        clients: clinic.clients,
        treatments: clinic.treatments,
        sealed,
        seconds,
        rowsPerSecond: Math.round((sealed.sections + sealed.treatments) / Math.max(seconds, 0.1)),
        targetSeconds: 60,
        met: seconds <= 60,
      };
    } finally {
      api.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// Alone: node --import tsx bench/clinical-sealing.ts [--quick]
if (import.meta.url === `file://${process.argv[1]}`) {
  benchClinicalSealing({ quick: process.argv.includes('--quick') }).then(
    (r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
