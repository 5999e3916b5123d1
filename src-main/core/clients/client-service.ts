/**
 * Client records: create, read, update (with its Art 16 history), and disputed
 * fields. Each write is one transaction: the row, its search entry, its change
 * history, the last-interaction date and the audit entry succeed or fail together.
 * Audit entries carry ids and counts only, never a name or health data.
 */
import { AppError } from '../../contract/errors';
import type { ClientIdentity, ClientRecord, FieldChange, FieldDispute, RecordSection } from '../../contract/record-types';
import type { ParsedInput } from '../../contract/schemas';
import type { ServiceContext } from '../service/service-context';
import { newId } from '../platform/ids';
import { diffFields } from './change-history';
import { IDENTITY_FIELDS, type ClientRow, identityFromRow } from './client-repo';
import { clientServices } from './client-services';
import { checkClientRules, definedOnly, toNfc } from './client-validation';
import { recordInteraction } from './interactions';
import { applySuppressionList } from './suppression';
import { SECTION_LABELS, isSectionField, requireSectionAccess, visibleSections } from './record-sections';
import { indexClient, searchDocumentFor } from './search-index';
import { seesVisitSummary, withoutVisitSummary } from './visit-summary';
import { requireConfirmedDuplicates } from './duplicates-service';
import { mergedAwayMessage } from './merge-state';
import { legalHoldSummaryOf } from './legal-hold-marker';

const nowIso = (ctx: ServiceContext) => ctx.clock.now().toISOString();

/** The client's row, or NOT_FOUND (also for an id that was never a client's). */
export function requireClient(ctx: ServiceContext, clientId: string): ClientRow {
  const row = clientServices(ctx).repo.get(clientId);
  if (!row) throw new AppError('NOT_FOUND', 'That client could not be found. They may have been removed.');
  // A record merged into another is kept but closed: everything now happens on the kept record.
  const merged = mergedAwayMessage(ctx.db, clientId);
  if (merged) throw new AppError('NOT_FOUND', merged);
  return row;
}

/** The record as clients.get returns it, without logging a view (callers log their own action). */
export function toRecord(ctx: ServiceContext, row: ClientRow): ClientRecord {
  const { repo, disputes } = clientServices(ctx);
  const counts = repo.counts(row.id);
  const record: ClientRecord = {
    ...identityFromRow(row),
    id: row.id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastInteractionAt: row.last_interaction_at,
    lastVisitOn: row.last_visit_on,
    deceasedOn: row.deceased_on,
    treatmentCount: counts.treatments,
    photoCount: counts.photos,
    // Reception sees disputes about identity fields only: the others would reveal health data.
    openDisputes: disputes.open(row.id, visibleSections(ctx)),
    legalHold: legalHoldSummaryOf(ctx, row.id),
  };
  // The clinic may keep the visit summary from reception (visit-summary.ts).
  return seesVisitSummary(ctx) ? record : withoutVisitSummary(record);
}

export function createClient(ctx: ServiceContext, input: ParsedInput<'clients.create'>): ClientRecord {
  const { notDuplicateOf, ...identity } = toNfc(input);
  checkClientRules(identity, ctx.clock);
  const { repo } = clientServices(ctx);
  const id = newId('cl');
  const at = nowIso(ctx);
  ctx.db.transaction(() => {
    // Created now: the first interaction (the row starts with last_interaction_at = created_at).
    const rowid = repo.insert(id, identity, at);
    indexClient(ctx.db, rowid, searchDocumentFor(identity));
    // Refused (and rolled back) if it may be someone on file not confirmed as a different person.
    requireConfirmedDuplicates(ctx, identity, notDuplicateOf, { clientId: id });
    applySuppressionList(ctx.db, id, at); // Art 21(3): an email or phone on the suppression list
    ctx.audit.append({ staffId: ctx.actor.id, action: 'client.created', subjectType: 'client', subjectId: id });
  })();
  return toRecord(ctx, repo.get(id)!);
}

export function getClient(ctx: ServiceContext, clientId: string): ClientRecord {
  const row = requireClient(ctx, clientId);
  ctx.audit.append({ staffId: ctx.actor.id, action: 'client.viewed', subjectType: 'client', subjectId: clientId });
  return toRecord(ctx, row);
}

/**
 * Applies a partial change. Only the fields whose value actually changes are
 * written to the history; an update that changes nothing writes nothing (and
 * is not a contact with the client).
 */
