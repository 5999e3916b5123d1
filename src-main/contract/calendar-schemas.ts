/** Input schemas for the bank-holiday calendar (docs/deadlines.md). */
import { z } from 'zod';
import { isoDate, requiredText } from './field-schemas';

const year = z
  .number({ error: 'Give the year as a number, like 2027.' })
  .int('Give the year as a whole number, like 2027.')
  .min(2000, 'Choose a year from 2000 to 2100.')
  .max(2100, 'Choose a year from 2000 to 2100.');

export const calendarSchemas = {
  'calendar.holidays': z.object({ year }),
  /** The owner adds a one-off date (a royal occasion proclaimed after the shipped data). */
  'calendar.addHoliday': z.object({ date: isoDate, name: requiredText(100, 'name of the holiday') }),
  /** The owner removes a date: an added one goes, a published or expected one becomes a working day. */
  'calendar.removeHoliday': z.object({ date: isoDate }),
} as const;
