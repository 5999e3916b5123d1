/** calendar.*: the bank holidays the deadlines count (docs/deadlines.md). */
import type { HandlersFor } from '../handler-types';
import { serviceContext } from '../service/service-context';
import { addBankHoliday, listBankHolidays, removeBankHoliday } from './calendar-service';

export const calendarHandlers: HandlersFor<'calendar.holidays' | 'calendar.addHoliday' | 'calendar.removeHoliday'> = {
  // Everyone sees the calendar the due dates are counted on; only the owner changes it.
  'calendar.holidays': { access: 'signed-in', run: (ctx, input) => listBankHolidays(serviceContext(ctx), input.year) },
  'calendar.addHoliday': { access: 'settings.manage', run: (ctx, input) => addBankHoliday(serviceContext(ctx), input) },
  'calendar.removeHoliday': { access: 'settings.manage', run: (ctx, input) => removeBankHoliday(serviceContext(ctx), input) },
};
