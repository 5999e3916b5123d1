/**
 * TEMPORARY: stand-ins for retention-core's EARLY interfaces (INTERFACES13.md
 * A/B) until they land on main; removed at the merge. Nothing here refuses.
 */
import type { Db } from '../db/types';
import type { DestructionCategory } from '../destruction/categories';
import type { ServiceContext } from '../service/service-context';

export type RetentionCategory = 'clinical' | 'personal' | 'requests';
export interface RetentionPolicy {
  version: number;
}
export interface QueueRow {
  clientId: string;
  category: RetentionCategory;
  due: 'passed' | 'within-30' | 'within-90';
  held: boolean;
}
export function destructionCategoriesFor(c: RetentionCategory): DestructionCategory[] {
  if (c === 'clinical') return ['contact', 'marketing', 'other', 'clinical'];
  if (c === 'personal') return ['contact', 'marketing', 'other'];
  return [];
}
export function currentPolicy(_db: Db): RetentionPolicy {
  return { version: 1 };
}
export function requirePlausibleToday(_db: Db, _today: string): void {}
export function retentionQueue(ctx: ServiceContext, opts: { asOf: string; withinDays: 0 | 30 | 90 }): QueueRow[] {
  void opts;
  const ids = ctx.db.prepare('SELECT id FROM clients').all() as { id: string }[];
  return ids.flatMap((r) => (['clinical', 'personal'] as const).map((category) => ({ clientId: r.id, category, due: 'passed' as const, held: false })));
}
export function requireNoLegalHold(_db: Db, _clientId: string): void {}
