/**
 * `clinic-vault sar export` as the owner runs it: refused while the ID is not
 * in, refused without a health-check flag with a message naming each flag,
 * then the PDF and ZIP written; --protect prints the passphrase once.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newClient } from '../../core/test-support/test-clients';
import { FakeClock, OWNER, SETUP_INPUT, makeTempDir, openTestCore } from '../../core/test-support/temp-vault';

const ROOT = join(__dirname, '..', '..', '..');
let tmp: ReturnType<typeof makeTempDir>;
let vault: string;
let out: string;
let requestId: string;
let reference: string;

beforeAll(async () => {
  tmp = makeTempDir('cv-sar-cli-');
  vault = join(tmp.dir, 'vault');
  out = join(tmp.dir, 'out');
  mkdirSync(out);
  const api = openTestCore(vault, new FakeClock(Date.now()));
  await api.call('vault.setup', SETUP_INPUT);
  const c = await api.call('clients.create', newClient({ firstName: 'Małgorzata', lastName: 'Wiśniewska' }));
  await api.call('medical.update', { clientId: c.id, changes: { allergies: 'Penicillin' }, reason: 'Consultation' });
  const today = new Date().toISOString().slice(0, 10);
  const logged = await api.call('requests.add', {
    clientId: c.id,
    types: ['access'],
    channel: 'email',
    receivedOn: today,
    identityNeeded: 'Photo ID',
    identityRequestedOn: today,
  });
  requestId = logged.request.id;
  reference = logged.request.reference;
  api.close();
}, 180_000);
afterAll(() => tmp.cleanup());

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src-main/test-support/cli-entry.ts', ...args, '--user', OWNER.username, '--vault', vault], {
    cwd: ROOT,
    env: { ...process.env, CLINIC_VAULT_PASSWORD: OWNER.password },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

it('refuses before the ID is in, then without a health-check flag, then writes the pack', async () => {
  const early = cli('sar', 'export', reference, '--out', out, '--reviewer-is-health-professional');
  expect(early.code).toBe(1);
  expect(early.stderr).toContain('identity has not been confirmed');
  expect(readdirSync(out)).toEqual([]);

  const api = openTestCore(vault, new FakeClock(Date.now()));
  await api.call('session.signIn', { username: OWNER.username, password: OWNER.password });
  await api.call('requests.recordIdentity', { id: requestId, identityReceivedOn: new Date().toISOString().slice(0, 10) });
  api.close();

  const noFlag = cli('sar', 'export', reference, '--out', out);
  expect(noFlag.code).toBe(1);
  for (const flag of ['--reviewer-is-health-professional', '--health-opinion NAME --opinion-date DATE', '--already-seen']) expect(noFlag.stderr).toContain(flag);
  expect(readdirSync(out)).toEqual([]);

  const done = cli('sar', 'export', reference, '--out', out, '--already-seen', '--protect', '--json');
  expect(done.code).toBe(0);
  const result = JSON.parse(done.stdout) as { pdfFile: string; zipFile: string; passphrase: string };
  expect(result.passphrase).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){4}$/);
  expect(readdirSync(out).sort()).toEqual([`${reference}-access-pack.pdf`, `${reference}-access-pack.zip`]);

  const human = cli('sar', 'export', requestId, '--out', out, '--health-opinion', 'Dr Ewa Nowak', '--opinion-date', new Date().toISOString().slice(0, 10), '--protect');
  expect(human.code).toBe(0);
  expect(human.stdout.match(/Passphrase: /g)).toHaveLength(1);
  expect(human.stdout).toContain('Tell the person this passphrase by phone');
}, 180_000);
