/**
 * Issue #4's figures, on a synthetic clinic of 50,000 clients with about
 * 1,000,000 consent events (5,000 and ~100,000 with --quick; --clients N for
 * another size, 20 events a client), in an encrypted
 * vault, all through the core API as the app calls it:
 *
 *  - current consent state of one client (consent.current), ~200 random
 *    clients: p95 ≤ 5 ms;
 *  - the marketing list for each channel (marketing.export): ≤ 1 s;
 *  - the consent history of a client with exactly 200 events
 *    (consent.history): p95 ≤ 10 ms.
 *
 * The vault is generated here (the records benchmark deletes its own), and
 * the generation of the consent part is reported too.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../src-main/core/app';
import { stateDirFor } from '../src-main/core/vault/state-dir';
import { MARKETING_CHANNELS } from '../src-main/contract/consent-types';
import { londonToday } from '../src-main/contract/field-schemas';
import { Rng } from '../src-main/core/synthetic/random';
import { DEMO_OWNER, createSyntheticVault } from '../src-main/core/synthetic-vault';
import { summarise } from './records-search';

const SEED = 2027;
const MB = 1024 * 1024;

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const value = await fn();
  return [performance.now() - t, value];
}

export async function benchConsent(opts: { quick: boolean; clients?: number }) {
  const clients = opts.clients ?? (opts.quick ? 5_000 : 50_000);
  const work = mkdtempSync(join(tmpdir(), 'cv-bench-consent-'));
  try {
    const vaultDir = join(work, 'vault');
    const made = await createSyntheticVault(vaultDir, {
      clients,
      seed: SEED,
      today: londonToday(),
      consentEventsPerClient: 20,
      consentHistoryEvents: 200,
      privacyNotice: true,
      kdfCost: 'production',
    });
    const api = openCore({ vaultDir, stateDir: stateDirFor(vaultDir), appVersion: 'bench', kdfCost: 'production' });
    try {
      await api.call('session.signIn', { username: DEMO_OWNER.username, password: DEMO_OWNER.password });
      const { db } = api.core.requireSession().vault;
      const ids = (db.prepare('SELECT id FROM clients ORDER BY rowid').all() as { id: string }[]).map((r) => r.id);
      const rng = new Rng(SEED, 1);
      const sample = Array.from({ length: 200 }, () => rng.pick(ids));

      // Current state: a warm-up pass over other clients, then the timed 200.
      for (let i = 0; i < 20; i++) await api.call('consent.current', { clientId: rng.pick(ids) });
      const currentTimes: number[] = [];
      let purposesShown = 0;
      for (const clientId of sample) {
        const [ms, summary] = await timed(() => api.call('consent.current', { clientId }));
        currentTimes.push(ms);
        purposesShown += summary.current.length;
      }
      const current = summarise(currentTimes);

      // The marketing list: each channel three times (the first one cold for its purpose).
      const lists: Record<string, unknown> = {};
      let worstListMs = 0;
      for (const channel of MARKETING_CHANNELS) {
        const times: number[] = [];
        let last = null as Awaited<ReturnType<typeof api.call<'marketing.export'>>> | null;
        for (let i = 0; i < 3; i++) {
          const [ms, list] = await timed(() => api.call('marketing.export', { channel }));
          times.push(ms);
          last = list;
        }
        const firstMs = Math.round(times[0]! * 10) / 10;
        const maxMs = Math.round(Math.max(...times) * 10) / 10;
        worstListMs = Math.max(worstListMs, maxMs);
        lists[channel] = { firstMs, ...summarise(times), maxMs, included: last!.included, excluded: last!.excluded, csvKB: Math.round(Buffer.byteLength(last!.csv) / 1024) };
      }

      // History of the client with exactly 200 events.
      const historyClient = made.clinic.consentHistoryClientId!;
      const events = (await api.call('consent.history', { clientId: historyClient })).length;
      const historyTimes: number[] = [];
      for (let i = 0; i < 100; i++) historyTimes.push((await timed(() => api.call('consent.history', { clientId: historyClient })))[0]);
      const history = summarise(historyTimes);

      return {
        generate: {
          clients: made.clinic.clients,
          consentEvents: made.clinic.consentEvents,
          seconds: made.clinic.seconds,
          databaseMB: Math.round(statSync(join(vaultDir, 'vault.db')).size / MB),
        },
        current: { ...current, clients: sample.length, purposesShown, targetP95Ms: 5, met: current.p95Ms <= 5 },
        marketingList: { channels: lists, worstMs: worstListMs, targetMs: 1000, met: worstListMs <= 1000 },
        history: { ...history, events, runs: historyTimes.length, targetP95Ms: 10, met: history.p95Ms <= 10 },
      };
    } finally {
      api.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
