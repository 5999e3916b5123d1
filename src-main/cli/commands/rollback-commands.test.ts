/**
 * The CLI meeting an older database: refused with the owner's message until `accept-rollback`.
 * In-process (cli-in-process.ts); the refusal also comes from a real process.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../core/test-support/temp-vault';
import { copyDatabase } from '../../core/test-support/audit-tamper';
import { runCliInProcess } from '../../test-support/cli-in-process';
import { spawnCli } from '../../test-support/cli-process';

let tmp: ReturnType<typeof makeTempDir>;
let vault: string;

function cli(args: string[]) {
  return runCliInProcess([...args, '--vault', vault], { env: { CLINIC_VAULT_PASSWORD: 'owner-password-123' } });
}
/** The same as a real process (the one spawned run in this file). */
function spawned(args: string[]) {
  return spawnCli([...args, '--vault', vault], { env: { CLINIC_VAULT_PASSWORD: 'owner-password-123' } });
}

beforeAll(async () => {
  tmp = makeTempDir();
  vault = join(tmp.dir, 'vault');
  expect((await cli(['init', '--clinic-name', 'Riverside', '--owner', 'olivia', '--json'])).code).toBe(0);
});
afterAll(() => tmp.cleanup());

describe('clinic-vault on an older database', () => {
  it('refuses work until the owner runs accept-rollback, then carries on', async () => {
    const old = join(tmp.dir, 'old.db');
    copyDatabase(join(vault, 'vault.db'), old);
    expect((await cli(['staff', 'list', '--user', 'olivia', '--json'])).code).toBe(0);
    copyDatabase(old, join(vault, 'vault.db'));

    const refused = spawned(['staff', 'list', '--user', 'olivia', '--json']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/This database is older than the last one used on \d{2}\/\d{2}\/\d{4}: it may have been restored or replaced\. The owner must confirm it/);

    const accepted = await cli(['accept-rollback', '--user', 'olivia', '--json']);
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(JSON.parse(accepted.stdout)).toMatchObject({ accepted: true });
    const after = await cli(['staff', 'list', '--user', 'olivia', '--json']);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stderr).toBe('');
  });
});
