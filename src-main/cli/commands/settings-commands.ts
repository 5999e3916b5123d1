/**
 * settings show | set: the clinic's details, its bank-holiday region and the
 * owner's one-off bank holidays (docs/deadlines.md). Changes go through the same
 * contract methods as the Settings page (settings.update, calendar.*), so the
 * core checks the owner's permission and audit-logs each one.
 */
import type { Command } from 'commander';
import type { BankHolidayYear } from '../../contract/calendar-types';
import { AppError } from '../../contract/errors';
import { londonToday } from '../../contract/field-schemas';
import type { MethodInput } from '../../contract/schemas';
import { BANK_HOLIDAY_REGIONS, type BankHolidayRegion, type ClinicSettings } from '../../contract/types';
import { formatUkDate } from '../../contract/uk-formats';
import { type GlobalOptions, UsageError, parseUkDate, print, table, withSignedIn } from '../cli-context';

const REGION_LABELS: Record<BankHolidayRegion, string> = {
  'england-and-wales': 'England and Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
};

export function holidaysTable(y: BankHolidayYear): string {
  const rows = y.holidays.map((h) => [
    formatUkDate(h.date),
    h.name + (h.substitute ? ' (substitute day)' : ''),
    [h.expected ? 'expected' : '', h.addedByOwner ? 'added by the owner' : '', h.removedByOwner ? 'removed by the owner: a working day' : '']
      .filter(Boolean)
      .join(', '),
  ]);
  const expected = y.holidays.some((h) => h.expected)
    ? `\n"expected": GOV.UK has not published ${y.year} yet; the dates follow the usual pattern.`
    : '';
  return `Bank holidays ${y.year}, ${REGION_LABELS[y.region]}\n${table(['Date', 'Holiday', 'Note'], rows)}${expected}\nSource: ${y.source}`;
}

function settingsText(s: ClinicSettings, y: BankHolidayYear): string {
  const rows: Array<[string, string]> = [
    ['Clinic name', s.clinicName],
    ['Address', s.addressLines.join(', ')],
    ['Postcode', s.postcode],
    ['Phone', s.phone],
    ['Email', s.email],
    ['ICO registration', s.icoRegistrationNumber],
    ['Data protection contact', s.dataProtectionContact],
    ['Bank holidays', `${REGION_LABELS[s.bankHolidayRegion]} (${s.bankHolidayRegion})`],
    ['Lock after', `${s.autoLockMinutes} minutes idle`],
    ['Largest upload', `${s.maxUploadMB} MB`],
  ];
  return `${table(['Setting', 'Value'], rows)}\n\n${holidaysTable(y)}`;
}

function regionFrom(value: string): BankHolidayRegion {
  if (!(BANK_HOLIDAY_REGIONS as readonly string[]).includes(value)) {
    throw new AppError(
      'BANK_HOLIDAY_REGION_UNKNOWN',
      `“${value}” is not a bank-holiday region: use england-and-wales, scotland or northern-ireland. Nothing was changed.`,
    );
  }
  return value as BankHolidayRegion;
}

