/** The access pack's reads and writes through react-query: a redaction refreshes the review and the request. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import type { MethodInput } from '../../../../src-main/contract/schemas';

export const accessPackKey = (requestId: string) => ['accessPack', requestId] as const;

export function useAccessPackReview(requestId: string) {
  return useQuery({ queryKey: accessPackKey(requestId), queryFn: () => api('accessPack.review', { requestId }) });
}

export function useRedaction(requestId: string, onChanged: () => void) {
  const client = useQueryClient();
  const settle = (review: Awaited<ReturnType<typeof api<'accessPack.redact'>>>) => {
    client.setQueryData(accessPackKey(requestId), review);
    onChanged();
  };
  const redact = useMutation({ mutationFn: (input: MethodInput<'accessPack.redact'>) => api('accessPack.redact', input), onSuccess: settle });
  const release = useMutation({ mutationFn: (itemId: string) => api('accessPack.unredact', { requestId, itemId }), onSuccess: settle });
  return { redact, release };
}
