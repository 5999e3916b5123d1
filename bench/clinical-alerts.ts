/**
 * Issue #10's additions to opening a record and the home page, on a synthetic
 * clinic (20,000 clients, 2,000 with --quick), each a few ms at most so they
 * fit inside the record-open budget (≤ 50 ms p95, bench/records.ts):
 *
 *  - clients.clinicalAlerts for 200 clients (opens the sealed medical history,
 *    reads the settings, appends an audit entry): p95 ≤ 10 ms;
 *  - home.recentClients for a practitioner after opening 1,000 records
 *    (their audit entries, newest first): p95 ≤ 20 ms;
 *  - the same for reception (today's clients): p95 ≤ 20 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore, type CoreApi } from '../src-main/core/app';
import { DEMO_STAFF, createSyntheticVault } from '../src-main/core/synthetic-vault';
import { stateDirFor } from '../src-main/core/vault/state-dir';
import { londonToday } from '../src-main/contract/field-schemas';
import { summarise } from './records-search';

async function signedIn(vaultDir: string, role: 'practitioner' | 'reception'): Promise<CoreApi> {
  const account = DEMO_STAFF.find((s) => s.role === role)!;
  const api = openCore({ vaultDir, stateDir: stateDirFor(vaultDir), appVersion: 'bench', kdfCost: 'production' });
  await api.call('session.signIn', { username: account.username, password: account.password });
  return api;
}

async function timed(runs: number, fn: (i: number) => Promise<unknown>) {
  await fn(0); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  return summarise(times);
}

export async function benchClinicalAlerts(opts: { quick: boolean }) {
  const clients = opts.quick ? 2_000 : 20_000;
  const dir = mkdtempSync(join(tmpdir(), 'cv-bench-alerts-'));
  try {
    const vaultDir = join(dir, 'vault');
    await createSyntheticVault(vaultDir, { clients, seed: 10, today: londonToday(), kdfCost: 'production' });
    const practitioner = await signedIn(vaultDir, 'practitioner');
    let alerts;
    let mine;
    try {
      const ids = (practitioner.core.requireSession().vault.db.prepare('SELECT id FROM clients ORDER BY rowid LIMIT 1000').all() as { id: string }[]).map((r) => r.id);
      alerts = await timed(200, (i) => practitioner.call('clients.clinicalAlerts', { clientId: ids[i % ids.length]! }));
      for (const clientId of ids) await practitioner.call('clients.get', { clientId });
      mine = await timed(100, () => practitioner.call('home.recentClients', {}));
    } finally {
      practitioner.close();
    }
    const reception = await signedIn(vaultDir, 'reception');
    let today;
    try {
      today = await timed(100, () => reception.call('home.recentClients', {}));
    } finally {
      reception.close();
    }
    return {
      clients,
      clinicalAlerts: { runs: 200, ...alerts, targetP95Ms: 10, met: alerts.p95Ms <= 10 },
      recentClientsPractitioner: { runs: 100, ownOpenings: 1000, ...mine, targetP95Ms: 20, met: mine.p95Ms <= 20 },
      recentClientsReception: { runs: 100, ...today, targetP95Ms: 20, met: today.p95Ms <= 20 },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const quick = process.argv.includes('--quick');
  console.log(JSON.stringify(await benchClinicalAlerts({ quick }), null, 2));
}
