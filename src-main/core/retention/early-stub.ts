/**
 * TEMPORARY: stands for retention-core's retentionQueue (INTERFACES13.md B)
 * until it lands on main; removed at that merge. Every client's clinical and
 * personal rows count as due, held ones marked held.
 */
import type { QueueRow } from '../../contract/retention-types';
import type { ServiceContext } from '../service/service-context';

export function retentionQueue(ctx: ServiceContext, opts: { asOf: string; withinDays: 0 | 30 | 90 }): QueueRow[] {
  const ids = ctx.db
    .prepare('SELECT c.id, EXISTS (SELECT 1 FROM legal_holds h WHERE h.client_id = c.id AND h.released_on IS NULL) AS held FROM clients c')
    .all() as { id: string; held: number }[];
  return ids.flatMap((r) =>
    (['clinical', 'personal'] as const).map((category) => ({
      clientId: r.id,
      category,
      rule: category === 'clinical' ? ('clinical-after-last-treatment' as const) : ('personal-after-last-interaction' as const),
      triggerKind: category === 'clinical' ? ('last-treatment' as const) : ('last-interaction' as const),
      triggerDate: opts.asOf,
      retainUntil: opts.asOf,
      due: 'passed' as const,
      held: r.held === 1,
      reviewedUntil: null,
    })),
  );
}
