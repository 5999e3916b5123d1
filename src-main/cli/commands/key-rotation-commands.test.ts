/**
 * `clinic-vault vault rotate-key` and `staff remove NAME --rotate-key` as a
 * script runs them: progress on stderr, the result on stdout, and a database
 * the old key no longer opens. In-process (cli-in-process.ts); rotate-key also
 * runs as a real process.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addStaffMember, FakeClock, OWNER, SETUP_INPUT, makeTempDir, openTestCore } from '../../core/test-support/temp-vault';
import { databaseKeyFor } from '../../core/test-support/raw-database';
import { opensDatabase } from '../../core/test-support/offline-unlock';
import { runCliInProcess } from '../../test-support/cli-in-process';
import { spawnCli } from '../../test-support/cli-process';

let tmp: ReturnType<typeof makeTempDir>;
let vault: string;
let recoveryKey: string;

beforeAll(async () => {
  tmp = makeTempDir('cv-rotate-');
  vault = join(tmp.dir, 'vault');
  const api = openTestCore(vault, new FakeClock());
  recoveryKey = (await api.call('vault.setup', SETUP_INPUT)).recoveryKey;
  await addStaffMember(api, 'reception');
  api.close();
});
afterAll(() => tmp.cleanup());

function cli(...args: string[]) {
  return runCliInProcess([...args, '--user', OWNER.username, '--vault', vault], { env: { CLINIC_VAULT_PASSWORD: OWNER.password } });
}
/** The same as a real process (the one spawned run in this file). */
function spawned(...args: string[]) {
  return spawnCli([...args, '--user', OWNER.username, '--vault', vault], { env: { CLINIC_VAULT_PASSWORD: OWNER.password } });
}

it('vault rotate-key re-encrypts the database, printing progress', async () => {
  const before = await databaseKeyFor(vault, recoveryKey);
  const r = spawned('vault', 'rotate-key', '--json');
  expect(r.code, r.stderr).toBe(0);
  expect(JSON.parse(r.stdout)).toEqual({ version: 2 });
  expect(r.stderr).toMatch(/Re-encrypting the database: \d+ of \d+ pages/);
  expect(r.stderr).toMatch(/Old key removed from the keyring/);
  expect(opensDatabase(vault, before)).toBe(false);
});

it('staff remove --rotate-key removes the member and rotates the key', async () => {
  const before = await databaseKeyFor(vault, recoveryKey);
  const r = await cli('staff', 'remove', 'rachel', '--rotate-key');
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/Removed rachel test \(rachel\)\. The database is now encrypted under a new key\./);
  expect(opensDatabase(vault, before)).toBe(false);
});
