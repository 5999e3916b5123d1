/**
 * The clinic's bank-holiday calendar: list a year, and the owner's one-off
 * additions and removals, each audit-logged (the date only: a date is not
 * personal data). The region itself is a clinic setting (settings.update).
 */
import type { BankHolidayYear } from '../../contract/calendar-types';
import { AppError } from '../../contract/errors';
import { formatUkDate } from '../../contract/uk-formats';
import type { ServiceContext } from '../service/service-context';
import { bankHolidaysFor } from './bank-holidays';
import { BANK_HOLIDAY_SOURCE, publishedYears } from './bank-holidays-published';
import { readHolidayChanges, writeHolidayChanges } from './holiday-changes';

export function listBankHolidays(ctx: Pick<ServiceContext, 'settings'>, year: number): BankHolidayYear {
  const region = ctx.settings.getClinic().bankHolidayRegion;
  const years = publishedYears(region);
  return {
    region,
    year,
    holidays: bankHolidaysFor(region, year, readHolidayChanges(ctx.settings)),
    publishedFrom: years[0] ?? 0,
    publishedTo: years[years.length - 1] ?? 0,
    source: BANK_HOLIDAY_SOURCE,
  };
}

const yearOfIso = (iso: string) => Number(iso.slice(0, 4));

function listed(ctx: ServiceContext, date: string) {
  return listBankHolidays(ctx, yearOfIso(date)).holidays.find((h) => h.date === date) ?? null;
}

/** Adds a date, or puts back one the owner had removed. */
export function addBankHoliday(ctx: ServiceContext, input: { date: string; name: string }): BankHolidayYear {
  const existing = listed(ctx, input.date);
  if (existing && !existing.removedByOwner) {
    throw new AppError('HOLIDAY_ALREADY_LISTED', `${formatUkDate(input.date)} is already a bank holiday in the clinic’s calendar (${existing.name}).`, {
      issues: [{ field: 'date', message: `Already a bank holiday: ${existing.name}.` }],
    });
  }
  const changes = readHolidayChanges(ctx.settings);
  const next = existing
    ? { ...changes, removed: changes.removed.filter((d) => d !== input.date) }
    : { ...changes, added: [...changes.added, { date: input.date, name: input.name }] };
  ctx.db.transaction(() => {
    writeHolidayChanges(ctx.settings, next);
    ctx.audit.append({
      staffId: ctx.actor.id,
      action: 'settings.bank_holiday_added',
      detail: { date: input.date, restored: existing ? 'yes' : 'no' },
    });
  })();
  return listBankHolidays(ctx, yearOfIso(input.date));
}

/** Removes a date: the owner's own addition goes; a published or expected one is marked removed. */
export function removeBankHoliday(ctx: ServiceContext, input: { date: string }): BankHolidayYear {
  const existing = listed(ctx, input.date);
  if (!existing || existing.removedByOwner) {
    throw new AppError('HOLIDAY_NOT_LISTED', undefined, {
      issues: [{ field: 'date', message: `${formatUkDate(input.date)} is not a bank holiday in the clinic’s calendar.` }],
    });
  }
  const changes = readHolidayChanges(ctx.settings);
  const next = existing.addedByOwner
    ? { ...changes, added: changes.added.filter((a) => a.date !== input.date) }
    : { ...changes, removed: [...changes.removed, input.date] };
  ctx.db.transaction(() => {
    writeHolidayChanges(ctx.settings, next);
    ctx.audit.append({ staffId: ctx.actor.id, action: 'settings.bank_holiday_removed', detail: { date: input.date } });
  })();
  return listBankHolidays(ctx, yearOfIso(input.date));
}
