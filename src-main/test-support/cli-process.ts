/**
 * Paths for tests that run the CLI as a real process: the test entry (cheap
 * key derivation, cli-entry.ts) and the shipped one, for asserting what a
 * clinic's copy accepts.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');
/** Run with `node --import tsx`, cwd REPO_ROOT. */
export const CLI_TEST_ENTRY = 'src-main/test-support/cli-entry.ts';
/** The command a clinic runs (`npx clinic-vault`): bin/clinic-vault.mjs loads src-main/cli/index.ts. */
export const SHIPPED_CLI_BIN = 'bin/clinic-vault.mjs';

export interface SpawnedCliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `clinic-vault ...args` as a real process through the test entry: the one
 * spawned smoke test each CLI test file keeps, so fd 0, the process's exit
 * code and its streams stay covered (the rest use cli-in-process.ts).
 */
export function spawnCli(args: string[], opts: { env?: Record<string, string>; input?: string } = {}): SpawnedCliRun {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI_TEST_ENTRY, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...opts.env },
    input: opts.input,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
