/**
 * treatments add and recall as a script would use them, in-process
 * (cli-in-process.ts); recording from standard input also runs as a real process.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../core/platform/ports';
import { makeTempDir, openTestCore } from '../../core/test-support/temp-vault';
import { createTestClient } from '../../core/test-support/treatment-test-clients';
import { ERROR_MESSAGES } from '../../contract/errors';
import { treatmentInputFromJson } from './treatment-commands';
import { runCliInProcess } from '../../test-support/cli-in-process';
import { spawnCli } from '../../test-support/cli-process';

const PASSWORD = 'owner-password-123';
let tmp: ReturnType<typeof makeTempDir>;
let vault: string;
let adult: string;
let teen: string;

function cli(args: string[], input?: string) {
  return runCliInProcess([...args, '--vault', vault], { env: { CLINIC_VAULT_PASSWORD: PASSWORD }, input });
}
/** The same as a real process (the one spawned run in this file). */
function spawned(args: string[], input?: string) {
  return spawnCli([...args, '--vault', vault], { env: { CLINIC_VAULT_PASSWORD: PASSWORD }, input });
}

const TOXIN = { treatedOn: '15/01/2026', typeId: 'tt_toxin', product: 'Azzalure', batchNumber: 'AB 12-34', batchExpiry: '31/12/2027', amount: 20, amountUnit: 'units', medicalHistoryReviewed: true };

beforeAll(async () => {
  tmp = makeTempDir();
  vault = join(tmp.dir, 'vault');
  const r = await cli(['init', '--clinic-name', 'Riverside', '--owner', 'olivia', '--owner-name', 'Olivia Owner', '--json']);
  expect(r.code, r.stderr).toBe(0);
  // Clients are created through the core: only the treatment and recall commands are under test here.
  const api = openTestCore(vault, systemClock);
  await api.call('session.signIn', { username: 'olivia', password: PASSWORD });
  adult = await createTestClient(api, { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1985-12-10' });
  teen = await createTestClient(api, { firstName: 'Young', lastName: 'Client', dateOfBirth: '2010-03-01', email: 'young@example.co.uk', mobile: '' });
  api.close();
});
afterAll(() => tmp.cleanup());

describe('treatment JSON from the command line', () => {
  it('turns UK dates into ISO, leaves nonsense for the core to name, and wants the client from --client', () => {
    expect(treatmentInputFromJson(JSON.stringify(TOXIN), 'cl_1', 'f.json')).toMatchObject({ clientId: 'cl_1', treatedOn: '2026-01-15', batchExpiry: '2027-12-31' });
    expect(treatmentInputFromJson('{"treatedOn":"31/02/2026"}', 'cl_1', 'f.json').treatedOn).toBe('31/02/2026');
    expect(() => treatmentInputFromJson('{"clientId":"x"}', 'cl_1', 'f.json')).toThrow(/--client/);
    expect(() => treatmentInputFromJson('[1]', 'cl_1', 'f.json')).toThrow(/JSON object/);
  });
});

describe('clinic-vault treatments and recall', () => {
  it('records a treatment from standard input and prints it as JSON', () => {
    const r = spawned(['treatments', 'add', '--user', 'olivia', '--client', adult, '--json', '-'], JSON.stringify(TOXIN));
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ clientId: adult, treatedOn: '2026-01-15', typeName: 'Botulinum toxin', batchNumber: 'AB 12-34', practitionerName: 'Olivia Owner' });
  });

  it('names the field of a validation error on one line, exits 1 and records nothing', async () => {
    const file = join(tmp.dir, 'no-batch.json');
    writeFileSync(file, JSON.stringify({ ...TOXIN, batchNumber: '' }));
    const r = await cli(['treatments', 'add', '--user', 'olivia', '--client', adult, '--json', file]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      "clinic-vault: Some details need correcting (batchNumber: Enter the batch or lot number: it is needed to trace a manufacturer's recall.)",
    ]);
    expect(r.stdout).toBe('');
  });

  it("refuses toxin for someone under 18 with the Act's message", async () => {
    const r = await cli(['treatments', 'add', '--user', 'olivia', '--client', teen, '--json', '-'], JSON.stringify({ ...TOXIN, batchNumber: 'ab1234' }));
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`clinic-vault: ${ERROR_MESSAGES.UNDER_18}`);
  });

  it('recall finds the batch however it is typed, as JSON and as a table with UK dates', async () => {
    const json = await cli(['recall', 'ab1234', '--user', 'olivia', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const result = JSON.parse(json.stdout);
    // Only the one recorded treatment: the refused and invalid ones left nothing behind.
    expect(result).toMatchObject({ batchNumber: 'AB1234', hits: [{ clientId: adult, clientName: 'Ada Lovelace', treatedOn: '2026-01-15' }] });
    const human = await cli(['recall', 'AB 12-34', '--user', 'olivia']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^1 treatment from batch AB1234:\nTreated\s+Client\s+Born/);
    expect(human.stdout).toMatch(/15\/01\/2026\s+Ada Lovelace\s+10\/12\/1985\s+07700 900123\s+ada@example.co.uk\s+Azzalure\s+AB 12-34\s+Olivia Owner/);
  });
});

describe('clinic-vault catalogue', () => {
  it('refuses an injectable without the toxin-or-filler answer, then saves it answered and lists it', async () => {
    const unanswered = await cli(['catalogue', 'save', '--user', 'olivia', '--name', 'Lip flip', '--injectable', 'yes']);
    expect(unanswered.code).toBe(1);
    expect(unanswered.stderr).toContain('toxinOrFiller: Say whether this treatment contains botulinum toxin or is a dermal filler');
    expect((await cli(['catalogue', 'list', '--user', 'olivia', '--json'])).stdout).not.toContain('Lip flip');

    const saved = await cli(['catalogue', 'save', '--user', 'olivia', '--name', 'Lip flip', '--injectable', 'yes', '--toxin-or-filler', 'yes', '--json']);
    expect(saved.code, saved.stderr).toBe(0);
    expect(JSON.parse(saved.stdout)).toMatchObject({ name: 'Lip flip', injectable: true, toxinOrFiller: true, toxinOrFillerAnswered: true });
    const listed = await cli(['catalogue', 'list', '--user', 'olivia']);
    expect(listed.stdout).toMatch(/Lip flip\s+yes\s+yes\s+in use/);
    // A built-in type's answer is fixed: the skin booster (an injectable HA) stays a filler.
    const booster = await cli(['catalogue', 'save', '--user', 'olivia', '--id', 'tt_skin_booster', '--name', 'Skin booster', '--injectable', 'yes', '--toxin-or-filler', 'no']);
    expect(booster.code).toBe(1);
    expect(booster.stderr).toContain('toxinOrFiller');
  });

  it('takes yes or no only', async () => {
    const r = await cli(['catalogue', 'save', '--user', 'olivia', '--name', 'Peel', '--injectable', 'maybe']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('--injectable takes yes or no.');
  });
});
