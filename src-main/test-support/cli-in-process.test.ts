/**
 * The in-process runner shows what a spawned clinic-vault would: its output,
 * its exit code, its standard input; and leaves the test process as it was.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_VERSION } from '../core/platform/app-version';
import { OWNER, SETUP_INPUT, makeTempDir, openTestCore, FakeClock } from '../core/test-support/temp-vault';
import { runCliInProcess } from './cli-in-process';
import { spawnCli } from './cli-process';

let tmp: ReturnType<typeof makeTempDir>;
let vault: string;

beforeAll(async () => {
  tmp = makeTempDir();
  vault = join(tmp.dir, 'vault');
  const api = openTestCore(vault, new FakeClock());
  await api.call('vault.setup', SETUP_INPUT);
  api.close();
});
afterAll(() => tmp.cleanup());

describe('runCliInProcess', () => {
  it('captures stdout and the exit code of a command', async () => {
    const r = await runCliInProcess(['--version']);
    expect(r).toEqual({ code: 0, stdout: `${APP_VERSION}\n`, stderr: '' });
  });

  it('gives the same output, errors and exit codes as a spawned process', async () => {
    const cases: { args: string[]; env?: Record<string, string>; input?: string }[] = [
      { args: ['status', '--json', '--vault', vault] },
      { args: ['staff', 'list', '--user', OWNER.username, '--vault', vault], env: { CLINIC_VAULT_PASSWORD: 'not-the-password' } },
      { args: ['staff', 'list', '--user', OWNER.username, '--password-stdin', '--json', '--vault', vault], input: `${OWNER.password}\n` },
      { args: ['staff', 'list', '--user', OWNER.username, '--password-stdin', '--vault', vault] },
      { args: ['audit', 'list', '--frm', '01/01/2026'] },
    ];
    for (const c of cases) {
      const spawned = spawnCli(c.args, { env: c.env ?? {}, input: c.input });
      const inProcess = await runCliInProcess(c.args, { env: c.env ?? {}, input: c.input });
      expect(inProcess, c.args.join(' ')).toEqual(spawned);
    }
  });

  it('reads stdin per run: the password line, then nothing for the next run', async () => {
    const signedIn = await runCliInProcess(['staff', 'list', '--user', OWNER.username, '--password-stdin', '--json', '--vault', vault], { input: `${OWNER.password}\n` });
    expect(signedIn.code, signedIn.stderr).toBe(0);
    expect(JSON.parse(signedIn.stdout)).toMatchObject([{ username: OWNER.username }]);
    const noInput = await runCliInProcess(['staff', 'list', '--user', OWNER.username, '--password-stdin', '--vault', vault]);
    expect(noInput).toEqual({ code: 2, stdout: '', stderr: 'clinic-vault: Expected a password on standard input.\n' });
  });

  it('sets the environment for the run only and puts process.exitCode back', async () => {
    const before = process.env.CLINIC_VAULT_PASSWORD;
    process.exitCode = undefined;
    const r = await runCliInProcess(['staff', 'list', '--user', OWNER.username, '--vault', vault], { env: { CLINIC_VAULT_PASSWORD: OWNER.password } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(OWNER.username);
    expect(process.env.CLINIC_VAULT_PASSWORD).toBe(before);
    const refused = await runCliInProcess(['verify', '--vault', join(tmp.dir, 'no-such-vault'), '--user', OWNER.username], { env: { CLINIC_VAULT_PASSWORD: 'x' } });
    expect(refused.code).not.toBe(0);
    expect(process.exitCode).toBeUndefined();
  });

  it('runs overlapping calls one after another, each with its own output', async () => {
    const [a, b] = await Promise.all([runCliInProcess(['--version']), runCliInProcess(['status', '--json', '--vault', vault])]);
    expect(a.stdout).toBe(`${APP_VERSION}\n`);
    expect(JSON.parse(b.stdout)).toMatchObject({ state: 'locked' });
  });
});
