import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { queryKeys } from '../../app/query-keys';

/**
 * After a consent write (recorded, withdrawn, an objection): the client's
 * consents and TPS panel, their photos (whose allowed uses follow the photo
 * consents) and every marketing count are asked again. Nothing else: not the
 * record itself (that would log an opening nobody made), not other clients.
 */
export function invalidateConsent(queryClient: QueryClient, clientId: string): void {
  for (const queryKey of [
    queryKeys.consent(clientId),
    queryKeys.tps(clientId),
    queryKeys.photos(clientId),
    queryKeys.marketing,
  ]) {
    void queryClient.invalidateQueries({ queryKey });
  }
}

/** invalidateConsent for one client, for a view's write. */
export function useConsentChanged(clientId: string): () => void {
  const queryClient = useQueryClient();
  return useCallback(() => invalidateConsent(queryClient, clientId), [queryClient, clientId]);
}
