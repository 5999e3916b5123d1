/**
 * CSV cells for every export (marketing lists, the notice list, the audit
 * view, recall): UTF-8 with a byte-order mark (so Excel reads "Zoë" as Zoë),
 * RFC 4180 quoting and CRLF line ends, and no cell that a spreadsheet would
 * run as a formula (OWASP "CSV injection": a leading = + - @, tab, CR or ;, or
 * the fullwidth ＝ ＋ － ＠ that some spreadsheets fold into the plain ones,
 * gets a single quote in front; docs/text-hygiene.md). Infrastructure: the
 * domains that export import it, and it imports none of them.
 */
export const CSV_BOM = '\uFEFF';

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
