/**
 * `clinic-vault marketing-list` as a script runs it: the owner gets the counts
 * as JSON and the CSV file (BOM, header, the granted client); reception is
 * refused with the FORBIDDEN message and exit 1.
 * In-process (cli-in-process.ts); the owner's list also comes from a real process.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '../../contract/errors';
import { newClient } from '../../core/test-support/test-clients';
import { FakeClock, OWNER, SETUP_INPUT, addStaffMember, makeTempDir, openTestCore } from '../../core/test-support/temp-vault';
import { runCliInProcess } from '../../test-support/cli-in-process';
import { spawnCli } from '../../test-support/cli-process';

let tmp: ReturnType<typeof makeTempDir>;
let vault: string;
let reception: { username: string; password: string };

beforeAll(async () => {
  tmp = makeTempDir('cv-marketing-cli-');
  vault = join(tmp.dir, 'vault');
  const api = openTestCore(vault, new FakeClock(Date.now()));
  await api.call('vault.setup', SETUP_INPUT);
  reception = await addStaffMember(api, 'reception');
  const granted = await api.call('clients.create', newClient());
  const { notice } = await api.call('notices.publish', { versionLabel: 'v1', effectiveOn: '2026-01-01', text: 'Our notice.' });
  await api.call('consent.record', {
    clientId: granted.id,
    purposeId: 'marketing.email',
    state: 'granted',
    method: 'paper-form',
    noticeId: notice.id,
    wording: 'Yes, email me offers.',
  });
  await api.call('clients.create', newClient({ firstName: 'Amir', email: 'amir@example.com', mobile: '07700 900456' }));
  api.close();
});
afterAll(() => tmp.cleanup());

function cli(user: { username: string; password: string }, ...args: string[]) {
  return runCliInProcess(['marketing-list', ...args, '--user', user.username, '--vault', vault], { env: { CLINIC_VAULT_PASSWORD: user.password } });
}
/** The same as a real process (the one spawned run in this file). */
function spawned(user: { username: string; password: string }, ...args: string[]) {
  return spawnCli(['marketing-list', ...args, '--user', user.username, '--vault', vault], { env: { CLINIC_VAULT_PASSWORD: user.password } });
}

it('the owner gets the counts and the CSV; reception is refused', async () => {
  const file = join(tmp.dir, 'email list.csv');
  const owner = spawned(OWNER, '--channel', 'email', '--csv', file, '--json');
  expect(owner.code, owner.stderr).toBe(0);
  const summary = JSON.parse(owner.stdout) as Record<string, unknown>;
  expect(summary).toMatchObject({ channel: 'email', included: 1, excluded: { 'not-granted': 1, suppressed: 0 }, csvFile: file });
  expect(summary).not.toHaveProperty('csv');
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  expect(bytes.toString('utf8').slice(1)).toBe('First name,Last name,Preferred name,Email\r\nZoë,Hartley,,zoe.hartley@example.co.uk\r\n');
  expect(readdirSync(tmp.dir).filter((f) => f.includes('.tmp'))).toEqual([]);

  const human = await cli(OWNER, '--channel', 'phone');
  expect(human.code, human.stderr).toBe(0);
  expect(human.stdout).toMatch(/^Marketing by phone: 0 may be contacted\.\n/);
  expect(human.stdout).toContain('  left out, no consent (withdrawn, refused or never asked): 2\n');

  const desk = await cli(reception, '--channel', 'email', '--csv', join(tmp.dir, 'desk.csv'));
  expect(desk.code).toBe(1);
  expect(desk.stderr.trim()).toBe(`clinic-vault: ${ERROR_MESSAGES.FORBIDDEN}`);
  expect(existsSync(join(tmp.dir, 'desk.csv'))).toBe(false);

  expect((await cli(OWNER, '--channel', 'fax')).code).toBe(2);
});
