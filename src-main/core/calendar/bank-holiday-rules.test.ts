import { describe, expect, it } from 'vitest';
import { BANK_HOLIDAY_REGIONS, type BankHolidayRegion } from '../../contract/types';
import { ruleHolidays } from './bank-holiday-rules';
import { publishedHolidays, publishedYears } from './bank-holidays-published';
import { easterSunday } from './easter';
import { isoFromDay } from './iso-days';

/**
 * Every one-off day in GOV.UK's published data 2019–2028, that the statutory
 * pattern cannot know: what the pattern gives that was not taken, and what was
 * proclaimed instead. The test below fails if the data holds any other difference.
 */
const ONE_OFFS: Array<{ name: string; regions: readonly BankHolidayRegion[]; instead: string[]; published: string[] }> = [
  {
    name: '2020: early May bank holiday moved from Mon 4 May to Fri 8 May for VE Day',
    regions: BANK_HOLIDAY_REGIONS,
    instead: ['2020-05-04 Early May bank holiday'],
    published: ['2020-05-08 Early May bank holiday (VE day)'],
  },
  {
    name: '2022: spring bank holiday moved from Mon 30 May to Thu 2 June, and Fri 3 June for the Platinum Jubilee',
    regions: BANK_HOLIDAY_REGIONS,
    instead: ['2022-05-30 Spring bank holiday'],
    published: ['2022-06-02 Spring bank holiday', '2022-06-03 Platinum Jubilee bank holiday'],
  },
  {
    name: '2022: Mon 19 September for the State Funeral of Queen Elizabeth II',
    regions: BANK_HOLIDAY_REGIONS,
    instead: [],
    published: ['2022-09-19 Bank Holiday for the State Funeral of Queen Elizabeth II'],
  },
  {
    name: '2023: Mon 8 May for the coronation of King Charles III',
    regions: BANK_HOLIDAY_REGIONS,
    instead: [],
    published: ['2023-05-08 Bank holiday for the coronation of King Charles III'],
  },
  {
    name: '2026: Mon 15 June, Scotland’s World Cup bank holiday',
    regions: ['scotland'],
    instead: [],
    published: ['2026-06-15 World Cup bank holiday'],
  },
];

const label = (h: { day: number; name: string; substitute: boolean }) =>
  `${isoFromDay(h.day)} ${h.name}${h.substitute ? ' (substitute day)' : ''}`;

describe('the statutory pattern reproduces GOV.UK’s published bank holidays', () => {
  const cases = BANK_HOLIDAY_REGIONS.flatMap((region) => publishedYears(region).map((year) => ({ region, year })));

  it('covers every region for 2019 to 2028', () => {
    for (const region of BANK_HOLIDAY_REGIONS) {
      expect(publishedYears(region)).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028]);
    }
  });

  it.each(cases)('$region $year: every date and name, except the named one-off days', ({ region, year }) => {
    const computed = new Set(ruleHolidays(region, year).map(label));
    for (const o of ONE_OFFS) {
      if (!o.regions.includes(region)) continue;
      for (const d of o.instead) if (d.startsWith(String(year))) computed.delete(d);
      for (const d of o.published) if (d.startsWith(String(year))) computed.add(d);
    }
    const published = publishedHolidays(region, year)!.map(label);
    expect([...computed].sort()).toEqual([...published].sort());
  });

  it('has exactly the one-off days named above (each one is really in the data)', () => {
    for (const o of ONE_OFFS) {
      for (const region of o.regions) {
        for (const p of o.published) {
          const year = Number(p.slice(0, 4));
          expect(publishedHolidays(region, year)!.map(label)).toContain(p);
        }
        for (const i of o.instead) {
          expect(ruleHolidays(region, Number(i.slice(0, 4))).map(label)).toContain(i);
        }
      }
    }
  });
});

describe('substitute days', () => {
  it('Christmas on a Saturday: Christmas Day and Boxing Day substitutes on Mon 27 and Tue 28 (2027)', () => {
    expect(ruleHolidays('england-and-wales', 2027).filter((h) => h.day >= 0).map(label).slice(-2)).toEqual([
      '2027-12-27 Christmas Day (substitute day)',
      '2027-12-28 Boxing Day (substitute day)',
    ]);
  });

  it('Scotland: 1 January on a Saturday gives Mon 3 and Tue 4 January (2033, computed)', () => {
    expect(ruleHolidays('scotland', 2033).map(label).slice(0, 2)).toEqual([
      '2033-01-03 New Year’s Day (substitute day)',
      '2033-01-04 2nd January (substitute day)',
    ]);
  });

  it('Northern Ireland: St Patrick’s Day and the Boyne on a Sunday move to the Monday (2030, 2029)', () => {
    expect(ruleHolidays('northern-ireland', 2030).map(label)).toContain('2030-03-18 St Patrick’s Day (substitute day)');
    expect(ruleHolidays('northern-ireland', 2029).map(label)).toContain('2029-07-12 Battle of the Boyne (Orangemen’s Day)');
    expect(ruleHolidays('northern-ireland', 2026).map(label)).toContain(
      '2026-07-13 Battle of the Boyne (Orangemen’s Day) (substitute day)',
    );
  });

  it('Scotland: St Andrew’s Day on a Saturday moves to Mon 2 December (2030)', () => {
    expect(ruleHolidays('scotland', 2030).map(label)).toContain('2030-12-02 St Andrew’s Day (substitute day)');
  });
});

describe('Easter', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2038, '2038-04-25'], // latest possible
    [2285, '2285-03-22'], // earliest possible
    [2000, '2000-04-23'],
  ])('%i: Easter Sunday %s', (year, iso) => {
    expect(isoFromDay(easterSunday(year))).toBe(iso);
  });
});
