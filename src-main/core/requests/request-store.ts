/**
 * The register's rows and the request's own history (migration 0016,
 * docs/requests.md). Other steps of a request (the access pack, erasure)
 * read a request with getSubjectRequest and record what they did with
 * recordOnRequest, which keeps it in the request's history and the audit log.
 */
import { AppError } from '../../contract/errors';
import { londonToday } from '../../contract/field-schemas';
import type {
  Clarification,
  FeeReason,
  RequestChannel,
  RequestHistoryEntry,
  RequestOutcome,
  RequestStatus,
  RequestType,
  Requester,
  SubjectRequest,
} from '../../contract/request-types';
import type { AuditAction } from '../../contract/audit-actions';
import { formatUkDate } from '../../contract/uk-formats';
import type { AuditDetail } from '../audit/audit-log';
import type { Db } from '../db/types';
import type { ServiceContext } from '../service/service-context';
import { type ClockFacts, daysBetween, identityCheck, requestDeadline } from './request-clock';
import { clinicWorkingDays, type WorkingDays } from './deadline-stand-in';

export interface RequestRow {
  id: string;
  reference: string;
  client_id: string | null;
  person_name: string | null;
  types: string;
  channel: RequestChannel;
  received_on: string;
  requester_kind: 'self' | 'third_party';
  requester_name: string | null;
  requester_relationship: string | null;
  requester_authority: string | null;
  requester_proof: string | null;
  authority_requested_on: string | null;
  authority_received_on: string | null;
  identity_needed: string;
  identity_requested_on: string | null;
  identity_received_on: string | null;
  fee_reason: FeeReason | null;
  fee_amount_pence: number | null;
  fee_requested_on: string | null;
  fee_received_on: string | null;
  extension_reason: string | null;
  extension_told_on: string | null;
  extension_told_late: number;
  status: RequestStatus;
  outcome: RequestOutcome | null;
  response_sent_on: string | null;
  notes: string;
  logged_at: string;
  logged_by: string;
  updated_at: string;
}

interface ReadRow extends RequestRow {
  client_first: string | null;
  client_last: string | null;
  logged_by_name: string | null;
}

const SELECT = `SELECT r.*, c.first_name AS client_first, c.last_name AS client_last, s.display_name AS logged_by_name
                  FROM subject_requests r
                  LEFT JOIN clients c ON c.id = r.client_id
                  LEFT JOIN staff s ON s.id = r.logged_by`;

export function requesterOf(row: RequestRow): Requester {
  if (row.requester_kind === 'self') return { kind: 'self' };
  return {
    kind: 'third_party',
    name: row.requester_name ?? '',
    relationship: row.requester_relationship ?? '',
    authority: row.requester_authority,
    proof: row.requester_proof,
  };
}

export function clockFactsOf(row: RequestRow, clarifications: Clarification[]): ClockFacts {
  return {
    types: row.types.split(',') as RequestType[],
    receivedOn: row.received_on,
    requester: requesterOf(row),
    identityRequestedOn: row.identity_requested_on,
    identityReceivedOn: row.identity_received_on,
    authorityRequestedOn: row.authority_requested_on,
    authorityReceivedOn: row.authority_received_on,
    feeRequestedOn: row.fee_requested_on,
    feeReceivedOn: row.fee_received_on,
    clarifications,
    extensionToldOn: row.extension_told_on,
  };
}

/** "Today" for a read: the CLI's --as-of, else London's date now. */
export function todayFor(ctx: Pick<ServiceContext, 'clock'>, asOf?: string): string {
  return asOf ?? londonToday(ctx.clock.now());
}

