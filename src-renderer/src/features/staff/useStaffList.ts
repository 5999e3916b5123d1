import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import { queryKeys } from '../../app/query-keys';

/** The staff list (owner only; the core refuses anyone else). Every staff change invalidates it. */
export function useStaffList(enabled = true) {
  return useQuery({ queryKey: queryKeys.staff, queryFn: () => api('staff.list'), enabled });
}
