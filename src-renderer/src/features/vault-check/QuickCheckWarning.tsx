import { useEffect, useState } from 'react';
import { api } from '../../api';
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
  const [damage, setDamage] = useState<QuickCheckStatus | null>(null);

  useEffect(() => {
    let stopped = false;
    const look = () =>
      api('app.status').then(
        (s) => {
          if (!stopped) setDamage(s.quickCheckDamage ?? null);
        },
        () => undefined,
      );
    void look();
    const timer = setInterval(() => void look(), RECHECK_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [page]);

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
