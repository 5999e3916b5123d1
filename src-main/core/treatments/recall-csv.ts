/**
 * A recall list as CSV (issue #10 item 10): every client who received a batch,
 * with how to reach them, for a spreadsheet or a letter merge. The same rows as
 * recall.byBatch, cells defused against spreadsheet formulas the way the
 * marketing export does (docs/text-hygiene.md), and the export is logged: a list
 * of clients' contact details leaving the app is a disclosure to account for.
 */
import { formatUkDate, formatUkPhone } from '../../contract/uk-formats';
import type { RecallHit } from '../../contract/record-types';
import type { ServiceContext } from '../service/service-context';
import { csvRow } from '../export/csv';
import { recallHits } from './treatment-service';

export const RECALL_CSV_HEADERS = ['Client', 'Date of birth', 'Mobile', 'Email', 'Treated on', 'Product', 'Batch', 'Practitioner'];

export function recallCsvText(hits: readonly RecallHit[]): string {
  const lines = [
    csvRow(RECALL_CSV_HEADERS),
    ...hits.map((h) =>
      // The mobile the UK way, as the recall window and CLI show it (stored E.164: a leading + would also be defused as a formula).
      csvRow([h.clientName, formatUkDate(h.dateOfBirth), formatUkPhone(h.mobile), h.email, formatUkDate(h.treatedOn), h.product, h.batchNumber, h.practitionerName]),
    ),
  ];
  // A byte-order mark so spreadsheet programs read accents in names correctly; CRLF as RFC 4180 says.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function recallCsv(ctx: ServiceContext, batchNumber: string): { batchNumber: string; csv: string; rows: number } {
  const { key, hits } = recallHits(ctx, batchNumber);
  ctx.audit.append({ staffId: ctx.actor.id, action: 'recall.exported', detail: { rows: hits.length } });
  return { batchNumber: key, csv: recallCsvText(hits), rows: hits.length };
}
