/**
 * "Keep longer" (docs/retention.md, "Review"): the owner decides a due row's
 * data is still needed and keeps it N more months, with a reason. The row
 * leaves the queue until then (queue-rows.ts). The reason stays in the vault;
 * the audit log has the review's id, the category and the months.
 */
import { AppError } from '../../contract/errors';
import { londonToday } from '../../contract/field-schemas';
import type { RetentionCategory } from '../../contract/retention-types';
import { newId } from '../platform/ids';
import type { ServiceContext } from '../service/service-context';
import { addMonths } from './rules';

export interface ReviewInput {
  clientIds: string[];
  category: RetentionCategory;
  months: number;
  reason: string;
}

export interface ReviewResult {
  keptUntil: string;
  reviewed: number;
}

export function reviewRows(ctx: ServiceContext, input: ReviewInput): ReviewResult {
  const today = londonToday(ctx.clock.now());
  const keptUntil = addMonths(today, input.months);
  const ids = [...new Set(input.clientIds)];
  const exists = ctx.db.prepare('SELECT 1 FROM clients WHERE id = ? AND id NOT IN (SELECT merged_id FROM client_merges)');
  const missing = ids.filter((id) => !exists.get(id));
  if (missing.length) {
    throw new AppError('NOT_FOUND', `${missing.length === 1 ? 'A client' : `${missing.length} clients`} in the selection could not be found (${missing.join(', ')}). Refresh the queue and try again. Nothing was changed.`);
  }
  const insert = ctx.db.prepare(
    `INSERT INTO retention_reviews (id, client_id, category, months, kept_until, reason, reviewed_at, reviewed_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  ctx.db.transaction(() => {
    for (const clientId of ids) {
      const id = newId('rev');
      insert.run(id, clientId, input.category, input.months, keptUntil, input.reason, ctx.clock.now().toISOString(), ctx.actor.id);
      ctx.audit.append({
        staffId: ctx.actor.id,
        action: 'retention.reviewed',
        subjectType: 'client',
        subjectId: clientId,
        detail: { reviewId: id, category: input.category, months: input.months },
      });
    }
  })();
  return { keptUntil, reviewed: ids.length };
}
