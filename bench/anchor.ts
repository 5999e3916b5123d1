/**
 * Issue #8 items 3 and 4 (docs/audit-anchoring.md): what the unlock checks
 * (append-only triggers, signed checkpoints, the entry at the newest checkpoint
 * and a count of every seq below it, the rollback records) cost on a
 * 50,000-client vault whose audit log holds years of entries, and whether
 * unlock stays within 600 ms and audit appends at 5,000 a second or more.
 *
 *   node --import tsx bench/anchor.ts [--quick]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore, type CoreApi } from '../src-main/core/app';
import { AuditLog } from '../src-main/core/audit/audit-log';
import { systemClock } from '../src-main/core/platform/ports';
import { generateClinic } from '../src-main/core/synthetic/generate-clinic';
import { openRawDatabase } from '../src-main/core/test-support/raw-database';
import { OWNER, SETUP_INPUT } from '../src-main/core/test-support/temp-vault';

const ms = (start: number) => Math.round((performance.now() - start) * 10) / 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchAnchor(opts: { quick: boolean }) {
  const clients = opts.quick ? 5_000 : 50_000;
  // About five years of a busy clinic (some 270 entries a working day).
  const auditEntries = opts.quick ? 50_000 : 500_000;
  const appends = opts.quick ? 5_000 : 20_000;
  const work = mkdtempSync(join(tmpdir(), 'cv-bench-anchor-'));
  const vaultDir = join(work, 'vault');
  const open = (): CoreApi => openCore({ vaultDir, stateDir: join(work, 'app-state'), appVersion: 'bench', kdfCost: 'production' });
  const signIn = (api: CoreApi) => api.call('session.signIn', { username: OWNER.username, password: OWNER.password });
  try {
    const setup = open();
    const { recoveryKey } = await setup.call('vault.setup', SETUP_INPUT);
    setup.close();

    const raw = await openRawDatabase(vaultDir, recoveryKey);
    const { id: ownerId } = raw.prepare("SELECT id FROM staff WHERE role = 'owner'").get() as { id: string };
    await generateClinic(raw, { clients, seed: 42 }, { ownerId, practitionerIds: [ownerId] });
    const bulk = new AuditLog(raw, systemClock);
    raw.transaction(() => {
      for (let i = 0; i < auditEntries; i++) bulk.append({ staffId: ownerId, action: 'client.viewed', subjectType: 'client', subjectId: `cl_bench${i % clients}` });
    })();
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();

    // One owner sign-in and lock sign a checkpoint at the head of that long log.
    let api = open();
    await signIn(api);
    api.close();

    // Unlock as a clinic sees it: a fresh process state, database opened cold, checks, checkpoint, records.
    const unlockRuns: number[] = [];
    const lockRuns: number[] = [];
    for (let i = 0; i < 5; i++) {
      api = open();
      let t = performance.now();
      const session = await signIn(api);
      unlockRuns.push(ms(t));
      if (session.warnings.length) throw new Error(`false alarm: ${JSON.stringify(session.warnings)}`);
      t = performance.now();
      await api.call('session.lock', undefined);
      lockRuns.push(ms(t));
      api.close();
    }

    // The unlock check alone, on a database just opened (cold) and again with its pages cached (warm).
    api = open();
    await signIn(api);
    const { vault } = api.core.requireSession();
    const anchor = vault.audit.anchor!;
    const warm: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      if (!anchor.check('quick').ok) throw new Error('quick check failed on an untouched vault');
      warm.push(ms(t));
    }
    const t = performance.now();
    const verify = await api.call('audit.verify', undefined);
    const verifyMs = ms(t);
    if (!verify.ok) throw new Error('verify failed on an untouched vault');

    // The writes an owner sign-in adds (durable commit of generation and checkpoint, three small files): the backup hook does the same.
    const writes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const w = performance.now();
      api.core.anchorBackup();
      writes.push(ms(w));
    }

    // Appends, each its own transaction as in use, through the anchored log; interleaved with the same
    // appends without migration 0007's seq-only index, so a busy machine affects both alike.
    const appendRate = () => {
      const a = performance.now();
      for (let i = 0; i < appends / 2; i++) vault.audit.append({ staffId: ownerId, action: 'client.viewed', subjectType: 'client', subjectId: `cl_bench${i % clients}` });
      return Math.round(appends / 2 / ((performance.now() - a) / 1000));
    };
    const withIndex: number[] = [];
    const withoutIndex: number[] = [];
    for (let round = 0; round < 2; round++) {
      withIndex.push(appendRate());
      vault.db.exec('DROP INDEX audit_log_seq_only');
      withoutIndex.push(appendRate());
      vault.db.exec('CREATE INDEX audit_log_seq_only ON audit_log (seq)');
    }
    const appendsPerSecond = Math.round((withIndex[0]! + withIndex[1]!) / 2);
    api.close();

    const coldRuns: number[] = [];
    for (let i = 0; i < 3; i++) {
      const fresh = await openRawDatabase(vaultDir, recoveryKey);
      const cold = new AuditLog(fresh, systemClock, {
        vaultId: vault.vaultId,
        publicKey: vault.keys.auditPublic,
        signingKey: null,
        anchorFile: join(vaultDir, 'audit-anchor.json'),
      });
      const c = performance.now();
      if (!cold.anchor!.check('quick').ok) throw new Error('quick check failed on a freshly opened database');
      coldRuns.push(ms(c));
      fresh.close();
    }

    const unlockMs = median(unlockRuns);
    return {
      vault: { clients, auditEntries: auditEntries + appends },
      unlock: { runsMs: unlockRuns, medianMs: unlockMs, targetMs: 600, met: unlockMs <= 600 },
      unlockCheck: { coldRunsMs: coldRuns, coldMedianMs: median(coldRuns), warmRunsMs: warm, warmMedianMs: median(warm) },
      lock: { runsMs: lockRuns, medianMs: median(lockRuns) },
      unlockWrites: { runsMs: writes, medianMs: median(writes) },
      verifyWithAnchors: { ms: verifyMs, entriesChecked: verify.entriesChecked },
      auditAppends: {
        count: appends * 2,
        perSecond: appendsPerSecond,
        roundsPerSecond: withIndex,
        withoutSeqIndexPerSecond: withoutIndex,
        target: 5000,
        met: appendsPerSecond >= 5000,
      },
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchAnchor({ quick: process.argv.includes('--quick') }).then(
    (r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
