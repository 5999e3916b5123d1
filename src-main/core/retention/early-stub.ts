/**
 * TEMPORARY: stands for retention-core's retentionQueue (INTERFACES13.md B)
 * until it lands on main; removed at that merge. Every client's clinical and
 * personal rows count as due, held ones marked held.
 */
import type { QueueRow } from '../../contract/retention-types';
import { openHoldOf } from '../holds/legal-hold';
import type { ServiceContext } from '../service/service-context';

export function retentionQueue(ctx: ServiceContext, opts: { asOf: string; withinDays: 0 | 30 | 90 }): QueueRow[] {
  const ids = ctx.db.prepare('SELECT id FROM clients').all() as { id: string }[];
  return ids.flatMap((r) =>
    (['clinical', 'personal'] as const).map((category) => ({
      clientId: r.id,
      category,
      rule: category === 'clinical' ? ('clinical-after-last-treatment' as const) : ('personal-after-last-interaction' as const),
      triggerKind: category === 'clinical' ? ('last-treatment' as const) : ('last-interaction' as const),
      triggerDate: opts.asOf,
      retainUntil: opts.asOf,
      due: 'passed' as const,
      held: openHoldOf(ctx.db, r.id) !== null,
      reviewedUntil: null,
    })),
  );
}
