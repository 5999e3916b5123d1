/**
 * Restriction of processing (UK GDPR Art 18, docs/erasure-and-restriction.md):
 * while a client's data is restricted it is stored but not otherwise used: no
 * marketing, no disclosure, no edits, except with the owner's override for
 * legal claims or to protect another person (Art 18(2)), with the reason kept.
 * Lifting it requires recording that the client was told first (Art 18(3)).
 *
 * Readers of the state (the marketing export's SQL, the clinical alerts, the
 * write guard in restriction-guard.ts, the access pack) all ask here.
 */
import { AppError } from '../../contract/errors';
import type { Db } from '../db/types';
import { newId } from '../platform/ids';
import type { ServiceContext } from '../service/service-context';
import type { Restriction, RestrictionReason, ToldHow } from '../../contract/erasure-types';

export type { Restriction, RestrictionReason, ToldHow };

interface RestrictionRow {
  id: string;
  client_id: string;
  reason: RestrictionReason;
  detail: string;
  request_id: string | null;
  restricted_at: string;
  restricted_by: string;
  lifted_at: string | null;
  lifted_by: string | null;
  client_told_on: string | null;
  client_told_how: ToldHow | null;
}

function toRestriction(r: RestrictionRow): Restriction {
  return {
    id: r.id,
    clientId: r.client_id,
    reason: r.reason,
    detail: r.detail,
    requestId: r.request_id,
    restrictedAt: r.restricted_at,
    restrictedBy: r.restricted_by,
    liftedAt: r.lifted_at,
    liftedBy: r.lifted_by,
    clientToldOn: r.client_told_on,
    clientToldHow: r.client_told_how,
  };
}

/** SQL that is true for a restricted client, given the clients row's alias (the marketing export's hook). */
export function restrictedClientSql(clientAlias: string): string {
  if (!/^[a-z_][a-z0-9_]*$/i.test(clientAlias)) throw new Error('bad SQL alias');
  return `EXISTS (SELECT 1 FROM client_restrictions rx WHERE rx.client_id = ${clientAlias}.id AND rx.lifted_at IS NULL)`;
}

/** The restriction in force on the client, or null. */
export function openRestriction(db: Db, clientId: string): Restriction | null {
  const row = db.prepare('SELECT * FROM client_restrictions WHERE client_id = ? AND lifted_at IS NULL').get(clientId) as
    | RestrictionRow
    | undefined;
  return row ? toRestriction(row) : null;
}

export function isProcessingRestricted(db: Db, clientId: string): boolean {
  return db.prepare('SELECT 1 FROM client_restrictions WHERE client_id = ? AND lifted_at IS NULL').get(clientId) !== undefined;
}

/** Every restriction the client has had, newest first (the record's history and the access pack). */
export function restrictionHistory(db: Db, clientId: string): Restriction[] {
  const rows = db.prepare('SELECT * FROM client_restrictions WHERE client_id = ? ORDER BY restricted_at DESC, id').all(clientId) as RestrictionRow[];
  return rows.map(toRestriction);
}

/** For every edit of a client's data: CLIENT_RESTRICTED while a restriction is in force (Art 18(1)). */
export function requireNotRestricted(db: Db, clientId: string): void {
  if (isProcessingRestricted(db, clientId)) throw new AppError('CLIENT_RESTRICTED');
}

/**
 * For every disclosure of a client's data (the access pack, a letter to a
 * third party): refused while restricted unless the owner overrides with a
 * reason (Art 18(2): legal claims, protecting another person). The override
 * is kept with its reason; the audit entry names its id only.
 */
export function requireDisclosureAllowed(ctx: ServiceContext, clientId: string, override?: { reason: string; purpose?: string }): void {
  if (!isProcessingRestricted(ctx.db, clientId)) return;
  if (!override) throw new AppError('CLIENT_RESTRICTED_DISCLOSURE');
  if (ctx.actor.role !== 'owner') throw new AppError('FORBIDDEN');
  const reason = override.reason.normalize('NFC').trim();
  if (reason.length < 5) {
    const message = 'Say why this restricted record may be released (for example, for a legal claim).';
    throw new AppError('VALIDATION', message, { issues: [{ field: 'override.reason', message }] });
  }
  const id = newId('ro');
  ctx.db.transaction(() => {
    ctx.db
      .prepare('INSERT INTO restriction_overrides (id, client_id, purpose, reason, at, by_staff) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, clientId, override.purpose ?? 'disclosure', reason, ctx.clock.now().toISOString(), ctx.actor.id);
    ctx.audit.append({ staffId: ctx.actor.id, action: 'restriction.overridden', subjectType: 'client', subjectId: clientId, detail: { overrideId: id } });
  })();
}

export interface SetRestrictionInput {
  clientId: string;
  reason: RestrictionReason;
  detail: string;
  requestId: string | null;
}

export function setRestriction(ctx: ServiceContext, input: SetRestrictionInput): Restriction {
  const id = newId('rs');
  ctx.db.transaction(() => {
    if (isProcessingRestricted(ctx.db, input.clientId)) {
      throw new AppError('CONFLICT', 'This client’s record is already restricted.');
    }
    ctx.db
      .prepare(
        `INSERT INTO client_restrictions (id, client_id, reason, detail, request_id, restricted_at, restricted_by)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, input.clientId, input.reason, input.detail.normalize('NFC'), input.requestId, ctx.clock.now().toISOString(), ctx.actor.id);
    ctx.audit.append({
      staffId: ctx.actor.id,
      action: 'restriction.set',
      subjectType: 'client',
      subjectId: input.clientId,
      detail: { restrictionId: id, reason: input.reason },
    });
  })();
  return openRestriction(ctx.db, input.clientId)!;
}

export interface LiftRestrictionInput {
  clientId: string;
  /** Art 18(3): the client must be told before the restriction is lifted. */
  clientToldOn: string | null;
  clientToldHow: ToldHow | null;
}

export function liftRestriction(ctx: ServiceContext, input: LiftRestrictionInput): Restriction {
  const open = openRestriction(ctx.db, input.clientId);
  if (!open) throw new AppError('NOT_FOUND', 'This client’s record is not restricted, so there is nothing to lift.');
  if (!input.clientToldOn || !input.clientToldHow) throw new AppError('RESTRICTION_CLIENT_NOT_TOLD');
  const today = ctx.clock.now().toISOString().slice(0, 10);
  if (input.clientToldOn > today) {
    const message = 'The date the client was told cannot be in the future: tell them first, then lift the restriction.';
    throw new AppError('VALIDATION', message, { issues: [{ field: 'clientToldOn', message }] });
  }
  if (input.clientToldOn < open.restrictedAt.slice(0, 10)) {
    const message = 'The client must be told after the restriction began: that date is before it.';
    throw new AppError('VALIDATION', message, { issues: [{ field: 'clientToldOn', message }] });
  }
  ctx.db.transaction(() => {
    ctx.db
      .prepare('UPDATE client_restrictions SET lifted_at = ?, lifted_by = ?, client_told_on = ?, client_told_how = ? WHERE id = ?')
      .run(ctx.clock.now().toISOString(), ctx.actor.id, input.clientToldOn, input.clientToldHow, open.id);
    ctx.audit.append({
      staffId: ctx.actor.id,
      action: 'restriction.lifted',
      subjectType: 'client',
      subjectId: input.clientId,
      detail: { restrictionId: open.id, toldHow: input.clientToldHow },
    });
  })();
  return toRestriction(ctx.db.prepare('SELECT * FROM client_restrictions WHERE id = ?').get(open.id) as RestrictionRow);
}
