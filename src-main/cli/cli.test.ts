/**
 * The CLI as a script would use it: exit codes, one-line errors on stderr,
 * JSON on stdout. Run in-process (the same program, cli-in-process.ts); the
 * stdin test also runs as a real process.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../core/test-support/temp-vault';
import { openRawDatabase } from '../core/test-support/raw-database';
import { runCliInProcess } from '../test-support/cli-in-process';
import { spawnCli } from '../test-support/cli-process';

let tmp: ReturnType<typeof makeTempDir>;
let vault: string;
let recoveryKey: string;

const OWNER_ENV = { CLINIC_VAULT_PASSWORD: 'owner-password-123' };

function cli(args: string[], env: Record<string, string> = {}, input?: string) {
  return runCliInProcess([...args, '--vault', vault], { env: { ...OWNER_ENV, ...env }, input });
}

beforeAll(async () => {
  tmp = makeTempDir();
  vault = join(tmp.dir, 'vault');
  const r = await cli(['init', '--clinic-name', 'Clinique Zoë 🌸', '--owner', 'olivia', '--owner-name', 'Olivia Owner', '--json']);
  expect(r.code, r.stderr).toBe(0);
  recoveryKey = JSON.parse(r.stdout).recoveryKey;
});
afterAll(() => tmp.cleanup());

describe('clinic-vault CLI', () => {
  it('init printed the recovery key once, as JSON', () => {
    expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
  });

  it('status needs no password and names the clinic', async () => {
    const r = await cli(['status', '--json'], { CLINIC_VAULT_PASSWORD: '' });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ state: 'locked', clinicName: 'Clinique Zoë 🌸' });
  });

  it('adds and lists staff, with the password read from stdin', async () => {
    // A real process: the passwords come through its fd 0.
    const add = spawnCli(['staff', 'add', '--user', 'olivia', '--password-stdin', '--new-password-stdin', '--username', 'priya', '--display-name', 'Priya Practitioner', '--role', 'practitioner', '--json', '--vault', vault], { input: 'owner-password-123\npriya-password-12\n' });
    expect(add.code, add.stderr).toBe(0);
    expect(JSON.parse(add.stdout)).toMatchObject({ username: 'priya', role: 'practitioner' });
    const list = await cli(['staff', 'list', '--user', 'olivia', '--json']);
    expect(JSON.parse(list.stdout).map((m: { username: string }) => m.username)).toEqual(['olivia', 'priya']);
    const human = await cli(['staff', 'list', '--user', 'olivia']);
    expect(human.stdout).toMatch(/priya\s+Priya Practitioner\s+Practitioner\s+\d{2}\/\d{2}\/\d{4}/);
  });

  it('a wrong password is one line on stderr and exit 1', async () => {
    const r = await cli(['staff', 'list', '--user', 'olivia'], { CLINIC_VAULT_PASSWORD: 'not-the-password' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual(['clinic-vault: That username and password do not match. Check them and try again.']);
    expect(r.stdout).toBe('');
  });

  it('a role without the permission is refused', async () => {
    const r = await cli(['audit', 'list', '--user', 'priya'], { CLINIC_VAULT_PASSWORD: 'priya-password-12' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/role does not allow/);
  });

  it('usage mistakes exit 2 and say what to do', async () => {
    const r = await cli(['audit', 'list', '--user', 'olivia', '--from', '31/02/2026']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/real date written DD\/MM\/YYYY/);
    const role = await cli(['staff', 'add', '--user', 'olivia', '--username', 'x1x', '--display-name', 'X', '--role', 'boss'], { CLINIC_VAULT_NEW_PASSWORD: 'long-enough-password' });
    expect(role.code).toBe(2);
  });

  it('a validation error names the field and changes nothing', async () => {
    const r = await cli(['staff', 'add', '--user', 'olivia', '--username', 'sam', '--display-name', 'Sam', '--role', 'reception'], { CLINIC_VAULT_NEW_PASSWORD: 'short' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/password: Passwords must be at least 12 characters/);
    expect(JSON.parse((await cli(['staff', 'list', '--user', 'olivia', '--json'])).stdout)).toHaveLength(2);
  });

  it('audit list shows what happened, newest first, with UK dates', async () => {
    const r = await cli(['audit', 'list', '--user', 'olivia', '--action', 'staff.added', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).entries).toHaveLength(2);
    const human = await cli(['audit', 'list', '--user', 'olivia', '--limit', '3']);
    expect(human.stdout).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}/);
  });

  it('verify exits 0 on an intact vault and 3 after the audit log is tampered with', async () => {
    expect((await cli(['verify', '--user', 'olivia'])).code).toBe(0);
    const raw = await openRawDatabase(vault, recoveryKey);
    raw.exec(`DROP TRIGGER audit_log_no_update; UPDATE audit_log SET action = 'nothing.happened' WHERE seq = 2;`);
    raw.close();
    const r = await cli(['verify', '--user', 'olivia']);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/entry #2 is broken/);
  });
});
