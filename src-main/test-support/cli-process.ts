/**
 * Paths for tests that run the CLI as a real process: the test entry (cheap
 * key derivation, cli-entry.ts) and the shipped one, for asserting what a
 * clinic's copy accepts.
 */
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');
/** Run with `node --import tsx`, cwd REPO_ROOT. */
export const CLI_TEST_ENTRY = 'src-main/test-support/cli-entry.ts';
/** The command a clinic runs (`npx clinic-vault`): bin/clinic-vault.mjs loads src-main/cli/index.ts. */
export const SHIPPED_CLI_BIN = 'bin/clinic-vault.mjs';