export function updateClient(ctx: ServiceContext, input: ParsedInput<'clients.update'>): ClientRecord {
  const row = requireClient(ctx, input.clientId);
  const changes = toNfc(input.changes) as Partial<ClientIdentity>;
  // Only what changes is checked: an old record is never blocked by its own past.
  checkClientRules(changes, ctx.clock);
  const before = identityFromRow(row);
  const after: ClientIdentity = { ...before, ...definedOnly(changes) };
  const diffs = diffFields(before, after, IDENTITY_FIELDS);
  if (diffs.length === 0) return toRecord(ctx, row);

  const { repo, history } = clientServices(ctx);
  const at = nowIso(ctx);
  const staffId = ctx.actor.id;
  ctx.db.transaction(() => {
    repo.update(row.id, after, at);
    indexClient(ctx.db, row.rowid, searchDocumentFor(after));
    requireConfirmedDuplicates(ctx, after, input.notDuplicateOf, { clientId: row.id, before });
    applySuppressionList(ctx.db, row.id, at); // Art 21(3): an email or phone on the suppression list
    history.record({ clientId: row.id, section: 'identity', staffId, at, reason: input.reason.normalize('NFC') }, diffs);
    // A change to contact or identity details is a contact with the client (retention clock).
    recordInteraction(ctx.db, row.id, at);
    ctx.audit.append({
      staffId,
      action: 'client.updated',
      subjectType: 'client',
      subjectId: row.id,
      detail: { fields: diffs.length },
    });
  })();
  return toRecord(ctx, repo.get(row.id)!);
}

export function clientHistory(ctx: ServiceContext, clientId: string): { changes: FieldChange[]; disputes: FieldDispute[] } {
  requireClient(ctx, clientId);
  const { history, disputes } = clientServices(ctx);
  const sections = visibleSections(ctx);
  ctx.audit.append({ staffId: ctx.actor.id, action: 'client.history_viewed', subjectType: 'client', subjectId: clientId });
  return { changes: history.list(clientId, sections), disputes: disputes.list(clientId, sections) };
}

export function addDispute(ctx: ServiceContext, input: ParsedInput<'clients.addDispute'>): FieldDispute {
  requireClient(ctx, input.clientId);
  const section: RecordSection = input.section;
  requireSectionAccess(ctx, section, 'write', 'clients.addDispute');
  if (!isSectionField(section, input.field)) {
    const issues = [{ field: 'field', message: `"${input.field}" is not a field of the client's ${SECTION_LABELS[section]}.` }];
    throw new AppError('VALIDATION', issues[0]!.message, { issues });
  }
  const { disputes } = clientServices(ctx);
  return ctx.db.transaction(() => {
    const dispute = disputes.add({
      clientId: input.clientId,
      section,
      field: input.field,
      note: input.note.normalize('NFC'),
      staffId: ctx.actor.id,
      at: nowIso(ctx),
    });
    ctx.audit.append({
      staffId: ctx.actor.id,
      action: 'client.dispute_added',
      subjectType: 'client',
      subjectId: input.clientId,
      detail: { disputeId: dispute.id, section },
    });
    return dispute;
  })();
}

export function resolveDispute(ctx: ServiceContext, input: ParsedInput<'clients.resolveDispute'>): void {
  const { disputes } = clientServices(ctx);
  // Located without opening its note: a clinical note needs a key reception does not hold.
  const found = disputes.locate(input.disputeId);
  // A dispute of another client is treated as not found: ids do not cross records.
  if (!found || found.clientId !== input.clientId) {
    throw new AppError('NOT_FOUND', 'That dispute could not be found on this client’s record.');
  }
  const dispute = { id: input.disputeId, section: found.section };
  requireSectionAccess(ctx, dispute.section, 'write', 'clients.resolveDispute');
  ctx.db.transaction(() => {
    if (!disputes.resolve(dispute.id, ctx.actor.id, nowIso(ctx))) {
      throw new AppError('CONFLICT', 'That dispute has already been resolved.');
    }
    ctx.audit.append({
      staffId: ctx.actor.id,
      action: 'client.dispute_resolved',
      subjectType: 'client',
      subjectId: input.clientId,
      detail: { disputeId: dispute.id, section: dispute.section },
    });
  })();
}
