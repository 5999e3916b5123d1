/**
 * `clinic-vault seed` as a script would run it: progress on stderr, a JSON summary on stdout, and a refusal (exit 1, one line) once the
 * vault has clients, so synthetic people never join real ones. The seeding runs
 * as a real process, the refusals in-process (cli-in-process.ts).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FakeClock, OWNER, SETUP_INPUT, makeTempDir, openTestCore } from '../../core/test-support/temp-vault';
import { runCliInProcess } from '../../test-support/cli-in-process';
import { spawnCli } from '../../test-support/cli-process';

let tmp: ReturnType<typeof makeTempDir>;
let vault: string;

beforeAll(async () => {
  tmp = makeTempDir('cv-seed-');
  vault = join(tmp.dir, 'vault');
  const api = openTestCore(vault, new FakeClock());
  await api.call('vault.setup', SETUP_INPUT);
  api.close();
});
afterAll(() => tmp.cleanup());

const seedArgs = (args: string[]) => ['seed', ...args, '--user', OWNER.username, '--vault', vault];
const env = { CLINIC_VAULT_PASSWORD: OWNER.password };
const seed = (...args: string[]) => runCliInProcess(seedArgs(args), { env });
/** The same as a real process (the one spawned run in this file). */
const spawnedSeed = (...args: string[]) => spawnCli(seedArgs(args), { env });

it('seeds an empty vault once, then refuses', async () => {
  const first = spawnedSeed('--clients', '200', '--seed', '5', '--photo-clients', '2', '--json');
  expect(first.code, first.stderr).toBe(0);
  expect(JSON.parse(first.stdout)).toMatchObject({ seed: 5, clients: 200, treatments: expect.any(Number) as number });
  expect(JSON.parse(first.stdout).photos).toBeGreaterThanOrEqual(4);
  expect(first.stderr).toMatch(/Seeding: 200 of 200 clients/);

  const again = await seed('--clients', '10');
  expect(again.code).toBe(1);
  expect(again.stderr.trim().split('\n')).toEqual([
    'clinic-vault: This vault already has 200 clients. Seed only fills an empty vault, so made-up clients are never mixed with real ones.',
  ]);
  expect((await seed('--clients', 'lots')).code).toBe(2);
});