function toRequest(row: ReadRow, clarifications: Clarification[], today: string, days: WorkingDays): SubjectRequest {
  const facts = clockFactsOf(row, clarifications);
  const { deadline, dueDate } = requestDeadline(facts, days);
  const identity = identityCheck(facts);
  const warnings: string[] = [];
  if (row.extension_told_late === 1) {
    warnings.push(
      `The person was told of the extension on ${formatUkDate(row.extension_told_on)}, after the first month had ended: UK GDPR Art 12(3) asks for it within the first month.`,
    );
  }
  const clientName = row.client_first !== null ? `${row.client_first} ${row.client_last ?? ''}`.trim() : null;
  return {
    id: row.id,
    reference: row.reference,
    clientId: row.client_id,
    personName: row.person_name,
    displayName: clientName ?? row.person_name ?? '',
    types: facts.types,
    channel: row.channel,
    receivedOn: row.received_on,
    requester: facts.requester,
    identityNeeded: row.identity_needed,
    identity: { requestedOn: row.identity_requested_on, receivedOn: row.identity_received_on },
    authority: { requestedOn: row.authority_requested_on, receivedOn: row.authority_received_on },
    clarifications,
    fee:
      row.fee_reason && row.fee_requested_on
        ? { reason: row.fee_reason, amountPence: row.fee_amount_pence ?? 0, requestedOn: row.fee_requested_on, receivedOn: row.fee_received_on }
        : null,
    extension: row.extension_told_on
      ? { reason: row.extension_reason ?? '', toldOn: row.extension_told_on, toldLate: row.extension_told_late === 1 }
      : null,
    status: row.status,
    outcome: row.outcome,
    responseSentOn: row.response_sent_on,
    notes: row.notes,
    dueDate,
    daysLeft: row.status === 'open' && dueDate ? daysBetween(today, dueDate) : null,
    deadline,
    identityVerified: identity.verified,
    identityProblem: identity.problem,
    warnings,
    loggedAt: row.logged_at,
    loggedByName: row.logged_by_name ?? '',
    updatedAt: row.updated_at,
  };
}

function clarificationsOf(db: Db, ids: string[]): Map<string, Clarification[]> {
  const out = new Map<string, Clarification[]>();
  if (ids.length === 0) return out;
  // One query for the whole list: most requests have none, and the dashboard reads hundreds.
  const rows = db
    .prepare(
      `SELECT request_id, asked_on, answered_on FROM subject_request_clarifications
        WHERE request_id IN (SELECT value FROM json_each(?)) ORDER BY request_id, seq`,
    )
    .all(JSON.stringify(ids)) as { request_id: string; asked_on: string; answered_on: string | null }[];
  for (const r of rows) {
    const list = out.get(r.request_id) ?? [];
    list.push({ askedOn: r.asked_on, answeredOn: r.answered_on });
    out.set(r.request_id, list);
  }
  return out;
}

/** Requests matching a WHERE clause on `r` (subject_requests), with their dates computed for `today`. */
export function readRequests(
  ctx: Pick<ServiceContext, 'db' | 'settings'>,
  where: string,
  params: unknown[],
  today: string,
): SubjectRequest[] {
  const rows = ctx.db.prepare(`${SELECT} WHERE ${where}`).all(...params) as ReadRow[];
  const clarifications = clarificationsOf(ctx.db, rows.map((r) => r.id));
  const days = clinicWorkingDays(ctx.settings);
  return rows.map((r) => toRequest(r, clarifications.get(r.id) ?? [], today, days));
}

/** The stored row, for a change (REQUEST_NOT_FOUND when there is none). */
export function requireRequestRow(db: Db, id: string): RequestRow {
  const row = db.prepare('SELECT * FROM subject_requests WHERE id = ?').get(id) as RequestRow | undefined;
  if (!row) throw new AppError('REQUEST_NOT_FOUND');
  return row;
}

/** One request as it stands (REQUEST_NOT_FOUND when there is none). */
export function getSubjectRequest(ctx: ServiceContext, id: string, asOf?: string): SubjectRequest {
  const [request] = readRequests(ctx, 'r.id = ?', [id], todayFor(ctx, asOf));
  if (!request) throw new AppError('REQUEST_NOT_FOUND');
  return request;
}

