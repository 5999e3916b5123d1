import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import { CLIENT_READ, queryKeys } from '../../app/query-keys';
import type { Treatment } from '../../../../src-main/contract/record-types';

/** Newest first: by treatment date, then by when it was recorded. */
export function newestFirst(list: Treatment[]): Treatment[] {
  return [...list].sort(
    (a, b) => b.treatedOn.localeCompare(a.treatedOn) || b.createdAt.localeCompare(a.createdAt),
  );
}

/** A client's treatments, newest first (clinical roles only; the core logs the read). */
export function useTreatments(clientId: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.treatments(clientId),
    queryFn: () => api('treatments.list', { clientId }),
    select: newestFirst,
    enabled,
    ...CLIENT_READ,
  });
}

/** The treatment catalogue (Settings), for the add-treatment form. */
export function useTreatmentTypes(enabled = true) {
  return useQuery({
    queryKey: queryKeys.treatmentTypes,
    queryFn: () => api('treatmentTypes.list'),
    enabled,
  });
}
