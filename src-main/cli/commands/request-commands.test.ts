/**
 * `clinic-vault requests …` as a script runs them (issue #12 item 13): the
 * printed JSON carries id, dueDate, status and extensionNoticeBy; --as-of fixes
 * "today"; bad input exits 1 with the message and stores nothing. Run in-process
 * (cli-in-process.ts); the first add also runs as a real process.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newClient } from '../../core/test-support/test-clients';
import { FakeClock, OWNER, SETUP_INPUT, addStaffMember, makeTempDir, openTestCore } from '../../core/test-support/temp-vault';
import { runCliInProcess } from '../../test-support/cli-in-process';
import { spawnCli } from '../../test-support/cli-process';

let tmp: ReturnType<typeof makeTempDir>;
let vault: string;
let clientId: string;
let reception: { username: string; password: string };

beforeAll(async () => {
  tmp = makeTempDir('cv-requests-cli-');
  vault = join(tmp.dir, 'vault');
  const api = openTestCore(vault, new FakeClock(Date.now()));
  await api.call('vault.setup', SETUP_INPUT);
  clientId = (await api.call('clients.create', newClient())).id;
  reception = await addStaffMember(api, 'reception');
  api.close();
});
afterAll(() => tmp.cleanup());

function cli(args: string[], who = { username: OWNER.username, password: OWNER.password }) {
  return runCliInProcess([...args, '--user', who.username, '--vault', vault], { env: { CLINIC_VAULT_PASSWORD: who.password } });
}
/** The same as a real process (the one spawned run in this file). */
function spawned(args: string[], who = { username: OWNER.username, password: OWNER.password }) {
  return spawnCli([...args, '--user', who.username, '--vault', vault], { env: { CLINIC_VAULT_PASSWORD: who.password } });
}
const json = (r: { code: number | null; stdout: string; stderr: string }) => {
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
};

describe('requests add | update | show | list', () => {
  let id: string;

  it('adds a request for a client and prints its due date and the last day to tell of an extension', () => {
    const added = json(spawned(['requests', 'add', '--client', clientId, '--type', 'access', '--received', '2026-11-03', '--channel', 'email', '--as-of', '2026-11-10', '--json']));
    expect(added).toMatchObject({ status: 'open', dueDate: '2026-12-03', extensionNoticeBy: '2026-12-03', daysLeft: 23, clientId });
    expect(added.id).toMatch(/^dsr_/);
    id = added.id as string;
  });

  it('reception records ID asked for and received; the due date moves to a month from its arrival', async () => {
    const asked = json(await cli(['requests', 'update', id, '--id-requested', '2026-11-04', '--as-of', '2026-11-10', '--json'], reception));
    expect(asked).toMatchObject({ dueDate: null, identityVerified: false });
    expect(asked).not.toHaveProperty('extensionNoticeBy');
    const received = json(await cli(['requests', 'update', id, '--id-received', '06/11/2026', '--as-of', '2026-11-10', '--json'], reception));
    // 06/12/2026 is a Sunday: the next working day.
    expect(received).toMatchObject({ dueDate: '2026-12-07', extensionNoticeBy: '2026-12-07', identityVerified: true });
  });

  it('the owner extends it; the notice date goes once extended', async () => {
    const ext = json(await cli(['requests', 'update', id, '--extend', '--reason', 'Records at two sites', '--told', '2026-11-20', '--as-of', '2026-11-20', '--json']));
    expect(ext).toMatchObject({ dueDate: '2027-02-08', extension: { toldLate: false } }); // 06/02/2027 is a Saturday
    expect(ext).not.toHaveProperty('extensionNoticeBy');
  });

  it('shows it with its history and lists it as overdue once its date passes', async () => {
    const shown = json(await cli(['requests', 'show', id, '--as-of', '2026-11-20', '--json']));
    expect((shown.history as { kind: string }[]).map((h) => h.kind)).toEqual(['logged', 'updated', 'updated', 'updated']);
    const overdue = await cli(['requests', 'list', '--overdue', '--as-of', '2027-02-09', '--json']);
    expect((json(overdue) as unknown as { id: string; daysLeft: number }[]).map((r) => [r.id, r.daysLeft])).toEqual([[id, -1]]);
    expect(json(await cli(['requests', 'list', '--overdue', '--as-of', '2027-02-08', '--json']))).toEqual([]);
    const human = await cli(['requests', 'list', '--due-within', '90', '--as-of', '2026-11-20']);
    expect(human.stdout).toContain('DSR-');
    expect(human.stdout).toContain('08/02/2027');
    expect(human.stdout).toContain('80 days left');
  });

  it('prints the warning on stderr when an extension is told after the first month, and records it', async () => {
    const late = json(await cli(['requests', 'add', '--person', 'Ewa Zielińska', '--type', 'access,erasure', '--received', '2026-09-01', '--as-of', '2026-10-20', '--json']));
    const r = await cli(['requests', 'update', late.id as string, '--extend', '--reason', 'Complex', '--told', '2026-10-20', '--as-of', '2026-10-20', '--json']);
    expect(json(r)).toMatchObject({ dueDate: '2026-12-01', extension: { toldLate: true } });
    expect(r.stderr).toContain('Warning: The person was told of the extension on 20/10/2026, after the first month had ended');
  });

  it('refuses a received date in the future, storing nothing', async () => {
    const before = json(await cli(['requests', 'list', '--all', '--json']));
    const future = await cli(['requests', 'add', '--person', 'Ana', '--type', 'access', '--received', '2026-11-11', '--as-of', '2026-11-10']);
    expect(future.code).toBe(1);
    expect(future.stderr).toContain('The day the request was received (11/11/2026) is after today (10/11/2026).');
    expect(json(await cli(['requests', 'list', '--all', '--json']))).toEqual(before);
  });

  it('refuses an unknown id and an unknown kind of request', async () => {
    const unknown = await cli(['requests', 'show', 'dsr_00000000000000000000']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('That data request could not be found.');
    const badType = await cli(['requests', 'add', '--person', 'Ana', '--type', 'access,deletion', '--received', '2026-11-01']);
    expect(badType.code).not.toBe(0);
    expect(badType.stderr).toContain('"deletion" is not a kind of request');
  });

  it('refuses the owner’s steps to reception, changing nothing', async () => {
    const before = json(await cli(['requests', 'show', id, '--json']));
    const refused = await cli(['requests', 'update', id, '--status', 'closed', '--outcome', 'complied'], reception);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Your role does not allow this.');
    expect(json(await cli(['requests', 'show', id, '--json']))).toEqual(before);
  });
});
