/**
 * Legal holds (docs/retention.md, "Legal holds"): while a complaint, a claim,
 * an investigation or a safeguarding concern is open, the client's data may
 * be needed as evidence (UK GDPR Art 17(3)(e), docs/compliance.md), so nothing
 * of it may be destroyed or anonymised by any path. The one check point is
 * requireNoLegalHold, called first by destroyClientData (destruction/) and so
 * by erasure, the retention queue, the CLI and any direct call.
 */
import { AppError } from '../../contract/errors';
import { HOLD_KIND_LABELS, type HoldKind, type LegalHold, type LegalHoldSummary } from '../../contract/retention-types';
import { formatUkDate } from '../../contract/uk-formats';
import type { Db } from '../db/types';

export interface LegalHoldRow {
  id: string;
  client_id: string;
  kind: HoldKind;
  reason: string;
  review_on: string | null;
  placed_on: string;
  placed_by: string;
  released_on: string | null;
  released_by: string | null;
  release_reason: string | null;
}

export function toLegalHold(row: LegalHoldRow): LegalHold {
  return {
    id: row.id,
    clientId: row.client_id,
    kind: row.kind,
    reason: row.reason,
    reviewOn: row.review_on,
    placedOn: row.placed_on,
    placedBy: row.placed_by,
    releasedOn: row.released_on,
    releasedBy: row.released_by,
    releaseReason: row.release_reason,
  };
}

export function toHoldSummary(hold: LegalHold): LegalHoldSummary {
  return { kind: hold.kind, reason: hold.reason, reviewOn: hold.reviewOn, placedOn: hold.placedOn };
}

/** The client's open hold, or null. */
export function openHoldOf(db: Db, clientId: string): LegalHold | null {
  const row = db.prepare('SELECT * FROM legal_holds WHERE client_id = ? AND released_on IS NULL').get(clientId) as LegalHoldRow | undefined;
  return row ? toLegalHold(row) : null;
}

/**
 * The open hold on the client or on any record merged into it: a destruction
 * takes the merged-away records with the kept one (destruction/client-scope.ts),
 * so a hold placed on either stops it.
 */
function openHoldInScope(db: Db, clientId: string): LegalHoldRow | undefined {
  return db
    .prepare(
      `WITH RECURSIVE scope (id) AS (
         SELECT ? UNION SELECT m.merged_id FROM client_merges m JOIN scope ON m.kept_id = scope.id)
       SELECT h.* FROM legal_holds h JOIN scope ON h.client_id = scope.id WHERE h.released_on IS NULL
       ORDER BY h.client_id = ? DESC LIMIT 1`,
    )
    .get(clientId, clientId) as LegalHoldRow | undefined;
}

/** The message a refused destruction shows: the hold's kind, reason, who placed it and what to do. */
export function legalHoldMessage(db: Db, hold: Pick<LegalHoldRow, 'kind' | 'reason' | 'placed_by' | 'placed_on'>): string {
  const by = db.prepare('SELECT display_name FROM staff WHERE id = ?').get(hold.placed_by) as { display_name: string } | undefined;
  return (
    `This client is under a legal hold (${HOLD_KIND_LABELS[hold.kind].toLowerCase()}: “${hold.reason}”), ` +
    `placed by ${by?.display_name ?? 'a member of staff'} on ${formatUkDate(hold.placed_on)}, so nothing of their record can be destroyed or anonymised. ` +
    'Nothing was changed. If the matter is over, release the hold on the client’s page first.'
  );
}

/** Throws AppError 'LEGAL_HOLD' naming the hold. Every destruction and anonymisation path calls it. */
export function requireNoLegalHold(db: Db, clientId: string): void {
  const hold = openHoldInScope(db, clientId);
  if (hold) throw new AppError('LEGAL_HOLD', legalHoldMessage(db, hold));
}
