/**
 * `clinic-vault erase | restrict | unrestrict | portability` as a script runs
 * them: an erasure by request id prints what went and the reply, and writes
 * the PDF; unrestrict without saying when the client was told is refused
 * (exit 1, nothing changed); portability writes one new folder of JSON and CSV.
 * In-process (cli-in-process.ts); the erasure itself also runs as a real process.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { londonToday } from '../../contract/field-schemas';
import { formatUkDate } from '../../contract/uk-formats';
import { FakeClock, OWNER, SETUP_INPUT, makeTempDir, openTestCore } from '../../core/test-support/temp-vault';
import { ERASED_PERSON, seedErasableClient } from '../../core/test-support/erasure-test-support';
import { runCliInProcess } from '../../test-support/cli-in-process';
import { spawnCli } from '../../test-support/cli-process';

let tmp: ReturnType<typeof makeTempDir>;
let vault: string;
let clientId: string;
let otherId: string;
let requestId: string;

beforeAll(async () => {
  tmp = makeTempDir('cv-erasure-cli-');
  vault = join(tmp.dir, 'vault');
  const api = openTestCore(vault, new FakeClock(Date.parse('2026-11-22T09:00:00.000Z')));
  await api.call('vault.setup', SETUP_INPUT);
  clientId = (await seedErasableClient(api, 1)).clientId;
  otherId = (await api.call('clients.create', { firstName: 'Ada', lastName: 'Example', dateOfBirth: '1990-05-17', email: 'ada@example.co.uk' })).id;
  await api.call('medical.update', { clientId: otherId, changes: { allergies: 'Latex', contraindications: 'Clinician: avoid lidocaine' } });
  requestId = (await api.call('requests.add', { clientId, types: ['erasure'], channel: 'letter', receivedOn: '2026-11-20' })).request.id;
  api.close();
}, 60_000);
afterAll(() => tmp.cleanup());

function cli(...args: string[]) {
  return runCliInProcess([...args, '--user', OWNER.username, '--vault', vault], { env: { CLINIC_VAULT_PASSWORD: OWNER.password } });
}
/** The same as a real process (the one spawned run in this file). */
function spawned(...args: string[]) {
  return spawnCli([...args, '--user', OWNER.username, '--vault', vault], { env: { CLINIC_VAULT_PASSWORD: OWNER.password } });
}

it('erase preview then apply by request id, writing the reply letter PDF', async () => {
  const preview = await cli('erase', 'preview', requestId, '--json');
  expect(preview.code, preview.stderr).toBe(0);
  expect(JSON.parse(preview.stdout)).toMatchObject({ clientId, keptUntil: '2036-11-20', removesWholeRecord: false });
  const letter = join(tmp.dir, 'erasure.pdf');
  const applied = spawned('erase', 'apply', requestId, '--letter', letter, '--json');
  expect(applied.code, applied.stderr).toBe(0);
  expect(JSON.parse(applied.stdout)).toMatchObject({ clientRemoved: false, preview: { keptUntil: '2036-11-20' } });
  expect(readFileSync(letter).subarray(0, 5).toString()).toBe('%PDF-');
  const again = await cli('erase', 'apply', requestId);
  expect(again.code).toBe(1);
  expect(again.stderr).toContain('already been erased');
});

it('restrict, then unrestrict only once the client was told', async () => {
  expect((await cli('restrict', '--client', otherId, '--reason', 'legal-claims')).code).toBe(0);
  const refused = await cli('unrestrict', '--client', otherId);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('before lifting the restriction');
  // The CLI runs on the real clock: the client was told today.
  const today = londonToday();
  const lifted = await cli('unrestrict', '--client', otherId, '--told-on', formatUkDate(today), '--told-how', 'letter', '--json');
  expect(lifted.code, lifted.stderr).toBe(0);
  expect(JSON.parse(lifted.stdout)).toMatchObject({ clientToldOn: today, clientToldHow: 'letter' });
});

it('portability writes a new folder with JSON and CSV of what the client provided, and never over an existing one', async () => {
  const out = join(tmp.dir, 'out');
  mkdirSync(out);
  const r = await cli('portability', '--client', otherId, '--out', out, '--json');
  expect(r.code, r.stderr).toBe(0);
  const { folder } = JSON.parse(r.stdout) as { folder: string };
  expect(readdirSync(folder).sort()).toEqual(['consents.csv', 'data.json', 'identity.csv', 'lifestyle.csv', 'medical.csv']);
  const data = JSON.parse(readFileSync(join(folder, 'data.json'), 'utf8'));
  expect(data.identity.email).toBe('ada@example.co.uk');
  expect(data.medical.allergies).toBe('Latex');
  // The clinician's assessment is not data the client provided.
  expect(JSON.stringify(data)).not.toContain('avoid lidocaine');
  expect(readFileSync(join(folder, 'medical.csv'), 'utf8')).toContain('allergies,Latex');
  const second = await cli('portability', '--client', otherId, '--out', out);
  expect(second.code).toBe(1);
  expect(readdirSync(out)).toHaveLength(1);
  expect(existsSync(join(out, ERASED_PERSON.firstName))).toBe(false);
});
