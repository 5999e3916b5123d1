/**
 * What the batch actions use of the retention rules and legal holds
 * (retention-core's modules), in one place.
 */
export {
  type QueueRow,
  type RetentionCategory,
  currentPolicy,
  destructionCategoriesFor,
  requireNoLegalHold,
  requirePlausibleToday,
  retentionQueue,
} from './early-stub';
