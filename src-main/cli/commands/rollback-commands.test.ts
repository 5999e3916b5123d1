/** The CLI meeting an older database: refused with the owner's message until `accept-rollback`. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../core/test-support/temp-vault';
import { copyDatabase } from '../../core/test-support/audit-tamper';
import { CLI_TEST_ENTRY } from '../../test-support/cli-process';

const ROOT = join(__dirname, '..', '..', '..');
let tmp: ReturnType<typeof makeTempDir>;
let vault: string;

function cli(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI_TEST_ENTRY, ...args, '--vault', vault], {
    cwd: ROOT,
    env: { ...process.env, CLINIC_VAULT_PASSWORD: 'owner-password-123' },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  tmp = makeTempDir();
  vault = join(tmp.dir, 'vault');
  expect(cli(['init', '--clinic-name', 'Riverside', '--owner', 'olivia', '--json']).code).toBe(0);
});
afterAll(() => tmp.cleanup());

describe('clinic-vault on an older database', () => {
  it('refuses work until the owner runs accept-rollback, then carries on', () => {
    const old = join(tmp.dir, 'old.db');
    copyDatabase(join(vault, 'vault.db'), old);
    expect(cli(['staff', 'list', '--user', 'olivia', '--json']).code).toBe(0);
    copyDatabase(old, join(vault, 'vault.db'));

    const refused = cli(['staff', 'list', '--user', 'olivia', '--json']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/This database is older than the last one used on \d{2}\/\d{2}\/\d{4}: it may have been restored or replaced\. The owner must confirm it/);

    const accepted = cli(['accept-rollback', '--user', 'olivia', '--json']);
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(JSON.parse(accepted.stdout)).toMatchObject({ accepted: true });
    const after = cli(['staff', 'list', '--user', 'olivia', '--json']);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stderr).toBe('');
  });
});
