/**
 * `sar export` shows its progress on stderr and keeps stdout for the result:
 * the printer's lines (one per stage and tenth, not one per photo), and one
 * run of the real command whose `--json` stdout still parses whole.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBytes } from '../../core/test-support/photo-test-support';
import { newClient } from '../../core/test-support/test-clients';
import { FakeClock, OWNER, SETUP_INPUT, makeTempDir, openTestCore } from '../../core/test-support/temp-vault';
import { makeJpeg } from '../../core/test-support/test-images';
import { sarProgressPrinter } from './sar-progress';

describe('sarProgressPrinter', () => {
  it('prints a line per stage and per tenth of the work, not one per photo', () => {
    const lines: string[] = [];
    const print = sarProgressPrinter({ write: (t: string) => lines.push(t) });
    print({ done: 0, total: 202, label: 'Writing the cover letter' });
    for (let i = 1; i <= 100; i++) print({ done: i - 1, total: 202, label: `Adding photo ${i} of 100` });
    print({ done: 100, total: 202, label: 'Finishing the PDF' });
    for (let i = 1; i <= 100; i++) print({ done: 101 + i, total: 202, label: `Adding file ${i} of 100 to the ZIP` });
    print({ done: 202, total: 202, label: 'Done' });
    expect(lines[0]).toBe('  0% Writing the cover letter\n');
    expect(lines).toContain(' 50% Finishing the PDF\n');
    expect(lines.at(-1)).toBe('100% Done\n');
    // Every photo and file reported, but a line only when the stage or the tenth changes.
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.length).toBeLessThan(30);
    expect(lines.filter((l) => l.includes('Adding photo')).length).toBeLessThanOrEqual(6);
  });
});

describe('sar export --json', () => {
  const ROOT = join(__dirname, '..', '..', '..');
  let tmp: ReturnType<typeof makeTempDir>;
  let vault: string;
  let out: string;
  let reference: string;

  beforeAll(async () => {
    tmp = makeTempDir('cv-sar-progress-');
    vault = join(tmp.dir, 'vault');
    out = join(tmp.dir, 'out');
    mkdirSync(out);
    const api = openTestCore(vault, new FakeClock(Date.now()));
    await api.call('vault.setup', SETUP_INPUT);
    const c = await api.call('clients.create', newClient({ firstName: 'Zofia', lastName: 'Nowak' }));
    for (let i = 0; i < 3; i++) await importBytes(api, c.id, await makeJpeg({ width: 400, height: 300 }));
    const today = new Date().toISOString().slice(0, 10);
    reference = (await api.call('requests.add', { clientId: c.id, types: ['access'], channel: 'email', receivedOn: today })).request.reference;
    api.close();
  }, 120_000);
  afterAll(() => tmp.cleanup());

  it('reports its progress on stderr while stdout holds only the JSON result', () => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src-main/test-support/cli-entry.ts', 'sar', 'export', reference, '--out', out, '--already-seen', '--json', '--user', OWNER.username, '--vault', vault],
      { cwd: ROOT, env: { ...process.env, CLINIC_VAULT_PASSWORD: OWNER.password }, encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ files: 3, pdfFile: expect.stringContaining(reference) });
    expect(r.stderr).toContain('Adding photo 1 of 3');
    expect(r.stderr).toContain('Adding file');
    expect(r.stderr).toMatch(/100% Done/);
  }, 120_000);
});
