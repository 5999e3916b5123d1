/**
 * The command a clinic runs (`npx clinic-vault`, bin/clinic-vault.mjs) takes no
 * test switch: `--test-fast-kdf` is an unknown option there, refused before a
 * vault is touched, and a vault it creates gets production-cost key slots.
 * Tests reach the cheap cost only through src-main/test-support/cli-entry.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../core/test-support/temp-vault';
import { REPO_ROOT, SHIPPED_CLI_BIN } from '../test-support/cli-process';

let tmp: ReturnType<typeof makeTempDir>;
beforeAll(() => {
  tmp = makeTempDir('cv-shipped-cli-');
});
afterAll(() => tmp.cleanup());

function shipped(args: string[]) {
  const r = spawnSync(process.execPath, [SHIPPED_CLI_BIN, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, CLINIC_VAULT_PASSWORD: 'owner-password-123' },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the shipped clinic-vault command', () => {
  it('refuses --test-fast-kdf as an unknown option and creates nothing', () => {
    const vault = join(tmp.dir, 'refused');
    const r = shipped(['init', '--vault', vault, '--clinic-name', 'Riverside', '--owner', 'olivia', '--owner-name', 'Olivia Owner', '--test-fast-kdf']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--test-fast-kdf'/);
    expect(r.stdout).toBe('');
    expect(existsSync(vault) ? readdirSync(vault) : []).toEqual([]);
  });

  it('refuses it before a command too, and in the --flag=value form', () => {
    expect(shipped(['--test-fast-kdf', 'status', '--vault', join(tmp.dir, 'x')]).code).toBe(2);
    expect(shipped(['status', '--vault', join(tmp.dir, 'x'), '--test-fast-kdf=1']).code).toBe(2);
  });

  it('makes production-cost key slots (the only cost it can choose)', () => {
    const vault = join(tmp.dir, 'real');
    const r = shipped(['init', '--vault', vault, '--clinic-name', 'Riverside', '--owner', 'olivia', '--owner-name', 'Olivia Owner', '--json']);
    expect(r.code, r.stderr).toBe(0);
    // Every scrypt parameter set anywhere in the keyring, however its slots are laid out.
    const costs: number[] = [];
    JSON.parse(readFileSync(join(vault, 'keyring.json'), 'utf8'), (key, value: unknown) => {
      if (key === 'N' && typeof value === 'number') costs.push(value);
      return value;
    });
    expect(costs.length).toBeGreaterThanOrEqual(2); // the owner's slot and the recovery slot
    for (const n of costs) expect(n).toBeGreaterThanOrEqual(2 ** 17);
  });
});
