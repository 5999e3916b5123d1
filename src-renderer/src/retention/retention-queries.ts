import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from '../api';
import { queryKeys } from '../app/query-keys';
import type { RetentionCategory, WithinDays } from '../../../src-main/contract/retention-types';

/** Query keys of the retention reads: everything under ['retention'] is refreshed after a policy change, a review or a hold. */
export const retentionKeys = {
  all: ['retention'] as const,
  queue: (withinDays: WithinDays, category: RetentionCategory | null) => ['retention', 'queue', withinDays, category ?? 'all'] as const,
  dueCount: ['retention', 'dueCount'] as const,
  policy: ['retention', 'policy'] as const,
  holdsPastReview: ['retention', 'holds', 'pastReview'] as const,
  hold: (clientId: string) => ['retention', 'hold', clientId] as const,
};

/** After any retention write: the queue, counts, policy and holds are read again (and the client record, which carries its hold). */
export function refreshRetention(queries: QueryClient, clientId?: string): void {
  void queries.invalidateQueries({ queryKey: retentionKeys.all });
  if (clientId) void queries.invalidateQueries({ queryKey: queryKeys.client(clientId) });
  // Search results carry the hold marker.
  void queries.invalidateQueries({ queryKey: ['clients'] });
}

/** The home page's "N clients are due for review" (owner only). */
export function useRetentionDueCount(enabled: boolean) {
  return useQuery({
    queryKey: retentionKeys.dueCount,
    queryFn: () => api('retention.queue', { withinDays: 0, summary: true }),
    enabled,
  });
}

export function useHoldsPastReview(enabled: boolean) {
  return useQuery({ queryKey: retentionKeys.holdsPastReview, queryFn: () => api('holds.list', { pastReview: true }), enabled });
}
