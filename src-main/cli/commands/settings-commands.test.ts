/**
 * `clinic-vault settings show|set` as a script runs them: the region, the
 * clinic's details and the owner's one-off bank holidays, each through the
 * core; bad input refused with the message and nothing changed. Run in-process
 * (cli-in-process.ts); showing the settings in words also runs as a real process.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock, OWNER, SETUP_INPUT, addStaffMember, makeTempDir, openTestCore } from '../../core/test-support/temp-vault';
import { runCliInProcess } from '../../test-support/cli-in-process';
import { spawnCli } from '../../test-support/cli-process';

let tmp: ReturnType<typeof makeTempDir>;
let vault: string;
let reception: { username: string; password: string };

beforeAll(async () => {
  tmp = makeTempDir('cv-settings-cli-');
  vault = join(tmp.dir, 'vault');
  const api = openTestCore(vault, new FakeClock(Date.now()));
  await api.call('vault.setup', SETUP_INPUT);
  reception = await addStaffMember(api, 'reception');
  api.close();
});
afterAll(() => tmp.cleanup());

function cli(args: string[], as: { username: string; password: string } = OWNER) {
  return runCliInProcess([...args, '--user', as.username, '--vault', vault], { env: { CLINIC_VAULT_PASSWORD: as.password } });
}
/** The same as a real process (the one spawned run in this file). */
function spawned(args: string[], as: { username: string; password: string } = OWNER) {
  return spawnCli([...args, '--user', as.username, '--vault', vault], { env: { CLINIC_VAULT_PASSWORD: as.password } });
}

const show = async (year = '2026') => {
  const r = await cli(['settings', 'show', '--year', year, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { clinicName: string; addressLines: string[]; bankHolidayRegion: string; bankHolidays: { holidays: Array<{ date: string; name: string; expected: boolean; addedByOwner: boolean }> } };
};

describe('settings show / set', () => {
  it('shows the settings and the year’s bank holidays, in words and as JSON', async () => {
    const human = spawned(['settings', 'show', '--year', '2026']);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain('England and Wales (england-and-wales)');
    expect(human.stdout).toContain('28/12/2026  Boxing Day (substitute day)');
    expect(human.stdout).toContain('Open Government Licence v3.0');
    const s = await show();
    expect(s).toMatchObject({ clinicName: 'Riverside Aesthetics', bankHolidayRegion: 'england-and-wales' });
    expect(s.bankHolidays.holidays.map((h) => h.date)).toContain('2026-08-31');
    expect((await cli(['settings', 'show', '--year', '2030'])).stdout).toContain('expected');
  });

  it('sets the region: Scotland’s dates are listed', async () => {
    const r = await cli(['settings', 'set', '--bank-holiday-region', 'scotland', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ bankHolidayRegion: 'scotland' });
    const s = await show();
    expect(s.bankHolidays.holidays.map((h) => h.date)).toEqual(expect.arrayContaining(['2026-01-02', '2026-06-15', '2026-11-30']));
    expect((await cli(['settings', 'set', '--bank-holiday-region', 'england-and-wales'])).code).toBe(0);
  });

  it('refuses a region not in the list, and nothing changes', async () => {
    const r = await cli(['settings', 'set', '--bank-holiday-region', 'wales', '--clinic-name', 'Renamed']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('“wales” is not a bank-holiday region: use england-and-wales, scotland or northern-ireland');
    expect(await show()).toMatchObject({ clinicName: 'Riverside Aesthetics', bankHolidayRegion: 'england-and-wales' });
  });

  it('changes the clinic’s name and address', async () => {
    const r = await cli(['settings', 'set', '--clinic-name', 'Łąka Skin Clinic', '--address', '2 Mill Lane', '--address', 'Bath', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(await show()).toMatchObject({ clinicName: 'Łąka Skin Clinic', addressLines: ['2 Mill Lane', 'Bath'] });
  });

  it('adds and removes a one-off bank holiday', async () => {
    const added = await cli(['settings', 'set', '--add-bank-holiday', '08/06/2029', '--name', 'Royal wedding bank holiday', '--json']);
    expect(added.code, added.stderr).toBe(0);
    expect((await show('2029')).bankHolidays.holidays.find((h) => h.date === '2029-06-08')).toMatchObject({ addedByOwner: true, name: 'Royal wedding bank holiday' });
    const removed = await cli(['settings', 'set', '--remove-bank-holiday', '2029-06-08']);
    expect(removed.code, removed.stderr).toBe(0);
    expect((await show('2029')).bankHolidays.holidays.some((h) => h.date === '2029-06-08')).toBe(false);
  });

  it('bad input: an invalid date, a date that is no holiday, a missing name', async () => {
    const bad = await cli(['settings', 'set', '--add-bank-holiday', '30/02/2029', '--name', 'X']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--add-bank-holiday must be a real date');
    const none = await cli(['settings', 'set', '--remove-bank-holiday', '2026-12-01']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('not a bank holiday');
    const noName = await cli(['settings', 'set', '--add-bank-holiday', '2029-06-08']);
    expect(noName.code).toBe(2);
    expect(noName.stderr).toContain('--add-bank-holiday needs --name');
  });

  it('reception can look but not change', async () => {
    expect((await cli(['settings', 'show', '--json'], reception)).code).toBe(0);
    const r = await cli(['settings', 'set', '--bank-holiday-region', 'scotland'], reception);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Your role does not allow this');
    expect((await show()).bankHolidayRegion).toBe('england-and-wales');
  });
});
