import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { queryKeys } from '../../app/query-keys';

/**
 * After a consent write (recorded, withdrawn, an objection, a TPS screening):
 * the client's consents and TPS panel, their photos (whose allowed uses follow
 * the photo consents) and every marketing count are asked again.
 */
export function useConsentChanged(clientId: string): () => void {
  const queryClient = useQueryClient();
  return useCallback(() => {
    for (const queryKey of [
      queryKeys.consent(clientId),
      queryKeys.tps(clientId),
      queryKeys.photos(clientId),
      queryKeys.marketing,
    ]) {
      void queryClient.invalidateQueries({ queryKey });
    }
  }, [queryClient, clientId]);
}
