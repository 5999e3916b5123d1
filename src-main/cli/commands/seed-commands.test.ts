/**
 * `clinic-vault seed` as a script would run it: a real process, progress on
 * stderr, a JSON summary on stdout, and a refusal (exit 1, one line) once the
 * vault has clients, so synthetic people never join real ones.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FakeClock, OWNER, SETUP_INPUT, makeTempDir, openTestCore } from '../../core/test-support/temp-vault';

const ROOT = join(__dirname, '..', '..', '..');
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

function seed(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src-main/test-support/cli-entry.ts', 'seed', ...args, '--user', OWNER.username, '--vault', vault], {
    cwd: ROOT,
    env: { ...process.env, CLINIC_VAULT_PASSWORD: OWNER.password },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

it('seeds an empty vault once, then refuses', () => {
  const first = seed('--clients', '200', '--seed', '5', '--photo-clients', '2', '--json');
  expect(first.code, first.stderr).toBe(0);
  expect(JSON.parse(first.stdout)).toMatchObject({ seed: 5, clients: 200, treatments: expect.any(Number) as number });
  expect(JSON.parse(first.stdout).photos).toBeGreaterThanOrEqual(4);
  expect(first.stderr).toMatch(/Seeding: 200 of 200 clients/);

  const again = seed('--clients', '10');
  expect(again.code).toBe(1);
  expect(again.stderr.trim().split('\n')).toEqual([
    'clinic-vault: This vault already has 200 clients. Seed only fills an empty vault, so made-up clients are never mixed with real ones.',
  ]);
  expect(seed('--clients', 'lots').code).toBe(2);
});
