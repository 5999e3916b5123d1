import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import { queryKeys } from '../../app/query-keys';
import { Alert } from '../../components/Alert';
import { formatDateTime } from '../../dates';
import type { QuickCheckStatus } from '../../../../src-main/contract/types';

/** How often to look again: the quick check runs in the background just after the owner signs in. */
const RECHECK_MS = 30_000;

/**
 * The owner's warning when the background quick check found damaged pages
 * (app.status carries it for owners only). Asks them to run the full check.
 * It looks again on each page change (`page`) and every RECHECK_MS.
 */
export function QuickCheckWarning({ page, onOpenCheck }: { page: string; onOpenCheck(): void }) {
  const status = useQuery({
    // The page is in the key so that each page change looks again.
    queryKey: [...queryKeys.appStatus, 'quick-check', page],
    queryFn: () => api('app.status'),
    refetchInterval: RECHECK_MS,
    // The banner stays while the next page looks again, as it did before.
    placeholderData: keepPreviousData,
    // Only the last page's answer is wanted.
    gcTime: 0,
  });
  // A failed look shows nothing: this is a warning banner, and a core that does not answer is
  // already reported by every other call on the page.
  const damage: QuickCheckStatus | null = status.data?.quickCheckDamage ?? null;

  if (!damage) return null;
  return (
    <Alert kind="warning" title="The vault database may be damaged">
      The quick check on {formatDateTime(new Date(damage.checkedAt))} found {damage.damagedPageCount} damaged{' '}
      {damage.damagedPageCount === 1 ? 'page' : 'pages'}.{' '}
      {page === 'vault-check' ? (
        // Already on the check's page: a button that goes to it would do nothing.
        'Run the vault check below to see which, before adding more records.'
      ) : (
        <>
          <button type="button" className="button button--small" onClick={onOpenCheck}>
            Run the full vault check
          </button>{' '}
          to see which, before adding more records.
        </>
      )}
    </Alert>
  );
}
