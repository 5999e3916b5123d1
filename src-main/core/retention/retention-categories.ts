/**
 * Which destruction categories (destruction/categories.ts) each retention
 * category destroys (docs/retention.md, "Categories").
 *
 * - personal: contact, marketing and other non-clinical data. For a client who
 *   holds no clinical data, destroyClientData then removes the whole client.
 * - clinical: all four. The clinical record is what the clients row anchors,
 *   so destroying it removes the whole client (destroy-client.ts
 *   "removeWhole"); any personal data still in its own period goes with it.
 * - requests: none of a client's categories: a closed request's record lives in
 *   the requests register, and is destroyed by the request id (QueueRow.requestId).
 */
import type { RetentionCategory } from '../../contract/retention-types';
import type { DestructionCategory } from '../destruction/categories';

const DESTROYS: Record<RetentionCategory, readonly DestructionCategory[]> = {
  clinical: ['contact', 'marketing', 'other', 'clinical'],
  personal: ['contact', 'marketing', 'other'],
  requests: [],
};

export function destructionCategoriesFor(c: RetentionCategory): DestructionCategory[] {
  return [...DESTROYS[c]];
}
