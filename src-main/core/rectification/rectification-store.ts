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

function place(table: 'rectification_decisions' | 'client_statements', r: { id: string; clientId: string; section: RecordSection; field: string }): SealPlace {
  return { table, column: table === 'client_statements' ? 'statement' : 'reasons', clientId: r.clientId, rowId: `${r.id}|${r.section}|${r.field}` };
}

function sealIfClinical(ctx: ServiceContext, table: 'rectification_decisions' | 'client_statements', r: { id: string; clientId: string; section: RecordSection; field: string }, text: string): string {
  return isSealedSection(r.section) ? sealText(clinicalKeyOf(ctx.keys), place(table, r), text) : text;
}

function openIfClinical(ctx: ServiceContext, table: 'rectification_decisions' | 'client_statements', r: { id: string; clientId: string; section: RecordSection; field: string }, stored: string): string {
  return isSealedSection(r.section) ? openText(clinicalKeyOf(ctx.keys), place(table, r), stored) : stored;
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

export function declineRectification(ctx: ServiceContext, input: RectificationInput & { reasons: string }): RectificationDecision {
  requireClientRow(ctx, input.clientId);
  requireField(input.section, input.field);
  const id = newId('rd');
  const at = ctx.clock.now().toISOString();
  ctx.db.transaction(() => {
    ctx.db
      .prepare(
        `INSERT INTO rectification_decisions (id, client_id, request_id, section, field, reasons, decided_at, decided_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, input.clientId, input.requestId, input.section, input.field, sealIfClinical(ctx, 'rectification_decisions', { id, ...input }, input.reasons.normalize('NFC')), at, ctx.actor.id);
    ctx.audit.append({ staffId: ctx.actor.id, action: 'rectification.declined', subjectType: 'client', subjectId: input.clientId, detail: { decisionId: id, section: input.section } });
  })();
  return rectificationFor(ctx, input.clientId).decisions.find((d) => d.id === id)!;
}

export function recordStatement(ctx: ServiceContext, input: RectificationInput & { statement: string }): ClientStatement {
  requireClientRow(ctx, input.clientId);
  requireField(input.section, input.field);
  const id = newId('st');
  const at = ctx.clock.now().toISOString();
  ctx.db.transaction(() => {
    ctx.db
      .prepare(
        `INSERT INTO client_statements (id, client_id, request_id, section, field, statement, recorded_at, recorded_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, input.clientId, input.requestId, input.section, input.field, sealIfClinical(ctx, 'client_statements', { id, ...input }, input.statement.normalize('NFC')), at, ctx.actor.id);
    ctx.audit.append({ staffId: ctx.actor.id, action: 'rectification.statement_recorded', subjectType: 'client', subjectId: input.clientId, detail: { statementId: id, section: input.section } });
  })();
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
  const visible = (r: Row) => clinical || r.section === 'identity';
  const decisions = (
    ctx.db
      .prepare(
        `SELECT d.id, d.client_id, d.request_id, d.section, d.field, d.reasons AS text, d.decided_at AS at, s.display_name AS by_name
           FROM rectification_decisions d LEFT JOIN staff s ON s.id = d.decided_by WHERE d.client_id = ? ORDER BY d.decided_at DESC, d.rowid DESC`,
      )
      .all(clientId) as Row[]
  )
    .filter(visible)
    .map((r) => ({
      id: r.id,
      clientId: r.client_id,
      requestId: r.request_id,
      section: r.section,
      field: r.field,
      reasons: openIfClinical(ctx, 'rectification_decisions', { id: r.id, clientId, section: r.section, field: r.field }, r.text),
      decidedAt: r.at,
      decidedByName: r.by_name ?? '',
    }));
  const statements = (
    ctx.db
      .prepare(
        `SELECT c.id, c.client_id, c.request_id, c.section, c.field, c.statement AS text, c.recorded_at AS at, s.display_name AS by_name
           FROM client_statements c LEFT JOIN staff s ON s.id = c.recorded_by WHERE c.client_id = ? ORDER BY c.recorded_at DESC, c.rowid DESC`,
      )
      .all(clientId) as Row[]
  )
    .filter(visible)
    .map((r) => ({
      id: r.id,
      clientId: r.client_id,
      requestId: r.request_id,
      section: r.section,
      field: r.field,
      statement: openIfClinical(ctx, 'client_statements', { id: r.id, clientId, section: r.section, field: r.field }, r.text),
      recordedAt: r.at,
      recordedByName: r.by_name ?? '',
    }));
  return { decisions, statements };
}
