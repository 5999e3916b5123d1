/**
 * `clinic-vault status` while the app has the vault open: it reads only public
 * files (vault.json, keyring.json, vault.lock), so it answers instead of
 * "already open in another window", says who has it open, and changes nothing.
 * The CLI runs in-process (cli-in-process.ts), the program holding the vault as
 * a real one; the status it prints while held also comes from a real process.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../core/test-support/temp-vault';
import { REPO_ROOT, spawnCli } from '../test-support/cli-process';
import { runCliInProcess } from '../test-support/cli-in-process';

let tmp: ReturnType<typeof makeTempDir>;
let vault: string;
const children: ChildProcess[] = [];

function cli(args: string[], vaultDir = vault) {
  return runCliInProcess([...args, '--vault', vaultDir], { env: { CLINIC_VAULT_PASSWORD: 'owner-password-123' } });
}
/** The same as a real process (the one spawned run in this file). */
function spawned(args: string[], vaultDir = vault) {
  return spawnCli([...args, '--vault', vaultDir], { env: { CLINIC_VAULT_PASSWORD: 'owner-password-123' } });
}

/** Another program with the vault open (signed in, as the app would be); resolves once it holds the lock. */
async function holdOpen(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/test-support/hold-vault-open.ts', vault, 'olivia', 'owner-password-123'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', () => resolve());
    child.once('exit', (code) => reject(new Error(`the holding process exited ${code}`)));
  });
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Every file in the vault folder with its size and modification time, to show nothing was touched. */
function snapshot(dir: string) {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .sort()
    .map((f) => {
      const s = statSync(join(dir, f));
      return [f, s.size, s.mtimeMs];
    });
}

beforeAll(async () => {
  tmp = makeTempDir('cv-status-open-');
  vault = join(tmp.dir, 'vault');
  const r = await cli(['init', '--clinic-name', 'Riverside Aesthetics', '--owner', 'olivia', '--json']);
  expect(r.code, r.stderr).toBe(0);
});
afterAll(async () => {
  for (const c of children) await stop(c);
  tmp?.cleanup();
});

describe('clinic-vault status', () => {
  it('answers while another program has the vault open, says which, and changes nothing', async () => {
    const app = await holdOpen();
    try {
      // What the other commands meet: the lock (so this test knows the vault really is held).
      expect((await cli(['staff', 'list', '--user', 'olivia'])).stderr).toContain('already open');
      const before = snapshot(vault);
      const json = await cli(['status', '--json']);
      expect(json.code, json.stderr).toBe(0);
      expect(JSON.parse(json.stdout)).toMatchObject({
        state: 'locked',
        clinicName: 'Riverside Aesthetics',
        openBy: { pid: app.pid, host: hostname(), thisComputer: true },
        staleLock: false,
        startupError: null,
      });
      const human = spawned(['status']);
      expect(human.code, human.stderr).toBe(0);
      expect(human.stdout).toContain('Clinic:  Riverside Aesthetics');
      expect(human.stdout).toMatch(new RegExp(`Open: +yes, by another program \\(process ${app.pid}, since \\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}:\\d{2}\\)`));
      expect(human.stdout).toContain('Problems: none found');
      expect(snapshot(vault)).toEqual(before);
    } finally {
      await stop(app);
    }
  });

  it('says the vault is not open once that program has closed it', async () => {
    const r = await cli(['status', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ state: 'locked', openBy: null, staleLock: false });
    expect((await cli(['status'])).stdout).toMatch(/Open: +no\n/);
  });

  it('with a lock file left by a program that has stopped: not open, and the lock is left for the next opener to clear', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const lock = join(vault, 'vault.lock');
    writeFileSync(lock, JSON.stringify({ pid: Number(dead.stdout), host: hostname(), since: new Date().toISOString() }));
    const r = await cli(['status', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ openBy: null, staleLock: true });
    expect(readFileSync(lock, 'utf8')).toContain(dead.stdout);
    // The next program to open the vault takes the dead one's lock over.
    expect((await cli(['staff', 'list', '--user', 'olivia'])).code).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });

  it('still reports a damaged keyring while the vault is open elsewhere', async () => {
    const app = await holdOpen();
    const keyring = join(vault, 'keyring.json');
    const good = readFileSync(keyring);
    try {
      writeFileSync(keyring, '{"format":');
      const r = await cli(['status', '--json']);
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout)).toMatchObject({ openBy: { pid: app.pid }, startupError: { code: 'KEYRING_DAMAGED' } });
    } finally {
      writeFileSync(keyring, good);
      await stop(app);
    }
  });

  it('on a folder with no vault says so, and creates nothing', async () => {
    const missing = join(tmp.dir, 'not-yet');
    const r = await cli(['status', '--json'], missing);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ state: 'no-vault', clinicName: null, openBy: null });
    expect(existsSync(missing)).toBe(false);
  });
});
