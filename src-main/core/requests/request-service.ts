/**
 * Logging and changing data subject requests (issue #12 item 1,
 * docs/requests.md). Every change is checked on the request as it would be
 * after it (request-rules.ts), stored in one transaction with its history
 * entry and audit entry, and refused with nothing stored when it breaks a rule.
 */
import { AppError } from '../../contract/errors';
import { londonToday } from '../../contract/field-schemas';
import type { Clarification, RequestWithHistory } from '../../contract/request-types';
import type { ParsedInput } from '../../contract/schemas';
import { formatUkDate } from '../../contract/uk-formats';
import { newId } from '../platform/ids';
import type { ServiceContext } from '../service/service-context';
import { clinicWorkingDays } from './deadline-stand-in';
import { extensionNoticeDeadline } from './request-clock';
import { checkRequestDates } from './request-rules';
import {
  appendRequestHistory,
  clockFactsOf,
  getSubjectRequest,
  nextReference,
  type RequestRow,
  requestHistory,
  requireRequestRow,
} from './request-store';

/** "Today" for a change: --as-of may fix an earlier day (the CLI), never a later one. */
export function changeDay(ctx: ServiceContext, asOf: string | undefined): string {
  const real = londonToday(ctx.clock.now());
  if (asOf !== undefined && asOf > real) {
    throw new AppError('VALIDATION', `The "as of" day (${formatUkDate(asOf)}) is after today. Leave it out, or give today or an earlier day.`, {
      issues: [{ field: 'asOf', message: 'Give today or an earlier day.' }],
    });
  }
  return asOf ?? real;
}

function requireMatchableClient(ctx: ServiceContext, clientId: string): void {
  const found = ctx.db.prepare('SELECT 1 FROM clients WHERE id = ?').get(clientId);
  if (!found) throw new AppError('NOT_FOUND', 'That client could not be found. Search for them again, or log the request under the name the person gave.');
  const merged = ctx.db.prepare('SELECT 1 FROM client_merges WHERE merged_id = ?').get(clientId);
  if (merged) throw new AppError('NOT_FOUND', 'That record was merged into another one. Open the kept record and log the request there.');
}

function clarificationsOf(ctx: ServiceContext, id: string): Clarification[] {
  return (
    ctx.db
      .prepare('SELECT asked_on, answered_on FROM subject_request_clarifications WHERE request_id = ? ORDER BY seq')
      .all(id) as { asked_on: string; answered_on: string | null }[]
  ).map((c) => ({ askedOn: c.asked_on, answeredOn: c.answered_on }));
}

function withHistory(ctx: ServiceContext, id: string, asOf?: string): RequestWithHistory {
  return { request: getSubjectRequest(ctx, id, asOf), history: requestHistory(ctx.db, id) };
}

const COLUMNS = [
  'client_id', 'person_name', 'types', 'channel', 'received_on', 'requester_kind', 'requester_name', 'requester_relationship',
  'requester_authority', 'requester_proof', 'authority_requested_on', 'authority_received_on', 'identity_needed',
  'identity_requested_on', 'identity_received_on', 'fee_reason', 'fee_amount_pence', 'fee_requested_on', 'fee_received_on',
  'extension_reason', 'extension_told_on', 'extension_told_late', 'status', 'outcome', 'response_sent_on', 'notes', 'updated_at',
] as const satisfies readonly (keyof RequestRow)[];

function saveRow(ctx: ServiceContext, row: RequestRow, clarifications: Clarification[]): void {
  ctx.db
    .prepare(`UPDATE subject_requests SET ${COLUMNS.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`)
    .run(row);
  ctx.db.prepare('DELETE FROM subject_request_clarifications WHERE request_id = ?').run(row.id);
  const insert = ctx.db.prepare('INSERT INTO subject_request_clarifications (request_id, seq, asked_on, answered_on) VALUES (?, ?, ?, ?)');
  clarifications.forEach((c, i) => insert.run(row.id, i + 1, c.askedOn, c.answeredOn));
}

