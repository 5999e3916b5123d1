import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';

/** The query keys of a record's rights state: invalidated after a restriction, a lift or an erasure. */
export const rightsKeys = {
  restriction: (clientId: string) => ['restriction.get', clientId] as const,
  erasure: (clientId: string) => ['erasure.status', clientId] as const,
  rectification: (clientId: string) => ['rectification.list', clientId] as const,
};

/**
 * Whether the record is restricted (UK GDPR Art 18) or its contact details
 * erased (Art 17): either makes it read-only. The core refuses the writes
 * anyway (CLIENT_RESTRICTED, CLIENT_ERASED); the record view only stops
 * offering them.
 */
export function useRecordRights(clientId: string) {
  const restriction = useQuery({ queryKey: rightsKeys.restriction(clientId), queryFn: () => api('restriction.get', { clientId }) });
  const erasure = useQuery({ queryKey: rightsKeys.erasure(clientId), queryFn: () => api('erasure.status', { clientId }) });
  const restricted = restriction.data?.current ?? null;
  const erased = erasure.data ?? null;
  return {
    restriction: restricted,
    erasure: erased,
    readOnly: restricted !== null || erased !== null,
    problem: restriction.error ?? erasure.error ?? null,
  };
}
