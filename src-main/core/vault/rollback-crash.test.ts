/**
 * The write order at each bump (src-main/core/vault/vault-trust.ts, `advance`):
 * the database commits first, the records outside it follow. A crash at either
 * step must leave a vault that opens without a false alarm.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OWNER, createTestVault, type TestVault } from '../test-support/temp-vault';
import { openRawDatabase } from '../test-support/raw-database';

const crash = vi.hoisted(() => ({ at: null as null | 'database-commit' | 'record-write' }));

vi.mock('../db/durable-transaction', async (importOriginal) => {
  const real = await importOriginal<typeof import('../db/durable-transaction')>();
  return {
    durableTransaction: ((db, fn) => {
      if (crash.at === 'database-commit') {
        crash.at = null;
        throw new Error('simulated crash before the database commit');
      }
      return real.durableTransaction(db, fn);
    }) satisfies typeof real.durableTransaction,
  };
});

vi.mock('../platform/atomic-file', async (importOriginal) => {
  const real = await importOriginal<typeof import('../platform/atomic-file')>();
  return {
    ...real,
    writeFileAtomicSync: ((target, contents) => {
      if (crash.at === 'record-write' && /vault-generation|vault-generations|audit-anchor/.test(target)) {
        throw new Error('simulated crash before the record was written');
      }
      return real.writeFileAtomicSync(target, contents);
    }) satisfies typeof real.writeFileAtomicSync,
  };
});

let tv: TestVault | undefined;
afterEach(() => {
  crash.at = null;
  tv?.cleanup();
  tv = undefined;
});

const signInOwner = () => tv!.api.call('session.signIn', { username: OWNER.username, password: OWNER.password });

async function generationInDatabase(): Promise<number> {
  const raw = await openRawDatabase(tv!.vaultDir, tv!.recoveryKey);
  const row = raw.prepare(`SELECT value FROM meta WHERE key = 'rollback_generation'`).get() as { value: string };
  raw.close();
  return Number(row.value);
}

describe('a crash while the generation moves on', () => {
  it.each(['database-commit', 'record-write'] as const)('at the %s, at lock, leaves a vault that opens without an alarm', async (where) => {
    tv = await createTestVault();
    await tv.api.call('session.lock', undefined);
    await signInOwner();
    const before = await generationInDatabase();
    crash.at = where;
    await tv.api.call('session.lock', undefined);
    crash.at = null;
    // The database has the new generation only if it committed before the crash.
    expect(await generationInDatabase()).toBe(where === 'database-commit' ? before : before + 1);
    tv.reopen();
    expect((await signInOwner()).warnings).toEqual([]);
    expect((await tv.api.call('audit.verify', undefined)).ok).toBe(true);
  });
});
