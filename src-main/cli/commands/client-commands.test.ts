/**
 * clients add | show | search | update as a script uses them: in-process
 * (cli-in-process.ts), JSON in from a file or stdin, one-line errors; the
 * refused bad details also come through a real process's standard input.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../core/test-support/temp-vault';
import { UsageError } from '../cli-context';
import { identityFromJson } from './client-commands';
import { runCliInProcess } from '../../test-support/cli-in-process';
import { spawnCli } from '../../test-support/cli-process';

let tmp: ReturnType<typeof makeTempDir>;
let vault: string;

function cli(args: string[], input?: string) {
  return runCliInProcess([...args, '--vault', vault], { env: { CLINIC_VAULT_PASSWORD: 'owner-password-123' }, input });
}
/** The same as a real process (the one spawned run in this file). */
function spawned(args: string[], input?: string) {
  return spawnCli([...args, '--vault', vault], { env: { CLINIC_VAULT_PASSWORD: 'owner-password-123' }, input });
}

beforeAll(async () => {
  tmp = makeTempDir();
  vault = join(tmp.dir, 'vault');
  const r = await cli(['init', '--clinic-name', 'Riverside', '--owner', 'olivia', '--json']);
  expect(r.code, r.stderr).toBe(0);
});
afterAll(() => tmp.cleanup());

describe('clinic-vault clients', () => {
  let id = '';

  it('adds a client from a JSON file with a UK date, and finds them by phone', async () => {
    const file = join(tmp.dir, 'zoe.json');
    writeFileSync(file, JSON.stringify({ firstName: 'Zoë 🌸', lastName: 'Hartley', dateOfBirth: '12/04/1988', mobile: '07700 900123', postcode: 'bs14dj' }));
    const add = await cli(['clients', 'add', '--json', file, '--user', 'olivia']);
    expect(add.code, add.stderr).toBe(0);
    const record = JSON.parse(add.stdout);
    expect(record).toMatchObject({ firstName: 'Zoë 🌸', dateOfBirth: '1988-04-12', postcode: 'BS1 4DJ' });
    id = record.id;
    const found = await cli(['clients', 'search', '+44 7700 900123', '--json', '--user', 'olivia']);
    expect(JSON.parse(found.stdout).results.map((h: { id: string }) => h.id)).toEqual([id]);
  });

  it('refuses bad details with the field and the reason on one line, and stores nothing', async () => {
    const r = spawned(['clients', 'add', '-', '--user', 'olivia'], JSON.stringify({ firstName: 'Amy', lastName: 'Bad', dateOfBirth: '31/02/2026' }));
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual(['clinic-vault: Some details need correcting (dateOfBirth: Enter a real date, like 25/12/1990.)']);
    const future = await cli(['clients', 'add', '-', '--user', 'olivia'], JSON.stringify({ firstName: 'Amy', lastName: 'Bad', dateOfBirth: '01/01/2999' }));
    expect(future.stderr).toMatch(/dateOfBirth: The date of birth cannot be in the future\./);
    expect(JSON.parse((await cli(['clients', 'search', '--json', '--user', 'olivia'])).stdout).results).toHaveLength(1);
  });

  it('refuses the same person added again, naming the match, until --not-duplicate-of confirms someone else', async () => {
    const again = JSON.stringify({ firstName: 'Zoe', lastName: 'HARTLEY', dateOfBirth: '12/04/1988' });
    const refused = await cli(['clients', 'add', '-', '--user', 'olivia'], again);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`Zoë 🌸 Hartley, born 12/04/1988 [${id}]: same date of birth and a similar name`);
    expect(refused.stderr).toContain(`--not-duplicate-of ${id}`);
    expect(JSON.parse((await cli(['clients', 'search', '--json', '--user', 'olivia'])).stdout).results).toHaveLength(1);
    const added = await cli(['clients', 'add', '-', '--json', '--not-duplicate-of', id, '--user', 'olivia'], again);
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ firstName: 'Zoe', lastName: 'HARTLEY' });
  });

  it('updates only the fields given, with a reason, and shows a readable summary', async () => {
    const up = await cli(['clients', 'update', id, '-', '--user', 'olivia'], JSON.stringify({ email: 'zoe@example.co.uk', reason: 'Client emailed' }));
    expect(up.code, up.stderr).toBe(0);
    const show = await cli(['clients', 'show', id, '--user', 'olivia']);
    expect(show.stdout).toMatch(/^Zoë 🌸 Hartley {2}\[cl_/);
    expect(show.stdout).toMatch(/Date of birth +12\/04\/1988/);
    expect(show.stdout).toMatch(/Mobile +07700 900123/);
    expect(show.stdout).toMatch(/Email +zoe@example\.co\.uk/);
  });
});

describe('reading client JSON', () => {
  it('turns a UK date of birth into ISO and leaves an unreal one for the core to name', () => {
    expect(identityFromJson({ dateOfBirth: '1/5/1990' })).toEqual({ dateOfBirth: '1990-05-01' });
    expect(identityFromJson({ dateOfBirth: '1990-05-01' })).toEqual({ dateOfBirth: '1990-05-01' });
    expect(identityFromJson({ dateOfBirth: '31/02/2026' })).toEqual({ dateOfBirth: '31/02/2026' });
  });

  it('refuses field names it does not know, so a typo is not silently dropped', () => {
    expect(() => identityFromJson({ mobil: '07700 900123' })).toThrow(UsageError);
  });
});
