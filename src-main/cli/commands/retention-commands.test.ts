/**
 * `clinic-vault retention …` as a script runs it (in-process, one shared
 * vault): the queue as JSON with each row's rule and dates, --as-of, --within
 * and --category; a hold marks the rows and release clears it; a review takes
 * the row out; the policy is shown and a short period needs --confirm-short;
 * a practitioner is refused by the core.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FakeClock, OWNER, SETUP_INPUT, addStaffMember, makeTempDir, openTestCore } from '../../core/test-support/temp-vault';
import { type RetentionClinic, seedRetentionClinic } from '../../core/test-support/retention-test-support';
import { runCliInProcess } from '../../test-support/cli-in-process';

let tmp: ReturnType<typeof makeTempDir>;
let vault: string;
let clinic: RetentionClinic;
let practitioner: { username: string; password: string };

beforeAll(async () => {
  tmp = makeTempDir('cv-retention-cli-');
  vault = join(tmp.dir, 'vault');
  const api = openTestCore(vault, new FakeClock(Date.parse('2026-11-22T09:00:00.000Z')));
  await api.call('vault.setup', SETUP_INPUT);
  clinic = await seedRetentionClinic(api);
  practitioner = await addStaffMember(api, 'practitioner');
  api.close();
}, 60_000);
afterAll(() => tmp.cleanup());

function cli(...args: string[]) {
  return runCliInProcess([...args, '--user', OWNER.username, '--vault', vault], { env: { CLINIC_VAULT_PASSWORD: OWNER.password } });
}

interface Row {
  clientId: string;
  category: string;
  rule: string;
  triggerDate: string;
  retainUntil: string;
  due: string;
  held: boolean;
}

async function queue(...args: string[]): Promise<Row[]> {
  const r = await cli('retention', 'queue', '--as-of', '22/11/2026', ...args, '--json');
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Row[];
}

it('queue --json lists each row with clientId, category, rule, triggerDate and retainUntil', async () => {
  const clinical = await queue('--category', 'clinical');
  expect(clinical.map((r) => [r.clientId, r.category, r.rule, r.triggerDate, r.retainUntil])).toEqual([
    [clinic.treatedAsChild, 'clinical', 'clinical-under-18-until-25', '1999-03-01', '2024-03-01'],
    [clinic.oldAdult, 'clinical', 'clinical-after-last-treatment', '2015-09-01', '2025-09-01'],
  ]);
  expect((await queue('--within', '30', '--category', 'personal')).map((r) => r.clientId)).toContain(clinic.enquiry);
  expect((await queue('--category', 'personal')).map((r) => r.clientId)).not.toContain(clinic.enquiry);
  const bad = await cli('retention', 'queue', '--within', '45');
  expect(bad.code).toBe(2); // a usage error
  expect(bad.stderr).toContain('--within takes 0 (passed only), 30 or 90');
});

it('hold marks the client’s rows held, names the hold in the list, and release clears it', async () => {
  const held = await cli('retention', 'hold', '--client', clinic.oldAdult, '--reason', 'Complaint about scarring', '--kind', 'complaint', '--review', '01/03/2027');
  expect(held.code, held.stderr).toBe(0);
  expect(held.stdout).toContain('Legal hold placed (Complaint)');
  expect((await queue()).filter((r) => r.clientId === clinic.oldAdult).map((r) => r.held)).toEqual([true, true]);
  const list = await cli('retention', 'holds', '--json');
  expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ clientId: clinic.oldAdult, kind: 'complaint', reason: 'Complaint about scarring', reviewOn: '2027-03-01' })]);
  const released = await cli('retention', 'release', '--client', clinic.oldAdult, '--reason', 'Resolved');
  expect(released.code, released.stderr).toBe(0);
  expect((await queue()).filter((r) => r.clientId === clinic.oldAdult).some((r) => r.held)).toBe(false);
});

it('review keeps the client’s due rows N more months: they leave the queue', async () => {
  const r = await cli('retention', 'review', '--client', clinic.treatedAsChild, '--months', '12', '--reason', 'Parent asked for the notes', '--json');
  expect(r.code, r.stderr).toBe(0);
  expect((JSON.parse(r.stdout) as { category: string }[]).map((x) => x.category).sort()).toEqual(['clinical', 'personal']);
  expect((await queue()).map((x) => x.clientId)).not.toContain(clinic.treatedAsChild);
});

it('policy show, and set: a period under 12 months is refused without --confirm-short, and saved with it', async () => {
  const shown = await cli('retention', 'policy', 'show', '--json');
  expect(JSON.parse(shown.stdout)).toMatchObject({ version: 1, clinicalMonthsAfterLastTreatment: 120 });
  const refused = await cli('retention', 'policy', 'set', '--request-months', '6');
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/under 12 months \(6 months\)/);
  expect(JSON.parse((await cli('retention', 'policy', 'show', '--json')).stdout).version).toBe(1);
  const saved = await cli('retention', 'policy', 'set', '--personal-months', '48', '--json');
  expect(saved.code, saved.stderr).toBe(0);
  expect(JSON.parse(saved.stdout)).toMatchObject({ policy: { version: 2, personalMonthsAfterLastInteraction: 48 } });
});

it('is refused to a practitioner by the core', async () => {
  const r = await runCliInProcess(['retention', 'queue', '--user', practitioner.username, '--vault', vault], { env: { CLINIC_VAULT_PASSWORD: practitioner.password } });
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('Your role does not allow this');
});
