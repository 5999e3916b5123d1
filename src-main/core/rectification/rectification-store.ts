/**
 * Rectification (UK GDPR Art 16, docs/erasure-and-restriction.md). The change
 * history of what was corrected already exists (clients/change-history.ts,
 * with disputes in clients/disputes.ts); this adds the two records of a
 * correction NOT made: the clinic's decision to decline, with its reasons,
 * and the client's statement of disagreement, which is then shown with the
 * data (the record view) and included in every later access pack
 * (rectificationFor, for the access-pack engineer).
 *
 * Text about a medical or lifestyle field is health data: sealed under the
 * clinical key like a dispute's note (docs/clinical-sealing.md), and shown
 * only to roles that see that section.
 */
import { can } from '../../contract/permissions';
import type { ClientStatement, RectificationDecision, RectificationRecord } from '../../contract/erasure-types';
import type { RecordSection } from '../../contract/record-types';
import { AppError } from '../../contract/errors';
import { isSealedSection } from '../clients/change-history';
import { isSectionField, SECTION_LABELS } from '../clients/record-sections';
import { newId } from '../platform/ids';
import { type SealPlace, clinicalKeyOf, openText, sealText } from '../crypto/clinical-seal';
import type { ServiceContext } from '../service/service-context';

/**
 * The two records kept side by side: each has a text (sealed for clinical
 * sections), a time and a member of staff, in columns that differ only by
 * name. One description each, so writing and reading them is one piece of code.
 */
const RECORDS = {
  decision: { table: 'rectification_decisions', text: 'reasons', at: 'decided_at', by: 'decided_by', idPrefix: 'rd', action: 'rectification.declined', auditIdKey: 'decisionId' },
  statement: { table: 'client_statements', text: 'statement', at: 'recorded_at', by: 'recorded_by', idPrefix: 'st', action: 'rectification.statement_recorded', auditIdKey: 'statementId' },
} as const;
type RecordKind = keyof typeof RECORDS;

interface Located {
  id: string;
  clientId: string;
  section: RecordSection;
  field: string;
}

function place(kind: RecordKind, r: Located): SealPlace {
  return { table: RECORDS[kind].table, column: RECORDS[kind].text, clientId: r.clientId, rowId: `${r.id}|${r.section}|${r.field}` };
}

function sealIfClinical(ctx: ServiceContext, kind: RecordKind, r: Located, text: string): string {
  return isSealedSection(r.section) ? sealText(clinicalKeyOf(ctx.keys), place(kind, r), text) : text;
}

function openIfClinical(ctx: ServiceContext, kind: RecordKind, r: Located, stored: string): string {
  return isSealedSection(r.section) ? openText(clinicalKeyOf(ctx.keys), place(kind, r), stored) : stored;
}

function requireField(section: RecordSection, field: string): void {
  if (!isSectionField(section, field)) {
    const message = `"${field}" is not a field of the client's ${SECTION_LABELS[section]}.`;
    throw new AppError('VALIDATION', message, { issues: [{ field: 'field', message }] });
  }
}

function requireClientRow(ctx: ServiceContext, clientId: string): void {
  if (!ctx.db.prepare('SELECT 1 FROM clients WHERE id = ?').get(clientId)) throw new AppError('NOT_FOUND', 'That client could not be found.');
}

export interface RectificationInput {
  clientId: string;
  requestId: string | null;
  section: RecordSection;
  field: string;
}

/** Writes one decision or statement, with its audit entry, in one transaction; returns its id. */
function insertRecord(ctx: ServiceContext, kind: RecordKind, input: RectificationInput, text: string): string {
  requireClientRow(ctx, input.clientId);
  requireField(input.section, input.field);
  const r = RECORDS[kind];
  const id = newId(r.idPrefix);
  const at = ctx.clock.now().toISOString();
  ctx.db.transaction(() => {
    ctx.db
      .prepare(
        `INSERT INTO ${r.table} (id, client_id, request_id, section, field, ${r.text}, ${r.at}, ${r.by})
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, input.clientId, input.requestId, input.section, input.field, sealIfClinical(ctx, kind, { id, ...input }, text.normalize('NFC')), at, ctx.actor.id);
    ctx.audit.append({ staffId: ctx.actor.id, action: r.action, subjectType: 'client', subjectId: input.clientId, detail: { [r.auditIdKey]: id, section: input.section } });
  })();
  return id;
}

export function declineRectification(ctx: ServiceContext, input: RectificationInput & { reasons: string }): RectificationDecision {
  const id = insertRecord(ctx, 'decision', input, input.reasons);
  return rectificationFor(ctx, input.clientId).decisions.find((d) => d.id === id)!;
}

export function recordStatement(ctx: ServiceContext, input: RectificationInput & { statement: string }): ClientStatement {
  const id = insertRecord(ctx, 'statement', input, input.statement);
  return rectificationFor(ctx, input.clientId).statements.find((s) => s.id === id)!;
}

interface Row {
  id: string;
  client_id: string;
  request_id: string | null;
  section: RecordSection;
  field: string;
  text: string;
  at: string;
  by_name: string | null;
}

/**
 * The client's declined rectifications and statements of disagreement, in the
 * sections the caller's role may see, newest first. The reader for the record
 * view and for the access pack (which includes them in every later pack).
 */
export function rectificationFor(ctx: ServiceContext, clientId: string): RectificationRecord {
  const clinical = can(ctx.actor.role, 'clinical.read');
  const read = (kind: RecordKind) => {
    const r = RECORDS[kind];
    return (
      ctx.db
        .prepare(
          `SELECT x.id, x.client_id, x.request_id, x.section, x.field, x.${r.text} AS text, x.${r.at} AS at, s.display_name AS by_name
             FROM ${r.table} x LEFT JOIN staff s ON s.id = x.${r.by} WHERE x.client_id = ? ORDER BY x.${r.at} DESC, x.rowid DESC`,
        )
        .all(clientId) as Row[]
    )
      .filter((row) => clinical || row.section === 'identity')
      .map((row) => ({
        id: row.id,
        clientId: row.client_id,
        requestId: row.request_id,
        section: row.section,
        field: row.field,
        text: openIfClinical(ctx, kind, { id: row.id, clientId, section: row.section, field: row.field }, row.text),
        at: row.at,
        byName: row.by_name ?? '',
      }));
  };
  return {
    decisions: read('decision').map(({ text, at, byName, ...rest }) => ({ ...rest, reasons: text, decidedAt: at, decidedByName: byName })),
    statements: read('statement').map(({ text, at, byName, ...rest }) => ({ ...rest, statement: text, recordedAt: at, recordedByName: byName })),
  };
}
