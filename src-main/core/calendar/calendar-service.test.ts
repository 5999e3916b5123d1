/**
 * The clinic's bank-holiday calendar through the dispatcher: the region from
 * settings, the owner's one-off dates (audit-logged, date only), reception
 * refused by the core, bad input refused with nothing stored.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signInAs, signInAsOwner } from '../test-support/test-clients';
import { type TestVault, createTestVault, errorCodeOf } from '../test-support/temp-vault';
import { dbOf } from '../test-support/upload-test-support';
import { computeDeadline } from '../requests/deadline';
import { clinicWorkingDays } from './working-days';

let tv: TestVault;
beforeEach(async () => {
  tv = await createTestVault();
});
afterEach(() => tv?.cleanup());

const dates = async (year: number) => (await tv.api.call('calendar.holidays', { year })).holidays.map((h) => h.date);
const auditRows = () =>
  dbOf(tv.api).prepare("SELECT action, detail FROM audit_log WHERE action LIKE 'settings.bank_holiday%' ORDER BY seq").all() as Array<{
    action: string;
    detail: string;
  }>;
const storedChanges = () => dbOf(tv.api).prepare("SELECT value FROM settings WHERE key = 'calendar.holidayChanges'").get();
const settingsOf = () => tv.api.core.requireSession().vault.settings;

describe('calendar.holidays', () => {
  it('lists the region’s year with GOV.UK’s attribution; a later year is expected', async () => {
    const y = await tv.api.call('calendar.holidays', { year: 2026 });
    expect(y).toMatchObject({ region: 'england-and-wales', year: 2026, publishedFrom: 2019, publishedTo: 2028 });
    expect(y.source).toContain('Open Government Licence v3.0');
    expect(y.holidays).toHaveLength(8);
    expect(y.holidays.every((h) => !h.expected && !h.addedByOwner)).toBe(true);
    const later = await tv.api.call('calendar.holidays', { year: 2031 });
    expect(later.holidays.every((h) => h.expected)).toBe(true);
  });

  it('follows the region setting: Scotland has 2 January and St Andrew’s Day, and deadlines count them', async () => {
    expect(await dates(2026)).not.toContain('2026-01-02');
    await tv.api.call('settings.update', { bankHolidayRegion: 'scotland' });
    const scot = await dates(2026);
    expect(scot).toContain('2026-01-02');
    expect(scot).toContain('2026-11-30');
    expect(scot).toContain('2026-06-15'); // the 2026 World Cup holiday, in GOV.UK's data
    const due = computeDeadline(
      { kind: 'request', receivedOn: '2026-10-30', waitsFor: [], clarifications: [], extension: null },
      clinicWorkingDays(settingsOf()),
    );
    expect(due.dueDate).toBe('2026-12-01');
  });

  it('refuses a region not in the list, and keeps the one set', async () => {
    const err = await tv.api.call('settings.update', { bankHolidayRegion: 'wales' as never }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'VALIDATION' });
    expect(JSON.stringify(err)).toContain('Northern Ireland');
    expect((await tv.api.call('settings.get', undefined)).bankHolidayRegion).toBe('england-and-wales');
  });

  it('refuses a year out of range', async () => {
    expect(await errorCodeOf(() => tv.api.call('calendar.holidays', { year: 1850 }))).toBe('VALIDATION');
  });
});

describe('the owner’s own dates', () => {
  it('adds a one-off date: listed as added by the owner, counted by the deadlines, audit-logged by date', async () => {
    const y = await tv.api.call('calendar.addHoliday', { date: '2029-06-08', name: 'Royal wedding bank holiday' });
    expect(y.holidays.find((h) => h.date === '2029-06-08')).toMatchObject({ name: 'Royal wedding bank holiday', addedByOwner: true, expected: false });
    const days = clinicWorkingDays(settingsOf());
    expect(days.isWorkingDay('2029-06-08')).toBe(false);
    // Received 8 May 2029 → due Fri 8 June, now a holiday → Mon 11 June.
    const due = computeDeadline({ kind: 'request', receivedOn: '2029-05-08', waitsFor: [], clarifications: [], extension: null }, days);
    expect(due.dueDate).toBe('2029-06-11');
    expect(auditRows()).toEqual([{ action: 'settings.bank_holiday_added', detail: JSON.stringify({ date: '2029-06-08', restored: 'no' }) }]);
  });

  it('removes a published date (a working day again), and can put it back', async () => {
    await tv.api.call('calendar.removeHoliday', { date: '2026-08-31' });
    expect(clinicWorkingDays(settingsOf()).isWorkingDay('2026-08-31')).toBe(true);
    const listed = (await tv.api.call('calendar.holidays', { year: 2026 })).holidays.find((h) => h.date === '2026-08-31');
    expect(listed).toMatchObject({ removedByOwner: true });
    await tv.api.call('calendar.addHoliday', { date: '2026-08-31', name: 'Summer bank holiday' });
    expect(clinicWorkingDays(settingsOf()).isWorkingDay('2026-08-31')).toBe(false);
    expect(auditRows().map((r) => r.action)).toEqual(['settings.bank_holiday_removed', 'settings.bank_holiday_added']);
  });

  it('removing an added date deletes it', async () => {
    await tv.api.call('calendar.addHoliday', { date: '2029-06-08', name: 'Royal wedding bank holiday' });
    const y = await tv.api.call('calendar.removeHoliday', { date: '2029-06-08' });
    expect(y.holidays.some((h) => h.date === '2029-06-08')).toBe(false);
  });

  it('bad input: an existing holiday, a date that is no holiday, an invalid date, no name; nothing stored', async () => {
    expect(await errorCodeOf(() => tv.api.call('calendar.addHoliday', { date: '2026-12-25', name: 'Christmas' }))).toBe('HOLIDAY_ALREADY_LISTED');
    expect(await errorCodeOf(() => tv.api.call('calendar.removeHoliday', { date: '2026-12-01' }))).toBe('HOLIDAY_NOT_LISTED');
    expect(await errorCodeOf(() => tv.api.call('calendar.addHoliday', { date: '2026-02-30', name: 'Nope' }))).toBe('VALIDATION');
    expect(await errorCodeOf(() => tv.api.call('calendar.addHoliday', { date: '2029-06-08', name: '  ' }))).toBe('VALIDATION');
    expect(storedChanges()).toBeUndefined();
    expect(auditRows()).toEqual([]);
  });

  it('reception can read the calendar but the core refuses their changes', async () => {
    await signInAs(tv.api, 'reception');
    expect((await tv.api.call('calendar.holidays', { year: 2026 })).holidays).toHaveLength(8);
    expect(await errorCodeOf(() => tv.api.call('calendar.addHoliday', { date: '2029-06-08', name: 'Royal wedding' }))).toBe('FORBIDDEN');
    expect(await errorCodeOf(() => tv.api.call('calendar.removeHoliday', { date: '2026-12-25' }))).toBe('FORBIDDEN');
    await signInAsOwner(tv.api);
    expect(storedChanges()).toBeUndefined();
  });
});