export function addRequest(ctx: ServiceContext, input: ParsedInput<'requests.add'>): RequestWithHistory {
  const today = changeDay(ctx, input.asOf);
  if (input.clientId) requireMatchableClient(ctx, input.clientId);
  const now = ctx.clock.now().toISOString();
  const third = input.requester.kind === 'third_party' ? input.requester : null;
  const row: RequestRow = {
    id: newId('dsr'),
    reference: '',
    client_id: input.clientId,
    person_name: input.personName,
    types: input.types.join(','),
    channel: input.channel,
    received_on: input.receivedOn,
    requester_kind: input.requester.kind,
    requester_name: third?.name ?? null,
    requester_relationship: third?.relationship ?? null,
    requester_authority: third?.authority ?? null,
    requester_proof: third?.proof ?? null,
    authority_requested_on: null,
    authority_received_on: null,
    identity_needed: input.identityNeeded,
    identity_requested_on: input.identityRequestedOn,
    identity_received_on: null,
    fee_reason: null,
    fee_amount_pence: null,
    fee_requested_on: null,
    fee_received_on: null,
    extension_reason: null,
    extension_told_on: null,
    extension_told_late: 0,
    status: 'open',
    outcome: null,
    response_sent_on: null,
    notes: input.notes,
    logged_at: now,
    logged_by: ctx.actor.id,
    updated_at: now,
  };
  checkRequestDates(row, [], today);
  ctx.db.transaction(() => {
    row.reference = nextReference(ctx.db, today.slice(0, 4));
    ctx.db
      .prepare(`INSERT INTO subject_requests (id, reference, logged_at, logged_by, ${COLUMNS.join(', ')})
                VALUES (@id, @reference, @logged_at, @logged_by, ${COLUMNS.map((c) => `@${c}`).join(', ')})`)
      .run(row);
    const { asOf: _asOf, ...detail } = input;
    appendRequestHistory(ctx, row, 'logged', { ...detail, reference: row.reference, fields: 'all' }, 'request.logged');
  })();
  return withHistory(ctx, row.id, input.asOf);
}

type Changes = ParsedInput<'requests.update'>['changes'];