function wholeNumber(flag: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} takes a whole number.`);
  return Number(value);
}

function yearFrom(value: string | undefined): number {
  return value === undefined ? Number(londonToday().slice(0, 4)) : wholeNumber('--year', value);
}

interface SetOptions {
  clinicName?: string;
  address?: string[];
  postcode?: string;
  phone?: string;
  email?: string;
  icoRegistration?: string;
  dataProtectionContact?: string;
  bankHolidayRegion?: string;
  autoLockMinutes?: string;
  maxUploadMb?: string;
  addBankHoliday?: string;
  name?: string;
  removeBankHoliday?: string;
}

/** The settings.update changes the options ask for; every option checked before anything is sent. */
function changesFrom(o: SetOptions): MethodInput<'settings.update'> {
  const changes: MethodInput<'settings.update'> = {};
  if (o.clinicName !== undefined) changes.clinicName = o.clinicName;
  if (o.address !== undefined) changes.addressLines = o.address;
  if (o.postcode !== undefined) changes.postcode = o.postcode;
  if (o.phone !== undefined) changes.phone = o.phone;
  if (o.email !== undefined) changes.email = o.email;
  if (o.icoRegistration !== undefined) changes.icoRegistrationNumber = o.icoRegistration;
  if (o.dataProtectionContact !== undefined) changes.dataProtectionContact = o.dataProtectionContact;
  if (o.bankHolidayRegion !== undefined) changes.bankHolidayRegion = regionFrom(o.bankHolidayRegion);
  if (o.autoLockMinutes !== undefined) changes.autoLockMinutes = wholeNumber('--auto-lock-minutes', o.autoLockMinutes);
  if (o.maxUploadMb !== undefined) changes.maxUploadMB = wholeNumber('--max-upload-mb', o.maxUploadMb);
  return changes;
}

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

export function registerSettingsCommands(program: Command, globals: () => GlobalOptions): void {
  const settings = program.command('settings').description('The clinic’s details, bank-holiday region and bank holidays.');

  settings
    .command('show')
    .description('The clinic’s settings and the bank holidays the deadlines count, for this year or --year.')
    .option('--year <YYYY>', 'the year of bank holidays to list (default: this year)')
    .action(async (o: { year?: string }) => {
      const opts = globals();
      const year = yearFrom(o.year);
      await withSignedIn(opts, async (api) => {
        const s = await api.call('settings.get', undefined);
        const y = await api.call('calendar.holidays', { year });
        print(opts, { ...s, bankHolidays: y }, () => settingsText(s, y));
      });
    });

  settings
    .command('set')
    .description('Change the clinic’s details, its bank-holiday region, or add or remove a bank holiday (owner only).')
    .option('--clinic-name <text>', 'the clinic’s name, as on its letters')
    .option('--address <line>', 'an address line (repeat for each line; replaces the address)', collect)
    .option('--postcode <postcode>')
    .option('--phone <phone>')
    .option('--email <email>')
    .option('--ico-registration <number>', 'the ICO registration number, like ZA123456')
    .option('--data-protection-contact <text>')
    .option('--bank-holiday-region <region>', BANK_HOLIDAY_REGIONS.join(' | '))
    .option('--auto-lock-minutes <n>')
    .option('--max-upload-mb <n>')
    .option('--add-bank-holiday <date>', 'add a one-off bank holiday, DD/MM/YYYY or YYYY-MM-DD (with --name)')
    .option('--name <text>', 'the name of the bank holiday added')
    .option('--remove-bank-holiday <date>', 'remove a bank holiday (an added one, or one to work on)')
    .action(async (o: SetOptions) => {
      const opts = globals();
      const changes = changesFrom(o);
      const add = o.addBankHoliday === undefined ? null : parseUkDate(o.addBankHoliday, '--add-bank-holiday');
      const remove = o.removeBankHoliday === undefined ? null : parseUkDate(o.removeBankHoliday, '--remove-bank-holiday');
      if (add && !o.name) throw new UsageError('--add-bank-holiday needs --name, like --name "Royal wedding bank holiday".');
      if (!add && o.name !== undefined) throw new UsageError('--name goes with --add-bank-holiday.');
      if (Object.keys(changes).length === 0 && !add && !remove) {
        throw new UsageError('Nothing to change: give at least one option (see clinic-vault settings set --help).');
      }
      await withSignedIn(opts, async (api) => {
        let s = await api.call('settings.get', undefined);
        if (Object.keys(changes).length > 0) s = await api.call('settings.update', changes);
        let y: BankHolidayYear | null = null;
        if (add) y = await api.call('calendar.addHoliday', { date: add, name: o.name ?? '' });
        if (remove) y = await api.call('calendar.removeHoliday', { date: remove });
        y ??= await api.call('calendar.holidays', { year: yearFrom(undefined) });
        print(opts, { ...s, bankHolidays: y }, () => settingsText(s, y));
      });
    });
}
