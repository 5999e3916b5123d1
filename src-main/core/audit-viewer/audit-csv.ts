/**
 * The audit viewer's filtered view as CSV (issue #10 item 6, docs/audit-viewer.md),
 * a piece of AUDIT_CSV_CHUNK entries per call: the window asks for the next
 * piece with the cursor the last one gave, shows progress from `seqsLeft`, can
 * stop between pieces, and never asks the core for the whole log in one call.
 *
 * Cells go through the marketing list's CSV code (src-main/core/marketing/marketing-csv.ts),
 * so a name or detail a spreadsheet would run as a formula is defused, and the
 * file has a byte-order mark and CRLF lines as that list does.
 *
 * The file carries client names, so the first piece of every export is itself
 * logged (`audit.exported`, with the filter's ids, never a name).
 */
import { AUDIT_CSV_CHUNK } from '../../contract/audit-schemas';
import { auditActionLabel, describeAuditDetail } from '../../contract/audit-actions';
import type { ParsedInput } from '../../contract/schemas';
import type { AuditCsvChunk, AuditEntry } from '../../contract/types';
import { formatUkDateTime } from '../../contract/uk-formats';
import type { SignedInContext } from '../handler-types';
import { CSV_BOM, csvRow } from '../export/csv';
import { auditFilterOf } from '../audit/audit-filter-input';
import { withNames } from './audit-names';

export const AUDIT_CSV_HEADERS = [
  'Entry',
  'Date and time',
  'Staff',
  'Staff id',
  'Action',
  'Action code',
  'Client',
  'Client id',
  'Subject type',
  'Subject id',
  'Subject name',
  'Detail',
];

export function auditCsvLine(e: AuditEntry): string {
  return `${csvRow([
    String(e.seq),
    formatUkDateTime(e.at),
    e.staffName ?? '',
    e.staffId ?? '',
    auditActionLabel(e.action),
    e.action,
    e.clientName ?? '',
    e.clientId ?? '',
    e.subjectType ?? '',
    e.subjectId ?? '',
    e.subjectName ?? '',
    describeAuditDetail(e.detail),
  ])}\r\n`;
}

export function auditCsvChunk(ctx: SignedInContext, input: ParsedInput<'audit.exportCsv'>): AuditCsvChunk {
  const { vault, session } = ctx;
  const first = input.beforeSeq === undefined;
  const filter = auditFilterOf(vault.db, input);
  const page = vault.audit.list({ ...filter, limit: AUDIT_CSV_CHUNK });
  const entries = withNames(vault.db, session, page.entries);
  if (first) {
    vault.audit.append({
      staffId: session.staff.id,
      action: 'audit.exported',
      detail: {
        action: input.action ?? null,
        staffId: input.staffId ?? null,
        subjectId: input.subjectId ?? null,
        clientId: input.clientId ?? null,
        from: input.from ?? null,
        to: input.to ?? null,
      },
    });
  }
  const lines = entries.map(auditCsvLine).join('');
  const next = page.nextBeforeSeq;
  return {
    csv: first ? `${CSV_BOM}${csvRow(AUDIT_CSV_HEADERS)}\r\n${lines}` : lines,
    rows: entries.length,
    nextBeforeSeq: next,
    seqsLeft: next === null ? 0 : Math.max(0, next - vault.audit.seqFloor(filter)),
  };
}
