/**
 * Placing, releasing and listing legal holds (docs/retention.md, "Legal
 * holds"). Owner only (records.destroy, checked by the dispatcher). Each step
 * is audit-logged with the hold's id and kind only: the reason is free text
 * and may name people, so it stays in the vault, not in the log.
 */
import { AppError } from '../../contract/errors';
import { londonToday } from '../../contract/field-schemas';
import type { HoldKind, LegalHold } from '../../contract/retention-types';
import { newId } from '../platform/ids';
import type { ServiceContext } from '../service/service-context';
import { type LegalHoldRow, openHoldOf, toLegalHold } from './legal-hold';

function requireHoldableClient(ctx: ServiceContext, clientId: string): void {
  if (!ctx.db.prepare('SELECT 1 FROM clients WHERE id = ?').get(clientId)) {
    throw new AppError('NOT_FOUND', 'That client could not be found. Their record may already have been destroyed.');
  }
  if (ctx.db.prepare('SELECT 1 FROM client_merges WHERE merged_id = ?').get(clientId)) {
    throw new AppError('NOT_FOUND', 'This record was merged into another client’s record. Place the hold on the record that holds everything now.');
  }
}

export interface PlaceHoldInput {
  clientId: string;
  kind: HoldKind;
  reason: string;
  reviewOn: string | null;
}

export function placeHold(ctx: ServiceContext, input: PlaceHoldInput): LegalHold {
  requireHoldableClient(ctx, input.clientId);
  const today = londonToday(ctx.clock.now());
  if (input.reviewOn !== null && input.reviewOn <= today) {
    throw new AppError('VALIDATION', 'The review date must be after today: it is when you mean to look at the hold again.', {
      issues: [{ field: 'reviewOn', message: 'Choose a date after today, or leave it empty.' }],
    });
  }
  return ctx.db.transaction(() => {
    if (openHoldOf(ctx.db, input.clientId)) throw new AppError('LEGAL_HOLD_EXISTS');
    const id = newId('hold');
    ctx.db
      .prepare(
        `INSERT INTO legal_holds (id, client_id, kind, reason, review_on, placed_on, placed_at, placed_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, input.clientId, input.kind, input.reason, input.reviewOn, today, ctx.clock.now().toISOString(), ctx.actor.id);
    ctx.audit.append({ staffId: ctx.actor.id, action: 'hold.placed', subjectType: 'client', subjectId: input.clientId, detail: { holdId: id, kind: input.kind } });
    return openHoldOf(ctx.db, input.clientId)!;
  })();
}

export function releaseHold(ctx: ServiceContext, input: { clientId: string; reason: string }): LegalHold {
  requireHoldableClient(ctx, input.clientId);
  return ctx.db.transaction(() => {
    const hold = openHoldOf(ctx.db, input.clientId);
    if (!hold) throw new AppError('NO_LEGAL_HOLD');
    ctx.db
      .prepare('UPDATE legal_holds SET released_on = ?, released_by = ?, release_reason = ? WHERE id = ?')
      .run(londonToday(ctx.clock.now()), ctx.actor.id, input.reason, hold.id);
    ctx.audit.append({ staffId: ctx.actor.id, action: 'hold.released', subjectType: 'client', subjectId: input.clientId, detail: { holdId: hold.id } });
    return toLegalHold(ctx.db.prepare('SELECT * FROM legal_holds WHERE id = ?').get(hold.id) as LegalHoldRow);
  })();
}

export interface HeldClient extends LegalHold {
  displayName: string;
  /** The review date has passed: the owner should decide whether the hold is still needed. */
  pastReview: boolean;
}

/** Open holds (newest first); with pastReview, only those whose review date has come. */
export function listHolds(ctx: ServiceContext, opts: { pastReview: boolean }): HeldClient[] {
  const today = londonToday(ctx.clock.now());
  const rows = ctx.db
    .prepare(
      `SELECT h.*, c.first_name, c.last_name FROM legal_holds h JOIN clients c ON c.id = h.client_id
       WHERE h.released_on IS NULL ${opts.pastReview ? 'AND h.review_on IS NOT NULL AND h.review_on <= ?' : ''}
       ORDER BY h.placed_at DESC`,
    )
    .all(...(opts.pastReview ? [today] : [])) as (LegalHoldRow & { first_name: string; last_name: string })[];
  return rows.map((r) => ({
    ...toLegalHold(r),
    displayName: `${r.first_name} ${r.last_name}`.trim() || 'Client (contact details erased)',
    pastReview: r.review_on !== null && r.review_on <= today,
  }));
}

/** A client's holds, newest first (the client page's history). */
export function holdsOf(ctx: ServiceContext, clientId: string): LegalHold[] {
  return (ctx.db.prepare('SELECT * FROM legal_holds WHERE client_id = ? ORDER BY placed_at DESC').all(clientId) as LegalHoldRow[]).map(toLegalHold);
}
