/** `clinic-vault consent …` and `suppress` as a script would run them: a real process, real exit codes. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock, OWNER, SETUP_INPUT, makeTempDir, openTestCore } from '../../core/test-support/temp-vault';
import { newClient } from '../../core/clients/test-clients';
import { EXE_BYTES, PDF_BYTES } from '../../core/consent/consent-test-support';

const ROOT = join(__dirname, '..', '..', '..');
let tmp: ReturnType<typeof makeTempDir>;
let vault: string;
let clientId: string;

function cli(...args: string[]) {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src-main/test-support/cli-entry.ts', ...args, '--user', OWNER.username, '--vault', vault],
    { cwd: ROOT, env: { ...process.env, CLINIC_VAULT_PASSWORD: OWNER.password }, encoding: 'utf8' },
  );
}

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
  it('records with notice and evidence, shows current and history as JSON, and names refused fields', () => {
    const ok = cli('consent', 'record', '--client', clientId, '--purpose', 'marketing.email', '--state', 'granted', '--method', 'paper-form',
      '--notice', '2025-a', '--evidence', join(tmp.dir, 'form.pdf'), '--occurred', '02/01/2025', '--basis', 'consent');
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^recorded {2}granted +Marketing by email {2}\(marketing\.email\) {2}ce_[0-9a-f]+\n$/);

    const current = cli('consent', 'current', '--client', clientId, '--json');
    expect(current.status, current.stderr).toBe(0);
    const summary = JSON.parse(current.stdout) as { suppressed: boolean; current: { purpose: { id: string }; state: string; noticeVersion: string | null }[] };
    expect(summary.current.find((c) => c.purpose.id === 'marketing.email')).toMatchObject({ state: 'granted', noticeVersion: '2025-A' });

    const history = cli('consent', 'history', '--client', clientId, '--json');
    const events = JSON.parse(history.stdout) as { occurredAt: string; evidenceFileId: string | null; method: string }[];
    expect(events).toHaveLength(1);
    expect(events[0]!.occurredAt.slice(0, 10)).toBe('2025-01-02');
    expect(events[0]!.evidenceFileId).toBeTruthy();

    const unknown = cli('consent', 'record', '--client', clientId, '--purpose', 'marketing.pigeon', '--state', 'granted', '--method', 'phone');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain("purposeId: That is not one of the clinic's consent purposes.");
    const noMethod = cli('consent', 'record', '--client', clientId, '--purpose', 'marketing.sms', '--state', 'granted');
    expect(noMethod.status).toBe(1);
    expect(noMethod.stderr).toMatch(/\(method: Say how the client told you/);
    const exe = cli('consent', 'record', '--client', clientId, '--purpose', 'marketing.sms', '--state', 'granted', '--method', 'paper-form',
      '--evidence', join(tmp.dir, 'form-really.pdf'));
    expect(exe.status).toBe(1);
    expect(exe.stderr).toContain('evidenceUploadId: That file is not a PDF or an image.');
  });

  it('suppress withdraws marketing; a later grant is refused until an explicit re-grant', () => {
    const s = cli('suppress', '--client', clientId, '--method', 'email');
    expect(s.status, s.stderr).toBe(0);
    const again = cli('consent', 'record', '--client', clientId, '--purpose', 'marketing.email', '--state', 'granted', '--method', 'email');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('objected to direct marketing');
    const current = JSON.parse(cli('consent', 'current', '--client', clientId, '--json').stdout) as { suppressed: boolean; current: { purpose: { id: string }; state: string }[] };
    expect(current.suppressed).toBe(true);
    expect(current.current.find((c) => c.purpose.id === 'marketing.email')!.state).toBe('withdrawn');
  });
});
