/**
 * Issue #8 item 7: a real (production) core refuses key slots made with a
 * cheaper scrypt cost than production, as an old --test-fast-kdf build wrote.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../app';
import { OWNER, SETUP_INPUT, createTestVault, errorCodeOf, makeTempDir, testStateDir, type TestVault } from '../test-support/temp-vault';
import { readKeyring } from './keyring';
import { vaultPaths } from '../platform/vault-paths';

let tv: TestVault | undefined;
afterEach(() => {
  tv?.cleanup();
  tv = undefined;
});

describe('the minimum key-derivation cost', () => {
  it('a production core refuses to sign in or recover with a cheap slot, and changes nothing', async () => {
    tv = await createTestVault();
    tv.api.close();
    const before = readFileSync(vaultPaths(tv.vaultDir).keyring);
    const real = openCore({ vaultDir: tv.vaultDir, stateDir: testStateDir(tv.vaultDir), appVersion: '0.0.0-test', kdfCost: 'production' });
    try {
      const signIn = await real.dispatch('session.signIn', { username: OWNER.username, password: OWNER.password });
      expect(!signIn.ok && signIn.error.code).toBe('WEAK_KEY_SLOT');
      expect(await errorCodeOf(() => real.call('session.recover', { username: OWNER.username, recoveryKey: tv!.recoveryKey, newPassword: 'recovered password 1' }))).toBe('WEAK_KEY_SLOT');
      expect((await real.call('app.status', undefined)).state).toBe('locked');
    } finally {
      real.close();
    }
    expect(readFileSync(vaultPaths(tv.vaultDir).keyring)).toEqual(before);
  });

  it('a production core writes and opens production-cost slots', async () => {
    const tmp = makeTempDir();
    const vaultDir = join(tmp.dir, 'vault');
    const real = openCore({ vaultDir, stateDir: testStateDir(vaultDir), appVersion: '0.0.0-test', kdfCost: 'production' });
    try {
      await real.call('vault.setup', SETUP_INPUT);
      expect(readKeyring(vaultPaths(vaultDir)).slots.every((s) => s.kdf.N >= 2 ** 17)).toBe(true);
      await real.call('session.signOut', undefined);
      expect((await real.call('session.signIn', { username: OWNER.username, password: OWNER.password })).role).toBe('owner');
    } finally {
      real.close();
      tmp.cleanup();
    }
  });
});
