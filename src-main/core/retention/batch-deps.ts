/**
 * What the batch actions use of the retention rules and legal holds
 * (retention-core's modules), in one place.
 */
export type { QueueRow, RetentionCategory } from './retention-types';
export { currentPolicy } from './policy-store';
export { destructionCategoriesFor } from './retention-categories';
export { requirePlausibleToday } from './clock-check';
export { requireNoLegalHold } from '../holds/legal-hold';
export { clientRetentionFacts } from './queue-facts';
export { queueRows } from './queue-rows';
