import { describe, expect, it } from 'vitest';
import { bankHolidaysFor } from './bank-holidays';
import { NO_HOLIDAY_CHANGES } from './holiday-changes';
import { workingDaysFor } from './working-days';

describe('working days', () => {
  const ew = workingDaysFor('england-and-wales');
  const scot = workingDaysFor('scotland');
  const ni = workingDaysFor('northern-ireland');

  it('weekends are not working days; an ordinary weekday is', () => {
    expect(ew.isWorkingDay('2026-12-05')).toBe(false); // Saturday
    expect(ew.isWorkingDay('2026-12-06')).toBe(false); // Sunday
    expect(ew.isWorkingDay('2026-12-07')).toBe(true);
    expect(ew.holidayName('2026-12-07')).toBeNull();
  });

  it('England and Wales 2026 are GOV.UK’s eight dates', () => {
    expect(bankHolidaysFor('england-and-wales', 2026, NO_HOLIDAY_CHANGES).map((h) => h.date)).toEqual([
      '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28',
    ]);
  });

  it('regions differ: 2 January and St Andrew’s Day in Scotland, St Patrick’s Day in Northern Ireland', () => {
    expect(scot.isWorkingDay('2026-01-02')).toBe(false);
    expect(ew.isWorkingDay('2026-01-02')).toBe(true);
    expect(scot.holidayName('2026-11-30')).toBe('St Andrew’s Day');
    expect(ew.isWorkingDay('2026-11-30')).toBe(true);
    expect(scot.isWorkingDay('2026-04-06')).toBe(true); // no Easter Monday in Scotland
    expect(ni.holidayName('2026-03-17')).toBe('St Patrick’s Day');
    expect(ew.isWorkingDay('2026-03-17')).toBe(true);
  });

  it('published years are confirmed; later years are computed and marked expected', () => {
    const published = bankHolidaysFor('england-and-wales', 2028, NO_HOLIDAY_CHANGES);
    expect(published.every((h) => !h.expected)).toBe(true);
    const computed = bankHolidaysFor('england-and-wales', 2029, NO_HOLIDAY_CHANGES);
    expect(computed.map((h) => [h.date, h.expected])).toEqual([
      ['2029-01-01', true], ['2029-03-30', true], ['2029-04-02', true], ['2029-05-07', true],
      ['2029-05-28', true], ['2029-08-27', true], ['2029-12-25', true], ['2029-12-26', true],
    ]);
    expect(ew.isWorkingDay('2029-04-02')).toBe(false);
  });

  it('the owner’s added date is a holiday, a removed one is a working day again', () => {
    const changes = { added: [{ date: '2029-06-08', name: 'Royal wedding bank holiday' }], removed: ['2029-08-27'] };
    const days = workingDaysFor('england-and-wales', changes);
    expect(days.isWorkingDay('2029-06-08')).toBe(false);
    expect(days.holidayName('2029-06-08')).toBe('Royal wedding bank holiday');
    expect(days.isWorkingDay('2029-08-27')).toBe(true);
    const list = bankHolidaysFor('england-and-wales', 2029, changes);
    expect(list.find((h) => h.date === '2029-06-08')).toMatchObject({ addedByOwner: true, expected: false });
    expect(list.find((h) => h.date === '2029-08-27')).toMatchObject({ removedByOwner: true });
    // Another year is untouched.
    expect(bankHolidaysFor('england-and-wales', 2030, changes).some((h) => h.addedByOwner)).toBe(false);
  });

  it('refuses a region not in the list with BANK_HOLIDAY_REGION_UNKNOWN', () => {
    for (const region of ['wales', 'England', '', 'scotland ']) {
      expect(() => workingDaysFor(region as never)).toThrow(expect.objectContaining({ code: 'BANK_HOLIDAY_REGION_UNKNOWN' }));
      expect(() => bankHolidaysFor(region as never, 2026, NO_HOLIDAY_CHANGES)).toThrow(
        expect.objectContaining({ code: 'BANK_HOLIDAY_REGION_UNKNOWN' }),
      );
    }
  });

  it('refuses a date that is not one', () => {
    expect(() => ew.isWorkingDay('2026-02-30')).toThrow(RangeError);
  });
});