/** The row and clarifications after the changes, and any warning the change must carry. */
function applyChanges(ctx: ServiceContext, before: RequestRow, beforeClar: Clarification[], c: Changes): { row: RequestRow; clarifications: Clarification[]; warnings: string[] } {
  const row: RequestRow = { ...before };
  const clarifications = beforeClar.map((x) => ({ ...x }));
  const warnings: string[] = [];
  if (before.status === 'closed' && c.status !== 'open') throw new AppError('REQUEST_CLOSED');
  if (c.clientId !== undefined) {
    requireMatchableClient(ctx, c.clientId);
    row.client_id = c.clientId;
  }
  if (c.types) row.types = c.types.join(',');
  if (c.channel) row.channel = c.channel;
  if (c.receivedOn) row.received_on = c.receivedOn;
  if (c.requester) {
    const third = c.requester.kind === 'third_party' ? c.requester : null;
    row.requester_kind = c.requester.kind;
    row.requester_name = third?.name ?? null;
    row.requester_relationship = third?.relationship ?? null;
    row.requester_authority = third?.authority ?? null;
    row.requester_proof = third?.proof ?? null;
    if (!third) {
      row.authority_requested_on = null;
      row.authority_received_on = null;
    }
  }
  if (c.identityNeeded !== undefined) row.identity_needed = c.identityNeeded;
  if (c.identityRequestedOn !== undefined) row.identity_requested_on = c.identityRequestedOn;
  if (c.identityReceivedOn !== undefined) row.identity_received_on = c.identityReceivedOn;
  if (c.authorityRequestedOn !== undefined || c.authorityReceivedOn !== undefined) {
    if (row.requester_kind !== 'third_party') {
      throw new AppError('VALIDATION', 'Proof of authority is only for a request made by someone else on the client’s behalf.');
    }
    if (c.authorityRequestedOn !== undefined) row.authority_requested_on = c.authorityRequestedOn;
    if (c.authorityReceivedOn !== undefined) row.authority_received_on = c.authorityReceivedOn;
  }
  if (c.clarificationAskedOn) {
    if (clarifications.some((x) => x.answeredOn === null)) {
      throw new AppError('VALIDATION', 'A clarification is already waiting for an answer. Record its answer before asking again.');
    }
    clarifications.push({ askedOn: c.clarificationAskedOn, answeredOn: null });
  }
  if (c.clarificationAnsweredOn) {
    const open = clarifications.find((x) => x.answeredOn === null);
    if (!open) {
      throw new AppError('REQUEST_DATE_ORDER', 'No clarification is waiting for an answer. Record the day you asked for it first.');
    }
    open.answeredOn = c.clarificationAnsweredOn;
  }
  if (c.fee) {
    row.fee_reason = c.fee.reason;
    row.fee_amount_pence = c.fee.amountPence;
    row.fee_requested_on = c.fee.requestedOn;
    row.fee_received_on = null;
  }
  if (c.feeReceivedOn) row.fee_received_on = c.feeReceivedOn;
  if (c.extension) {
    if (before.extension_told_on) throw new AppError('REQUEST_ALREADY_EXTENDED');
    const noticeBy = extensionNoticeDeadline(clockFactsOf(row, clarifications), clinicWorkingDays(ctx.settings));
    if (noticeBy === null) throw new AppError('REQUEST_NOT_STARTED');
    row.extension_reason = c.extension.reason;
    row.extension_told_on = c.extension.toldOn;
    // UK GDPR Art 12(3): the person is told within the first month. Later is allowed, with the warning kept on the request.
    row.extension_told_late = c.extension.toldOn > noticeBy ? 1 : 0;
    if (row.extension_told_late) {
      warnings.push(
        `The person was told of the extension on ${formatUkDate(c.extension.toldOn)}, after the first month ended on ${formatUkDate(noticeBy)}: UK GDPR Art 12(3) asks for it within the first month. The extension is recorded with this warning.`,
      );
    }
  }
  if (c.status) row.status = c.status;
  if (c.outcome !== undefined) row.outcome = c.outcome;
  if (c.responseSentOn !== undefined) row.response_sent_on = c.responseSentOn;
  if (c.notes !== undefined) row.notes = c.notes;
  return { row, clarifications, warnings };
}

function changeRequest(ctx: ServiceContext, id: string, changes: Changes, asOf: string | undefined): RequestWithHistory {
  const today = changeDay(ctx, asOf);
  const before = requireRequestRow(ctx.db, id);
  const { row, clarifications, warnings } = applyChanges(ctx, before, clarificationsOf(ctx, id), changes);
  row.updated_at = ctx.clock.now().toISOString();
  checkRequestDates(row, clarifications, today);
  ctx.db.transaction(() => {
    saveRow(ctx, row, clarifications);
    appendRequestHistory(
      ctx,
      row,
      'updated',
      { ...changes, fields: Object.keys(changes).join(','), ...(warnings.length ? { warnings, extensionToldLate: true } : {}) },
      'request.updated',
    );
  })();
  return withHistory(ctx, id, asOf);
}

export function updateRequest(ctx: ServiceContext, input: ParsedInput<'requests.update'>): RequestWithHistory {
  return changeRequest(ctx, input.id, input.changes, input.asOf);
}

/** Reception's part: the ID asked for, and when it arrived. */
export function recordIdentity(ctx: ServiceContext, input: ParsedInput<'requests.recordIdentity'>): RequestWithHistory {
  const changes: Changes = {};
  if (input.identityRequestedOn !== undefined) changes.identityRequestedOn = input.identityRequestedOn;
  if (input.identityReceivedOn !== undefined) changes.identityReceivedOn = input.identityReceivedOn;
  if (Object.keys(changes).length === 0) throw new AppError('VALIDATION', 'Give the day ID was asked for, or the day it arrived.');
  return changeRequest(ctx, input.id, changes, input.asOf);
}
