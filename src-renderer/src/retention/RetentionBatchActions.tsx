import type { QueueRowView } from '../../../src-main/contract/retention-types';

/**
 * Placeholder for the batch destroy and anonymise actions, which engineer
 * "retention-actions" builds in this file (docs/retention-actions.md). The
 * Retention page mounts it with the rows the owner selected.
 */
export function RetentionBatchActions(_props: { selected: QueueRowView[]; onDone: () => void }) {
  return null;
}
