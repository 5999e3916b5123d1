/**
 * `clinic-vault consent …` and `suppress` as a script would run them: real exit codes, in-process
 * (cli-in-process.ts); the first record also runs as a real process.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock, OWNER, SETUP_INPUT, makeTempDir, openTestCore } from '../../core/test-support/temp-vault';
import { newClient } from '../../core/test-support/test-clients';
import { EXE_BYTES, PDF_BYTES } from '../../core/test-support/consent-test-support';
import { runCliInProcess } from '../../test-support/cli-in-process';
import { spawnCli } from '../../test-support/cli-process';

let tmp: ReturnType<typeof makeTempDir>;
let vault: string;
let clientId: string;

const cli = (...args: string[]) =>
  runCliInProcess([...args, '--user', OWNER.username, '--vault', vault], { env: { CLINIC_VAULT_PASSWORD: OWNER.password } });
/** The same as a real process (the one spawned run in this file). */
const spawned = (...args: string[]) =>
  spawnCli([...args, '--user', OWNER.username, '--vault', vault], { env: { CLINIC_VAULT_PASSWORD: OWNER.password } });

beforeAll(async () => {
  tmp = makeTempDir();
  vault = join(tmp.dir, 'vault');
  const api = openTestCore(vault, new FakeClock());
  await api.call('vault.setup', SETUP_INPUT);
  clientId = (await api.call('clients.create', newClient())).id;
  await api.call('notices.publish', { versionLabel: '2025-A', effectiveOn: '2025-01-01', text: 'Our privacy notice.' });
  api.close();
  writeFileSync(join(tmp.dir, 'form.pdf'), PDF_BYTES);
  writeFileSync(join(tmp.dir, 'form-really.pdf'), EXE_BYTES);
});
afterAll(() => tmp.cleanup());

describe('clinic-vault consent', () => {
  it('records with notice and evidence, shows current and history as JSON, and names refused fields', async () => {
    const ok = spawned('consent', 'record', '--client', clientId, '--purpose', 'marketing.email', '--state', 'granted', '--method', 'paper-form',
      '--notice', '2025-a', '--evidence', join(tmp.dir, 'form.pdf'), '--occurred', '02/01/2025', '--basis', 'consent');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^recorded {2}granted +Marketing by email {2}\(marketing\.email\) {2}ce_[0-9a-f]+\n {2}with the purpose's standard wording\n$/);

    const current = await cli('consent', 'current', '--client', clientId, '--json');
    expect(current.code, current.stderr).toBe(0);
    const summary = JSON.parse(current.stdout) as { suppressed: boolean; current: { purpose: { id: string }; state: string; noticeVersion: string | null }[] };
    expect(summary.current.find((c) => c.purpose.id === 'marketing.email')).toMatchObject({ state: 'granted', noticeVersion: '2025-A' });

    const history = await cli('consent', 'history', '--client', clientId, '--json');
    const events = JSON.parse(history.stdout) as { occurredAt: string; evidenceFileId: string | null; method: string }[];
    expect(events).toHaveLength(1);
    expect(events[0]!.occurredAt.slice(0, 10)).toBe('2025-01-02');
    expect(events[0]!.evidenceFileId).toBeTruthy();

    const unknown = await cli('consent', 'record', '--client', clientId, '--purpose', 'marketing.pigeon', '--state', 'granted', '--method', 'phone');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("purposeId: That is not one of the clinic's consent purposes.");
    const noMethod = await cli('consent', 'record', '--client', clientId, '--purpose', 'marketing.sms', '--state', 'granted');
    expect(noMethod.code).toBe(1);
    expect(noMethod.stderr).toMatch(/\(method: Say how the client told you/);
    const exe = await cli('consent', 'record', '--client', clientId, '--purpose', 'marketing.sms', '--state', 'granted', '--method', 'paper-form',
      '--evidence', join(tmp.dir, 'form-really.pdf'));
    expect(exe.code).toBe(1);
    expect(exe.stderr).toContain('evidenceUploadId: That file is not a PDF or an image.');
  });

  it('a paper form dated today after a withdrawal today needs --at; with it, says it is not in force', async () => {
    const base = ['consent', 'record', '--client', clientId, '--purpose', 'marketing.sms', '--method', 'paper-form'];
    expect((await cli(...base, '--state', 'granted')).code).toBe(0);
    expect((await cli('consent', 'withdraw', '--client', clientId, '--purpose', 'marketing.sms', '--method', 'phone')).code).toBe(0);
    const today = await cli('consent', 'history', '--client', clientId, '--purpose', 'marketing.sms', '--json');
    const day = (JSON.parse(today.stdout) as { occurredAt: string }[])[0]!.occurredAt.slice(0, 10).split('-').reverse().join('/');
    const undated = await cli(...base, '--state', 'granted', '--occurred', day);
    expect(undated.code).toBe(1);
    expect(undated.stderr).toMatch(/already recorded as withdrawn on .*Enter the time the client told you.*Give it with --at HH:MM\./);
    const early = await cli(...base, '--state', 'granted', '--occurred', day, '--at', '00:01');
    expect(early.code, early.stderr).toBe(0);
    expect(early.stdout).toMatch(/\n {2}not in force: the client's later answer \(withdrawn, \d\d\/\d\d\/\d{4} \d\d:\d\d\) stands\.\n$/);
    expect((await cli(...base, '--state', 'granted', '--at', '7pm')).code).toBe(2);
    const current = JSON.parse((await cli('consent', 'current', '--client', clientId, '--json')).stdout) as { current: { purpose: { id: string }; state: string }[] };
    expect(current.current.find((c) => c.purpose.id === 'marketing.sms')!.state).toBe('withdrawn');
  });

  it('refuses the soft opt-in after a withdrawal, citing PECR reg 22(3); marks a grant without a notice', async () => {
    const soft = await cli('consent', 'record', '--client', clientId, '--purpose', 'marketing.sms', '--state', 'granted', '--method', 'in-person',
      '--basis', 'soft-opt-in', '--soft-opt-in-confirmed');
    expect(soft.code).toBe(1);
    expect(soft.stderr).toMatch(/basis: The client withdrew this consent on .* soft opt-in no longer applies \(PECR reg 22\(3\)\)/);
    const post = await cli('consent', 'record', '--client', clientId, '--purpose', 'marketing.post', '--state', 'granted', '--method', 'in-person',
      '--occurred', '01/01/2024', '--wording', '');
    expect(post.code, post.stderr).toBe(0);
    expect(post.stdout).toContain('evidence incomplete: no privacy-notice version or no wording recorded');
    expect((await cli('consent', 'current', '--client', clientId)).stdout).toMatch(/Marketing by post .*incomplete/);
  });

  it('suppress withdraws marketing; a later grant is refused until an explicit re-grant', async () => {
    const s = await cli('suppress', '--client', clientId, '--method', 'email');
    expect(s.code, s.stderr).toBe(0);
    const again = await cli('consent', 'record', '--client', clientId, '--purpose', 'marketing.email', '--state', 'granted', '--method', 'email');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('objected to direct marketing');
    const current = JSON.parse((await cli('consent', 'current', '--client', clientId, '--json')).stdout) as { suppressed: boolean; current: { purpose: { id: string }; state: string }[] };
    expect(current.suppressed).toBe(true);
    expect(current.current.find((c) => c.purpose.id === 'marketing.email')!.state).toBe('withdrawn');
  });
});
