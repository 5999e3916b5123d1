import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, messageOf } from '../../api';
import { CLIENT_READ, queryKeys } from '../../app/query-keys';
import type { ClientPhoneTps } from '../../../../src-main/contract/tps-types';

/** The client's numbers with their TPS screening (docs/phones-and-tps.md). */
export function useTpsStatus(clientId: string) {
  const query = useQuery({
    queryKey: queryKeys.tps(clientId),
    queryFn: () => api('tps.status', { clientId }),
    ...CLIENT_READ,
  });
  return { numbers: query.data ?? null, problem: query.error ? messageOf(query.error) : null };
}

/**
 * After a screening or a "does not object to calls" answer: the core answers
 * the client's numbers as they now stand, which replace the cached ones, and
 * the marketing counts (the telephone list) are asked again.
 */
export function useTpsSaved(clientId: string): (numbers: ClientPhoneTps[]) => void {
  const queryClient = useQueryClient();
  return useCallback(
    (numbers) => {
      queryClient.setQueryData(queryKeys.tps(clientId), numbers);
      void queryClient.invalidateQueries({ queryKey: queryKeys.marketing });
    },
    [queryClient, clientId],
  );
}
