/**
 * The register dashboard (issue #12 item 4, docs/requests.md) with 500 requests
 * in it, target ≤ 50 ms through the dispatcher: every request's due date is
 * computed on read (so a bank holiday the owner adds moves it), then grouped.
 * The requests are synthetic and varied the way a register fills up: most
 * open, a quarter closed, some waiting for ID or a clarification, some
 * extended, some for people not matched to a client.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openCore } from '../src-main/core/app';
import { stateDirFor } from '../src-main/core/vault/state-dir';
import { londonToday } from '../src-main/contract/field-schemas';
import { REQUEST_TYPES } from '../src-main/contract/request-types';
import { Rng } from '../src-main/core/synthetic/random';
import { DEMO_OWNER, createSyntheticVault } from '../src-main/core/synthetic-vault';
import { summarise } from './records-search';

const SEED = 12;
const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export async function benchRequests(opts: { quick: boolean }) {
  const requests = 500;
  const rounds = opts.quick ? 20 : 60;
  const work = mkdtempSync(join(tmpdir(), 'cv-bench-requests-'));
  try {
    const vaultDir = join(work, 'vault');
    const today = londonToday();
    await createSyntheticVault(vaultDir, { clients: 2_000, seed: SEED, today, kdfCost: 'production' });
    const api = openCore({ vaultDir, stateDir: stateDirFor(vaultDir), appVersion: 'bench', kdfCost: 'production' });
    try {
      await api.call('session.signIn', { username: DEMO_OWNER.username, password: DEMO_OWNER.password });
      const { db } = api.core.requireSession().vault;
      const clientIds = (db.prepare('SELECT id FROM clients LIMIT 400').all() as { id: string }[]).map((r) => r.id);
      const rng = new Rng(SEED, 1);
      const base = Date.parse(`${today}T12:00:00Z`);
      for (let i = 0; i < requests; i++) {
        const received = isoDay(base - rng.int(0, 120) * DAY);
        const matched = rng.float() < 0.8;
        const types = [REQUEST_TYPES[rng.int(0, REQUEST_TYPES.length - 1)]!];
        const waitsForId = rng.float() < 0.15;
        const { request } = await api.call('requests.add', {
          ...(matched ? { clientId: clientIds[i % clientIds.length]! } : { personName: `Synthetic Person ${i}` }),
          types,
          channel: 'email',
          receivedOn: received,
          ...(waitsForId ? { identityNeeded: 'Photo ID', identityRequestedOn: received } : {}),
        });
        const kind = rng.float();
        if (kind < 0.25) {
          await api.call('requests.update', { id: request.id, changes: { status: 'closed', outcome: 'complied', responseSentOn: received } });
        } else if (kind < 0.35) {
          await api.call('requests.update', { id: request.id, changes: { clarificationAskedOn: received } });
        } else if (kind < 0.42 && !waitsForId) {
          await api.call('requests.update', { id: request.id, changes: { extension: { reason: 'Complex request', toldOn: received } } });
        }
      }
      const call = () => api.call('requests.dashboard', {});
      const first = await call();
      for (let i = 0; i < 3; i++) await call(); // warm-up
      const ms: number[] = [];
      for (let i = 0; i < rounds; i++) {
        const t0 = performance.now();
        await call();
        ms.push(performance.now() - t0);
      }
      const timings = summarise(ms);
      return {
        requests,
        counts: first.counts,
        dashboard: { ...timings, targetMs: 50, met: timings.p95Ms <= 50 },
      };
    } finally {
      api.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
