/**
 * The register's reads and writes through react-query (docs/renderer-data.md):
 * every write refreshes the dashboard, the request, and the home page's count.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import type { MethodOutput } from '../../../../src-main/contract/api';
import type { Method, MethodInput } from '../../../../src-main/contract/schemas';

export const REQUESTS_KEY = ['requests'] as const;

export function useRequestDashboard() {
  return useQuery({ queryKey: [...REQUESTS_KEY, 'dashboard'], queryFn: () => api('requests.dashboard', {}) });
}

export function useSubjectRequest(id: string) {
  return useQuery({ queryKey: [...REQUESTS_KEY, 'one', id], queryFn: () => api('requests.get', { id }) });
}

/** A write on a request; afterwards every register read is fetched again. */
export function useRequestWrite<M extends Extract<Method, 'requests.add' | 'requests.update' | 'requests.recordIdentity'>>(method: M) {
  const client = useQueryClient();
  return useMutation({
    // api's rest-argument typing cannot follow a generic method name; the input is still the method's own.
    mutationFn: (input: MethodInput<M>) => (api as unknown as (m: M, i: MethodInput<M>) => Promise<MethodOutput<M>>)(method, input),
    onSuccess: () => client.invalidateQueries({ queryKey: REQUESTS_KEY }),
  });
}
