/**
 * The marketing list as CSV for a mailing or SMS service, or for Excel:
 * UTF-8 with a byte-order mark (so Excel reads "Zoë" as Zoë), a header row,
 * RFC 4180 quoting and CRLF line ends, and no cell that a spreadsheet would
 * run as a formula (OWASP "CSV injection": a leading = + - @, tab, CR or ;, or
 * the fullwidth ＝ ＋ － ＠ that some spreadsheets fold into the plain ones,
 * gets a single quote in front; docs/text-hygiene.md).
 */
import type { MarketingChannel } from '../../shared/consent-types';
import { formatUkPhone } from '../../shared/uk-formats';

export const CSV_BOM = '\uFEFF';
const MAX_ADDRESS_LINES = 4;

/** The contact fields a listed client's row is made from. */
export interface MarketingContact {
  firstName: string;
  lastName: string;
  preferredName: string;
  email: string;
  mobile: string;
  /** For the telephone: the one number that may be called (screened, or the client does not object). */
  callNumber: string;
  messengerHandle: string;
  addressLines: string[];
  postcode: string;
}

const NAME_HEADERS = ['First name', 'Last name', 'Preferred name'];

/**
 * Columns for each channel: the name and only what that channel needs
 * (issue #11 item 6), so a list handed to a mailing house or a caller holds no
 * contact detail the person did not agree to be reached on. Numbers are shown
 * the UK way (07700 900123): a leading + would be defused as a formula.
 */
const CHANNEL_COLUMNS: Record<MarketingChannel, { headers: string[]; cells(c: MarketingContact): string[] }> = {
  email: { headers: ['Email'], cells: (c) => [c.email] },
  sms: { headers: ['Mobile'], cells: (c) => [formatUkPhone(c.mobile)] },
  phone: { headers: ['Phone'], cells: (c) => [formatUkPhone(c.callNumber)] },
  post: {
    headers: [...Array.from({ length: MAX_ADDRESS_LINES }, (_, i) => `Address line ${i + 1}`), 'Postcode'],
    cells: (c) => {
      const lines = c.addressLines.filter((l) => l.trim() !== '');
      return [...Array.from({ length: MAX_ADDRESS_LINES }, (_, i) => lines[i] ?? ''), c.postcode];
    },
  },
  messenger: { headers: ['Messenger handle'], cells: (c) => [c.messengerHandle] },
};

export function csvHeaders(channel: MarketingChannel): string[] {
  return [...NAME_HEADERS, ...CHANNEL_COLUMNS[channel].headers];
}

const FORMULA_START = /^[=+\-@\t\r;\uff1d\uff0b\uff0d\uff20]/u;
/** A ; is quoted too: where it is the list separator (much of Europe) Excel splits cells on it. */
const NEEDS_QUOTES = /[",;\r\n]/;

/** One cell: defused if a spreadsheet would treat it as a formula, then quoted if RFC 4180 needs it. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRow(cells: readonly string[]): string {
  return cells.map(csvCell).join(',');
}

/** The first line: BOM and header row, CRLF. */
export function csvHeaderLine(channel: MarketingChannel): string {
  return `${CSV_BOM}${csvRow(csvHeaders(channel))}\r\n`;
}

/** One contact's line, CRLF: the pieces a streamed list is written from. */
export function csvContactLine(channel: MarketingChannel, c: MarketingContact): string {
  return `${csvRow([c.firstName, c.lastName, c.preferredName, ...CHANNEL_COLUMNS[channel].cells(c)])}\r\n`;
}

/** The whole file as text: BOM, header row, a row per contact, CRLF after every row. */
export function marketingCsv(channel: MarketingChannel, contacts: readonly MarketingContact[]): string {
  return csvHeaderLine(channel) + contacts.map((c) => csvContactLine(channel, c)).join('');
}
