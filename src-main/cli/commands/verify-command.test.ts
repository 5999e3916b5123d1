/**
 * `clinic-vault verify` as a script meets it: a damaged page in a table no
 * query reads is named on stdout with its page number, progress goes to
 * stderr, and the exit code is 3; a good vault exits 0. The good vault is
 * checked by a real process, the damaged one in-process (cli-in-process.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addUnreadTable, flipByte, middleOfPage } from '../../core/test-support/page-damage';
import { OWNER, type TestVault, createTestVault } from '../../core/test-support/temp-vault';
import { vaultPaths } from '../../core/platform/vault-paths';
import { runCliInProcess } from '../../test-support/cli-in-process';
import { spawnCli } from '../../test-support/cli-process';

let tv: TestVault | null = null;
afterEach(() => {
  tv?.cleanup();
  tv = null;
});

const verifyArgs = (vaultDir: string, json: boolean) => ['verify', '--vault', vaultDir, '--user', OWNER.username, ...(json ? ['--json'] : [])];
const env = { CLINIC_VAULT_PASSWORD: OWNER.password };
/** The CLI as its tests run it (the shipped program with a cheap key derivation), on a vault made in-process. */
const verify = (vaultDir: string, json = false) => runCliInProcess(verifyArgs(vaultDir, json), { env });
/** The same as a real process (the one spawned run in this file). */
const spawnedVerify = (vaultDir: string) => spawnCli(verifyArgs(vaultDir, false), { env });

describe('clinic-vault verify', () => {
  it('exits 0 on a good vault, with progress on stderr', async () => {
    tv = await createTestVault();
    tv.api.close();
    const r = spawnedVerify(tv.vaultDir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Database: All \d+ pages intact, structure sound\./m);
    expect(r.stderr).toMatch(/Database pages: \d+ of \d+ \(100%\)/);
  });

  it('names the damaged page and exits 3', async () => {
    tv = await createTestVault();
    tv.api.close();
    const page = await addUnreadTable(tv.vaultDir, tv.recoveryKey);
    flipByte(vaultPaths(tv.vaultDir).database, middleOfPage(page));
    const r = await verify(tv.vaultDir);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toContain(`Page ${page}: damaged, part of unused_table`);
    expect(r.stdout).toContain('restore the whole vault folder from your most recent backup');
    const json = await verify(tv.vaultDir, true);
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout).database.damagedPages).toEqual([{ page, location: 'database', belongsTo: 'unused_table' }]);
  });
});
