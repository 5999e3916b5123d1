/**
 * `clinic-vault retention destroy | anonymise | certificates | certificate` as
 * a script runs them, on one shared vault (each run is a process): destroy
 * needs --confirm (a usage error, exit 2, nothing changed without it), prints the batch as
 * JSON, and the certificate it names is listed and written as a PDF.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FakeClock, OWNER, SETUP_INPUT, makeTempDir, openTestCore } from '../../core/test-support/temp-vault';
import { seedDueClient } from '../../core/test-support/retention-action-test-support';
import { pdfText } from '../../core/test-support/pdf-tools';
import { runCliInProcess } from '../../test-support/cli-in-process';

let tmp: ReturnType<typeof makeTempDir>;
let vault: string;
const ids: string[] = [];

beforeAll(async () => {
  tmp = makeTempDir('cv-retention-cli-');
  vault = join(tmp.dir, 'vault');
  const api = openTestCore(vault, new FakeClock(Date.parse('2026-11-22T09:00:00.000Z')));
  await api.call('vault.setup', SETUP_INPUT);
  for (let n = 1; n <= 3; n++) ids.push((await seedDueClient(api, n, 1)).clientId);
  api.close();
}, 60_000);
afterAll(() => tmp.cleanup());

function cli(...args: string[]) {
  return runCliInProcess([...args, '--user', OWNER.username, '--vault', vault], { env: { CLINIC_VAULT_PASSWORD: OWNER.password } });
}

it('destroy without --confirm is refused and changes nothing; with it, destroys and names the certificate, which is listed and written as a PDF', async () => {
  const refused = await cli('retention', 'destroy', '--client', ids[0]!, ids[1]!);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain('Destruction cannot be undone. Add --confirm to go ahead.');
  expect(JSON.parse((await cli('retention', 'batches', '--json')).stdout)).toEqual([]);

  const done = await cli('retention', 'destroy', '--client', ids[0]!, ids[1]!, '--confirm', '--as-of', '01/12/2026', '--json');
  expect(done.code, done.stderr).toBe(0);
  const batch = JSON.parse(done.stdout) as { status: string; done: number; asOf: string; certificateId: string };
  expect(batch).toMatchObject({ status: 'done', done: 2, asOf: '2026-12-01' });
  expect(done.stderr).toContain('Destroying client 1 of 2');

  const listed = await cli('retention', 'certificates', '--json');
  expect(JSON.parse(listed.stdout)).toMatchObject([{ id: batch.certificateId, count: 2, kind: 'destroy' }]);
  const file = join(tmp.dir, 'cert.pdf');
  const written = await cli('retention', 'certificate', batch.certificateId, '--out', file);
  expect(written.code, written.stderr).toBe(0);
  const text = pdfText(file).replace(/\s+/g, ' ');
  expect(text).toContain('Certificate of destruction');
  expect(text).toContain(ids[0]!);
  expect(text).toContain(ids[1]!);
  expect(text).not.toContain(ids[2]!);
});

it('anonymise with --confirm keeps the statistics and removes the client', async () => {
  const r = await cli('retention', 'anonymise', '--client', ids[2]!, '--confirm');
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/^Batch rb_[0-9a-f]+: 1 of 1 client\(s\) anonymised\./);
  expect(r.stdout).toContain('Certificate rc_');
  const again = await cli('retention', 'anonymise', '--client', ids[2]!, '--confirm');
  expect(again.code).toBe(1);
  expect(again.stderr).toContain('no longer on file');
});
