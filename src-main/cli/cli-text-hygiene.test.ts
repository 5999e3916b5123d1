/**
 * Control and text-direction characters through the CLI (docs/text-hygiene.md):
 * refused on the way in with the field named, and made visible on the way out
 * when an older build already stored them. In-process (cli-in-process.ts), as a
 * script runs it; the echoed-back error also comes from a real process.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../core/test-support/temp-vault';
import { openRawDatabase } from '../core/test-support/raw-database';
import { UNSAFE_SAMPLES } from '../test-support/unsafe-text-corpus';
import { spawnCli } from '../test-support/cli-process';
import { runCliInProcess } from '../test-support/cli-in-process';

let tmp: ReturnType<typeof makeTempDir>;
let vault: string;
let recoveryKey: string;

function cli(args: string[], input?: string) {
  return runCliInProcess([...args, '--vault', vault], { env: { CLINIC_VAULT_PASSWORD: 'owner-password-123' }, input });
}
/** The same as a real process (the one spawned run in this file). */
function spawned(args: string[], input?: string) {
  return spawnCli([...args, '--vault', vault], { env: { CLINIC_VAULT_PASSWORD: 'owner-password-123' }, input });
}

/** Anything a terminal would obey: C0 but new line, DEL, C1, and the direction characters. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point of this test
const TERMINAL_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

beforeAll(async () => {
  tmp = makeTempDir();
  vault = join(tmp.dir, 'vault');
  const r = await cli(['init', '--clinic-name', 'Riverside', '--owner', 'olivia', '--json']);
  expect(r.code, r.stderr).toBe(0);
  recoveryKey = JSON.parse(r.stdout).recoveryKey;
});
afterAll(() => tmp.cleanup());

const search = async () => JSON.parse((await cli(['clients', 'search', '--json', '--user', 'olivia'])).stdout).results as { id: string }[];

describe('control characters through the CLI', () => {
  // The six the issue names.
  const samples = UNSAFE_SAMPLES.filter(([, t]) => ['\u0000', '\u001b[31m', '\u202e', '\u2066', '\u0085', '\u009b'].includes(t));

  it('refuses each in a name: exit 1, the field named on stderr, nothing stored', async () => {
    expect(samples).toHaveLength(6);
    for (const [label, bad] of samples) {
      const r = await cli(['clients', 'add', '-', '--user', 'olivia'], JSON.stringify({ firstName: `Ann${bad}e`, lastName: 'Lee', dateOfBirth: '02/01/1990' }));
      expect(r.code, label).toBe(1);
      expect(r.stderr, label).toMatch(/^clinic-vault: Some details need correcting \(firstName: The first name cannot contain control or text-direction characters/);
      expect(r.stderr, label).not.toMatch(TERMINAL_CONTROL);
      expect(r.stdout, label).toBe('');
    }
    expect(await search()).toEqual([]);
  });

  it('shows a value an older build stored as <U+XXXX>, in tables, in show and in JSON', async () => {
    const add = await cli(['clients', 'add', '-', '--json', '--user', 'olivia'], JSON.stringify({ firstName: 'Ann', lastName: 'Lee', dateOfBirth: '02/01/1990' }));
    expect(add.code, add.stderr).toBe(0);
    const { id } = JSON.parse(add.stdout) as { id: string };
    // Planted past the schemas, as a build before the text rules could have stored it.
    const planted = 'Ann\u001b[31m\u202eeL\u0085\u009b2J\r\u2066X';
    const raw = await openRawDatabase(vault, recoveryKey);
    raw.prepare('UPDATE clients SET first_name = ? WHERE id = ?').run(planted, id);
    raw.prepare("UPDATE staff SET display_name = ? WHERE username = 'olivia'").run(`Olivia\u001b]0;pwned\u0007`);
    raw.close();

    const show = await cli(['clients', 'show', id, '--user', 'olivia']);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain('Ann<U+001B>[31m<U+202E>eL<U+0085><U+009B>2J<U+000D><U+2066>X');
    expect(show.stdout).not.toMatch(TERMINAL_CONTROL);

    const staff = await cli(['staff', 'list', '--user', 'olivia']);
    expect(staff.stdout).toContain('Olivia<U+001B>]0;pwned<U+0007>');
    expect(staff.stdout).not.toMatch(TERMINAL_CONTROL);

    const json = await cli(['clients', 'show', id, '--json', '--user', 'olivia']);
    expect(json.stdout).not.toMatch(TERMINAL_CONTROL);
    expect(JSON.parse(json.stdout).firstName).toBe(planted);
  });

  it('escapes what it echoes back in an error', async () => {
    const r = spawned(['clients', 'show', 'c1', '--colour\u001b[2J\u202e', '--user', 'olivia']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--colour<U+001B>[2J<U+202E>'");
    expect(r.stderr).not.toMatch(TERMINAL_CONTROL);
  });
});
