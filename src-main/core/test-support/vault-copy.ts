/**
 * A byte-for-byte copy of a test vault (its folder and the app-state folder
 * beside it) in a new temp folder: for tests that each need a fresh vault
 * holding the same costly contents (hundreds of clients), built once per file
 * instead of once per test. The copy keeps the source's vault id, keys and
 * passwords; its core opens locked, nobody signed in.
 */
import { cpSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { FakeClock, type TestVault, makeTempDir, openTestCore } from './temp-vault';

/** `source` must be closed (its core released, as after `api.close()`), so the copy is consistent. */
export function copyTestVault(source: { vaultDir: string; recoveryKey: string }, clock = new FakeClock()): TestVault {
  const tmp = makeTempDir('cv-copy-');
  // The vault folder and testStateDir's app-state sit side by side in one temp folder: copy that folder whole.
  cpSync(dirname(source.vaultDir), tmp.dir, { recursive: true });
  const vaultDir = join(tmp.dir, basename(source.vaultDir));
  let api = openTestCore(vaultDir, clock);
  return {
    get api() {
      return api;
    },
    clock,
    vaultDir,
    recoveryKey: source.recoveryKey,
    reopen() {
      api.close();
      api = openTestCore(vaultDir, clock);
      return api;
    },
    cleanup() {
      api.close();
      tmp.cleanup();
    },
  };
}
