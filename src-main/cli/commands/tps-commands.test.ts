/**
 * `clinic-vault tps …` and the telephone list as a script runs them: a number
 * screened through the CLI puts the client on the list; the same client with
 * the mobile changed afterwards is left out as "not screened"; a number that
 * is not the client's is refused (exit 1, the message, nothing stored).
 * In-process (cli-in-process.ts); the screening also runs as a real process.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { londonToday } from '../../contract/field-schemas';
import { formatUkDate } from '../../contract/uk-formats';
import { newClient } from '../../core/test-support/test-clients';
import { FakeClock, OWNER, SETUP_INPUT, makeTempDir, openTestCore } from '../../core/test-support/temp-vault';
import { runCliInProcess } from '../../test-support/cli-in-process';
import { spawnCli } from '../../test-support/cli-process';

let tmp: ReturnType<typeof makeTempDir>;
let vault: string;
let clientId: string;

beforeAll(async () => {
  tmp = makeTempDir('cv-tps-cli-');
  vault = join(tmp.dir, 'vault');
  const api = openTestCore(vault, new FakeClock(Date.now()));
  await api.call('vault.setup', SETUP_INPUT);
  const c = await api.call('clients.create', newClient({ mobile: '07700 900123' }));
  clientId = c.id;
  // The grant names its notice and wording: without them it is "evidence incomplete" and off every list.
  const { notice } = await api.call('notices.publish', { versionLabel: 'v1', effectiveOn: '2026-01-01', text: 'Our notice.' });
  await api.call('consent.record', {
    clientId,
    purposeId: 'marketing.phone',
    state: 'granted',
    method: 'paper-form',
    noticeId: notice.id,
    wording: 'You may call me about offers.',
    tpsCheckedOn: londonToday(),
    tpsRegistered: false,
  });
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

it('screens a number, lists it for calls, and leaves it out as not screened once the mobile changes', async () => {
  const before = await cli('marketing-list', '--channel', 'phone');
  expect(before.stdout).toContain('left out, number not screened against the TPS');
  expect(before.stdout).toMatch(/^Marketing by phone: 0 may be contacted\./);

  const today = formatUkDate(londonToday());
  const screened = spawned('tps', 'screen', '--client', clientId, '--number', '+44 (0)7700 900123', '--checked', today, '--registered', 'no');
  expect(screened.code, screened.stderr).toBe(0);
  expect(screened.stdout).toContain('recorded  TPS screening of 07700 900123');
  expect(screened.stdout).toMatch(/07700 900123 +Mobile +screened, not on the TPS/);
  expect((await cli('marketing-list', '--channel', 'phone')).stdout).toMatch(/^Marketing by phone: 1 may be contacted\./);

  const api = openTestCore(vault, new FakeClock(Date.now()));
  await api.call('session.signIn', { username: OWNER.username, password: OWNER.password });
  await api.call('clients.update', { clientId, changes: { mobile: '07700 900456' } });
  api.close();

  const after = await cli('marketing-list', '--channel', 'phone', '--json');
  expect(after.code, after.stderr).toBe(0);
  expect(JSON.parse(after.stdout)).toMatchObject({ included: 0, excluded: { 'tps-not-screened': 1 } });
  expect((await cli('tps', 'status', '--client', clientId)).stdout).toMatch(/07700 900456 +Mobile +not screened .* no/);
});

it('refuses a number that is not the client’s with the reason, storing nothing', async () => {
  const r = await cli('tps', 'screen', '--client', clientId, '--number', '07700 900999', '--checked', formatUkDate(londonToday()), '--registered', 'no');
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('07700 900999 is not one of this client’s phone numbers');
  const bad = await cli('tps', 'screen', '--client', clientId, '--number', '07700 900456', '--checked', 'today', '--registered', 'maybe');
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('--registered takes yes or no.');
  expect((await cli('tps', 'status', '--client', clientId)).stdout).toMatch(/07700 900456 +Mobile +not screened/);
});
