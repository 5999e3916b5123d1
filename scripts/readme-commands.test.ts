/**
 * The command line as README.md tells a newcomer to run it, straight after
 * `npm install`. npm links a package's `bin` for the packages that depend on
 * it, never for the package itself, so a bare `clinic-vault` is not on the
 * PATH; from the project folder `npx clinic-vault` runs this project's own bin
 * (bin/clinic-vault.mjs), and `npm run cli --` the same source. Outside the
 * project npx would look the name up on the public registry instead, so the
 * README never tells anyone to type a bare command.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_VERSION } from '../src-main/core/platform/app-version';

const REPO_ROOT = join(__dirname, '..');
const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

/** Every line of the README's shell blocks. */
const shellLines = [...README.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split('\n'));

function npm(args: string[]) {
  // --offline: if the project's own bin were not found, fail rather than fetch a stranger's package.
  return spawnSync('npm', ['--offline', ...args], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
}

describe('README: the clinic-vault command', () => {
  it('npx clinic-vault, from the project folder, runs this project’s command', () => {
    const r = npm(['exec', '--', 'clinic-vault', '--version']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(APP_VERSION);
  });

  it('npm run cli -- runs the same command', () => {
    const r = npm(['run', '--silent', 'cli', '--', '--version']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(APP_VERSION);
  });

  it('every example runs it as npx clinic-vault, never as a bare command npm install did not create', () => {
    const examples = shellLines.filter((l) => /(^|\s)clinic-vault\s/.test(l));
    expect(examples.length).toBeGreaterThan(10);
    const bare = examples.filter((l) => /(^|\s)clinic-vault\s/.test(l.replace(/npx clinic-vault\s/g, '')));
    expect(bare).toEqual([]);
  });
});
