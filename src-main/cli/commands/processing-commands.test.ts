/**
 * `clinic-vault processing show | pdf` as a script runs them: the record in
 * force as JSON, the PDF written and readable, and reception refused the PDF
 * with nothing written.
 * In-process (cli-in-process.ts); `show` also runs as a real process.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pdfText } from '../../core/test-support/pdf-tools';
import { FakeClock, OWNER, SETUP_INPUT, makeTempDir, openTestCore } from '../../core/test-support/temp-vault';
import { runCliInProcess } from '../../test-support/cli-in-process';
import { spawnCli } from '../../test-support/cli-process';

let tmp: ReturnType<typeof makeTempDir>;
let vault: string;

beforeAll(async () => {
  tmp = makeTempDir('cv-processing-cli-');
  vault = join(tmp.dir, 'vault');
  const api = openTestCore(vault, new FakeClock(Date.now()));
  await api.call('vault.setup', SETUP_INPUT);
  await api.call('staff.add', { username: 'rachel', displayName: 'Rachel Reception', role: 'reception', password: 'rachel-password-123' });
  api.close();
});
afterAll(() => tmp.cleanup());

function cli(user: { username: string; password: string }, ...args: string[]) {
  return runCliInProcess([...args, '--user', user.username, '--vault', vault], { env: { CLINIC_VAULT_PASSWORD: user.password } });
}
/** The same as a real process (the one spawned run in this file). */
function spawned(user: { username: string; password: string }, ...args: string[]) {
  return spawnCli([...args, '--user', user.username, '--vault', vault], { env: { CLINIC_VAULT_PASSWORD: user.password } });
}

it('shows the record in force as JSON', async () => {
  const r = spawned(OWNER, 'processing', 'show', '--json');
  expect(r.code, r.stderr).toBe(0);
  const record = JSON.parse(r.stdout) as { version: number; purposes: Array<{ lawfulBasis: string }> };
  expect(record.version).toBe(1);
  expect(record.purposes[0]?.lawfulBasis).toContain('Art 6(1)(b)');
});

it('writes the PDF for the owner, and refuses reception with nothing written', async () => {
  const out = join(tmp.dir, 'art30.pdf');
  const r = await cli(OWNER, 'processing', 'pdf', '--out', out, '--json');
  expect(r.code, r.stderr).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({ file: out, fileName: 'record-of-processing-v1.pdf' });
  expect(pdfText(out)).toContain('Record of processing activities');

  const refused = join(tmp.dir, 'refused.pdf');
  const reception = await cli({ username: 'rachel', password: 'rachel-password-123' }, 'processing', 'pdf', '--out', refused);
  expect(reception.code).toBe(1);
  expect(reception.stderr).toContain('Your role does not allow this');
  expect(existsSync(refused)).toBe(false);
  expect(existsSync(`${refused}.partial`)).toBe(false);
});
