import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../api';
import { CLIENT_READ, queryKeys } from '../../app/query-keys';
import type { ClientRecord } from '../../../../src-main/contract/record-types';

/** One client's record (clients.get; the core logs the opening), asked afresh each time the record opens. */
export function useClientRecord(clientId: string) {
  return useQuery({
    queryKey: queryKeys.clientRecord(clientId),
    queryFn: () => api('clients.get', { clientId }),
    ...CLIENT_READ,
  });
}

/**
 * After a write that answered the record itself (details saved, date of death,
 * merge): the answer replaces the cached record, and everything else about the
 * client and every list of clients is asked again. The record is not asked
 * again: that would log a second opening nobody made.
 */
export function recordSaved(queryClient: QueryClient, saved: ClientRecord): void {
  queryClient.setQueryData(queryKeys.clientRecord(saved.id), saved);
  void queryClient.invalidateQueries({
    queryKey: queryKeys.client(saved.id),
    predicate: (q) => q.queryKey[2] !== 'record',
  });
  void queryClient.invalidateQueries({ queryKey: queryKeys.clients });
}

/** After a write that changes what the record shows (a treatment, a photo, a dispute): all of it is asked again. */
export function useRecordChanged(clientId: string): () => void {
  const queryClient = useQueryClient();
  return useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.client(clientId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.clients });
  }, [queryClient, clientId]);
}
