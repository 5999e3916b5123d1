/**
 * Subject requests follow the person when two records are merged: every
 * request logged against the merged-away record moves to the kept one, so the
 * register, its deadlines and the kept record's access pack stay complete
 * (UK GDPR Art 15: the pack must hold everything held about the person, and
 * the merged-away record's details are part of the kept one from now on).
 *
 * Each moved request gets an entry in its own history ('client.merged', with
 * both record ids), audit-logged with ids only like every other request step.
 * Call inside the merge's transaction: the move happens with the merge or not
 * at all.
 */
import type { ServiceContext } from '../service/service-context';
import { appendRequestHistory } from '../requests/request-store';

export function moveSubjectRequests(ctx: ServiceContext, mergedId: string, keptId: string): number {
  const { db } = ctx;
  const ids = (db.prepare('SELECT id FROM subject_requests WHERE client_id = ? ORDER BY received_on, id').all(mergedId) as { id: string }[]).map((r) => r.id);
  const move = db.prepare('UPDATE subject_requests SET client_id = ?, updated_at = ? WHERE id = ?');
  const at = ctx.clock.now().toISOString();
  for (const id of ids) {
    move.run(keptId, at, id);
    appendRequestHistory(ctx, { id, client_id: keptId }, 'client.merged', { mergedClientId: mergedId, keptClientId: keptId }, 'request.step_recorded');
  }
  return ids.length;
}