export function requestHistory(db: Db, id: string): RequestHistoryEntry[] {
  const rows = db
    .prepare(
      `SELECT h.seq, h.at, h.kind, h.detail, s.display_name AS staff_name FROM subject_request_history h
         LEFT JOIN staff s ON s.id = h.staff_id WHERE h.request_id = ? ORDER BY h.seq`,
    )
    .all(id) as { seq: number; at: string; kind: string; detail: string; staff_name: string | null }[];
  return rows.map((r) => ({ seq: r.seq, at: r.at, kind: r.kind, staffName: r.staff_name ?? '', detail: JSON.parse(r.detail) as Record<string, unknown> }));
}

const ID_LIKE = /^[a-z]{1,12}_[0-9a-f]{8,40}$/;
const HASH_LIKE = /^[0-9a-f]{64}$/;
const KIND = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;

/**
 * What of a change's detail may go to the audit log: ids, hashes, counts and
 * flags. Anything else (a name, a reason, a note) stays in the request's own
 * history only, so the audit log never holds personal data (docs/requests.md).
 */
export function auditSafeDetail(detail: Record<string, unknown>): AuditDetail {
  const out: AuditDetail = {};
  for (const [k, v] of Object.entries(detail)) {
    if (!/^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(k)) continue;
    if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
    else if (typeof v === 'boolean') out[k] = v;
    else if (typeof v === 'string' && (ID_LIKE.test(v) || HASH_LIKE.test(v))) out[k] = v;
    // The names of the fields a change touched (not their values).
    else if (k === 'fields' && typeof v === 'string' && /^[A-Za-z]+(,[A-Za-z]+)*$/.test(v) && v.length <= 120) out[k] = v;
  }
  return out;
}

/** Appends to the request's history and writes its audit entry, in one transaction. */
export function appendRequestHistory(
  ctx: Pick<ServiceContext, 'db' | 'audit' | 'clock' | 'actor'>,
  row: Pick<RequestRow, 'id' | 'client_id'>,
  kind: string,
  detail: Record<string, unknown>,
  action: AuditAction,
): void {
  if (!KIND.test(kind) || kind.length > 60) throw new Error(`request history kind "${kind}" is not a dotted name`);
  ctx.db.transaction(() => {
    ctx.db
      .prepare('INSERT INTO subject_request_history (request_id, at, staff_id, kind, detail) VALUES (?, ?, ?, ?, ?)')
      .run(row.id, ctx.clock.now().toISOString(), ctx.actor.id, kind, JSON.stringify(detail));
    ctx.audit.append({
      staffId: ctx.actor.id,
      action,
      subjectType: 'request',
      subjectId: row.id,
      detail: { kind, ...(row.client_id ? { clientId: row.client_id } : {}), ...auditSafeDetail(detail) },
    });
  })();
}

/**
 * Records a step another part of the app took on a request (kinds like
 * 'redaction.added', 'pack.exported', 'erasure.applied'): kept in the
 * request's own history with its whole detail, and audit-logged with the ids,
 * hashes, counts and flags of the detail only.
 */
export function recordOnRequest(
  ctx: ServiceContext,
  requestId: string,
  change: { kind: string; detail: Record<string, unknown> },
): void {
  const row = requireRequestRow(ctx.db, requestId);
  appendRequestHistory(ctx, row, change.kind, change.detail, 'request.step_recorded');
}

/** The next reference of a year: DSR-2026-0001, DSR-2026-0002, ... */
export function nextReference(db: Db, year: string): string {
  const prefix = `DSR-${year}-`;
  const row = db
    .prepare(`SELECT max(CAST(substr(reference, ?) AS INTEGER)) AS n FROM subject_requests WHERE reference LIKE ?`)
    .get(prefix.length + 1, `${prefix}%`) as { n: number | null };
  return `${prefix}${String((row.n ?? 0) + 1).padStart(4, '0')}`;
}
