/** The backup feature's react-query keys and reads (docs/backups.md). */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';

export const BACKUP_KEYS = {
  status: ['backup', 'status'] as const,
  settings: ['backup', 'settings'] as const,
  list: ['backup', 'list'] as const,
  all: ['backup'] as const,
};

/** The status for the home page and the top bar; refreshed every minute so "2 days old" turns red on time. */
export function useBackupStatus() {
  return useQuery({ queryKey: BACKUP_KEYS.status, queryFn: () => api('backup.status'), refetchInterval: 60_000 });
}
