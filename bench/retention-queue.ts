/**
 * Issue #13's queue target: the full retention queue at 50,000 clients
 * (5,000 with --quick) ≤ 500 ms, on a synthetic clinic (six years of
 * history, so many clients' "other personal data" has passed its 3 years).
 *
 *  - retention.queue through the dispatcher, 90-day window, every category:
 *    facts by aggregate, the pure rules, names for the rows, the audit entry;
 *  - the same with summary (the home page's count at the owner's sign-in).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../src-main/core/app';
import { DEMO_OWNER, createSyntheticVault } from '../src-main/core/synthetic-vault';
import { stateDirFor } from '../src-main/core/vault/state-dir';
import { londonToday } from '../src-main/contract/field-schemas';
import { summarise } from './records-search';

export async function benchRetentionQueue(opts: { quick: boolean }) {
  const clients = opts.quick ? 5_000 : 50_000;
  const dir = mkdtempSync(join(tmpdir(), 'cv-bench-retention-'));
  try {
    const vaultDir = join(dir, 'vault');
    await createSyntheticVault(vaultDir, { clients, seed: 13, today: londonToday(), kdfCost: 'production' });
    const api = openCore({ vaultDir, stateDir: stateDirFor(vaultDir), appVersion: 'bench', kdfCost: 'production' });
    try {
      await api.call('session.signIn', { username: DEMO_OWNER.username, password: DEMO_OWNER.password });
      const runs = opts.quick ? 5 : 10;
      let rows = 0;
      const full: number[] = [];
      const summary: number[] = [];
      await api.call('retention.queue', { withinDays: 90 }); // warm-up
      for (let i = 0; i < runs; i++) {
        let t = performance.now();
        rows = (await api.call('retention.queue', { withinDays: 90 })).rows.length;
        full.push(performance.now() - t);
        t = performance.now();
        await api.call('retention.queue', { withinDays: 0, summary: true });
        summary.push(performance.now() - t);
      }
      const f = summarise(full);
      const s = summarise(summary);
      return {
        clients,
        rows,
        fullQueue: { runs, ...f, targetP95Ms: 500, met: f.p95Ms <= 500 },
        homePageCount: { runs, ...s, targetP95Ms: 500, met: s.p95Ms <= 500 },
      };
    } finally {
      api.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const quick = process.argv.includes('--quick');
  console.log(JSON.stringify(await benchRetentionQueue({ quick }), null, 2));
}
