import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate';
import { createDatabase } from '../db/open-database';
import type { Db } from '../db/types';
import { FakeClock, createTestVault, makeTempDir, type TestVault } from '../test-support/temp-vault';
import { openRawDatabase } from '../test-support/raw-database';
import { checkpointsIn } from '../test-support/audit-tamper';
import { AuditLog } from './audit-log';

let cleanup: (() => void) | undefined;
let tv: TestVault | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
  tv?.cleanup();
  tv = undefined;
});

/** Twelve entries: three batches of four. */
function twelveEntries(): { db: Db; log: AuditLog } {
  const tmp = makeTempDir('cv-chain-walk-');
  const db = createDatabase(join(tmp.dir, 'audit.db'), randomBytes(32));
  cleanup = () => {
    db.close();
    tmp.cleanup();
  };
  migrate(db);
  const log = new AuditLog(db, new FakeClock());
  for (let i = 0; i < 12; i++) log.append({ staffId: 'st_anna', action: 'client.viewed', subjectType: 'client', subjectId: `cl_${i}` });
  return { db, log };
}

const tampers: [string, (db: Db) => void][] = [
  ['the last entry of a batch edited', (db) => db.prepare(`UPDATE audit_log SET staff_id = 'st_other' WHERE seq = 4`).run()],
  ['the first entry of a batch edited', (db) => db.prepare(`UPDATE audit_log SET action = 'client.updated' WHERE seq = 5`).run()],
  ['the first entry of a batch removed', (db) => db.prepare('DELETE FROM audit_log WHERE seq = 5').run()],
  ['the last entry of a batch given a new hash', (db) => db.prepare('UPDATE audit_log SET hash = ? WHERE seq = 8').run('f'.repeat(64))],
  ['an entry inside a batch pointed at the wrong previous entry', (db) => db.prepare('UPDATE audit_log SET prev_hash = ? WHERE seq = 10').run('e'.repeat(64))],
];

describe('the audit chain walk in batches', () => {
  it('checks every entry and reports progress after each batch', async () => {
    const { log } = twelveEntries();
    const progress: [number, number][] = [];
    const result = await log.verify({ batchSize: 4, onProgress: (done, total) => progress.push([done, total]) });
    expect(result).toEqual({ ok: true, entriesChecked: 12, firstBrokenSeq: null, problem: null });
    expect(progress).toEqual([
      [4, 12],
      [8, 12],
      [12, 12],
    ]);
  });

  it.each(tampers)('finds %s at a batch boundary exactly as one long walk does', async (_name, tamper) => {
    const { db, log } = twelveEntries();
    db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    tamper(db);
    const batched = await log.verify({ batchSize: 4 });
    const whole = await log.verify({ batchSize: 1000 });
    expect(batched.ok).toBe(false);
    expect(batched).toEqual(whole);
  });

  it('names the entry and what is wrong with it, across a batch boundary', async () => {
    const { db, log } = twelveEntries();
    db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    db.prepare(`UPDATE audit_log SET action = 'client.updated' WHERE seq = 5`).run();
    expect(await log.verify({ batchSize: 4 })).toEqual({ ok: false, entriesChecked: 4, firstBrokenSeq: 5, problem: 'its contents have been altered' });
    db.prepare(`UPDATE audit_log SET action = 'client.viewed' WHERE seq = 5`).run();
    db.prepare('DELETE FROM audit_log WHERE seq = 9').run();
    expect(await log.verify({ batchSize: 4 })).toEqual({ ok: false, entriesChecked: 8, firstBrokenSeq: 10, problem: 'entries before #10 are missing' });
  });

  it('stops when cancelled, and says so rather than claiming the log is sound or broken', async () => {
    const { log } = twelveEntries();
    const controller = new AbortController();
    const progress: number[] = [];
    const result = await log.verify({
      batchSize: 4,
      signal: controller.signal,
      onProgress: (done) => {
        progress.push(done);
        controller.abort();
      },
    });
    expect(progress).toEqual([4]);
    expect(result).toMatchObject({ ok: false, cancelled: true, entriesChecked: 4, firstBrokenSeq: null });
    expect(result.problem).toMatch(/cancelled/);
  });

  it('lets other work run between batches', async () => {
    const { log } = twelveEntries();
    const between: number[] = [];
    let done = 0;
    let running = true;
    // Another task, queued the way I/O callbacks are: it records how far the walk had got each time it runs.
    const other = () => {
      between.push(done);
      if (running) setImmediate(other);
    };
    setImmediate(other);
    const result = await log.verify({ batchSize: 1, onProgress: (d) => (done = d) });
    running = false;
    expect(result.ok).toBe(true);
    // Something else ran while the walk was part way through, not only before or after it.
    expect(between.some((d) => d > 0 && d < 12)).toBe(true);
  });

  it('ends as cancelled when the vault locks part way through, rather than failing with a database error', async () => {
    tv = await createTestVault();
    const { vault } = tv.api.core.requireSession();
    let lock: Promise<unknown> | undefined;
    const result = await vault.audit.verify({ batchSize: 1, onProgress: () => (lock ??= tv!.api.call('session.lock', undefined)) });
    await lock;
    expect(vault.db.open).toBe(false);
    expect(result).toMatchObject({ ok: false, cancelled: true, entriesChecked: 1 });
  });

  it('signs no checkpoint when the owner cancels a verify, and signs one when it runs to the end', async () => {
    tv = await createTestVault();
    const { vault } = tv.api.core.requireSession();
    const checkpoints = async () => {
      const raw = await openRawDatabase(tv!.vaultDir, tv!.recoveryKey);
      const n = checkpointsIn(raw).length;
      raw.close();
      return n;
    };
    const before = await checkpoints();
    const cancelled = await vault.audit.verify({ signal: AbortSignal.abort() });
    expect(cancelled).toMatchObject({ ok: false, cancelled: true, entriesChecked: 0 });
    expect(await checkpoints()).toBe(before);
    expect((await vault.audit.verify()).ok).toBe(true);
    expect(await checkpoints()).toBe(before + 1);
  });
});
