/**
 * A client destroyed by a retention batch is gone, but a member of staff may
 * still have their record open on another screen. Every call that names the
 * client afterwards is refused with RECORD_DESTROYED (the dispatcher asks
 * here first, app.ts), so the screen can close the record with a clear
 * message instead of a puzzling "not found". The batch items keep only the id.
 */
import { AppError } from '../../contract/errors';
import { formatUkInstantDate } from '../../contract/uk-formats';
import type { Db } from '../db/types';

const statements = new WeakMap<Db, ReturnType<Db['prepare']>>();

export function destroyedOn(db: Db, clientId: string): string | null {
  let s = statements.get(db);
  if (!s) {
    s = db.prepare(
      `SELECT i.done_at AS at FROM retention_batch_items i
        WHERE i.client_id = ? AND i.state = 'done' AND NOT EXISTS (SELECT 1 FROM clients c WHERE c.id = i.client_id)
        ORDER BY i.done_at DESC LIMIT 1`,
    );
    statements.set(db, s);
  }
  const row = s.get(clientId) as { at: string } | undefined;
  return row?.at ?? null;
}

/** Throws RECORD_DESTROYED when the input names a client a retention batch destroyed. */
export function refuseDestroyedClient(db: Db, input: unknown): void {
  if (!input || typeof input !== 'object') return;
  const clientId = (input as { clientId?: unknown }).clientId;
  if (typeof clientId !== 'string') return;
  const at = destroyedOn(db, clientId);
  if (at) {
    throw new AppError(
      'RECORD_DESTROYED',
      `This client’s record is no longer held: it was destroyed on ${formatUkInstantDate(at)} at the end of its retention period. Close it; the destruction log lists it by reference only.`,
    );
  }
}
