/**
 * The marketing list as CSV for a mailing or SMS service, or for Excel: a
 * header row and one line per contact, each channel with only its own columns.
 * The cells are made safe by export/csv.ts (quoting, formula defusing).
 */
import type { MarketingChannel } from '../../contract/consent-types';
import { formatUkPhone } from '../../contract/uk-formats';

import { CSV_BOM, csvRow } from '../export/csv';

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
