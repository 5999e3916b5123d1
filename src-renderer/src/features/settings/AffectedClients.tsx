import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, messageOf } from '../../api';
import { CLIENT_READ, queryKeys } from '../../app/query-keys';
import { Alert } from '../../components/Alert';
import { downloadCsv } from '../../components/download-csv';
import { ProgressBar } from '../../components/ProgressBar';
import { useLongCall } from '../../components/useLongCall';
import type { NoticeAffectedCount, PrivacyNotice } from '../../../../src-main/contract/consent-types';

function clientsPhrase(n: number): string {
  return n === 1 ? '1 client' : `${n.toLocaleString('en-GB')} clients`;
}

/** What the consents rest on: the first notice finds them resting on none, not on "an older version". */
function restOn(count: NoticeAffectedCount): string {
  if (count.olderVersion === 0) return 'no recorded notice';
  if (count.noNotice === 0) return 'an older version';
  return 'an older version or on none';
}

/** The count first, then pages of 100 (Previous keeps the cursors it came by), and the whole list as CSV. */
export function AffectedClients(props: { notice: PrivacyNotice }) {
  const { notice } = props;
  const countQuery = useQuery({
    queryKey: queryKeys.noticeAffectedCount(notice.id),
    queryFn: () => api('notices.affectedCount', { noticeId: notice.id }),
  });
  const count = countQuery.data ?? null;
  // cursors[i] is where page i starts (undefined: the first page).
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const at = cursors[cursors.length - 1];
  // Each page names clients and the core logs each view of one, so a page is never answered from the cache.
  const pageQuery = useQuery({
    queryKey: queryKeys.noticeAffected(notice.id, at),
    queryFn: () => api('notices.affected', { noticeId: notice.id, ...(at === undefined ? {} : { after: at }) }),
    enabled: count !== null && count.total > 0,
    ...CLIENT_READ,
  });
  const page = pageQuery.data ?? null;
  const [exportProblem, setProblem] = useState<string | null>(null);
  const readError = countQuery.error ?? pageQuery.error;
  const problem = exportProblem ?? (readError ? messageOf(readError) : null);
  const exporting = useLongCall();

  async function exportCsv() {
    try {
      // null when stopped: the core made no file and logged nothing.
      const made = await exporting.run('notices.affectedCsv', { noticeId: notice.id });
      if (made) downloadCsv([made.csv], `privacy-notice-${notice.versionLabel.replace(/[^A-Za-z0-9.-]+/g, '-')}-clients.csv`);
    } catch (err) {
      setProblem(messageOf(err));
    }
  }

  if (problem) return <Alert kind="error">{problem}</Alert>;
  if (count === null) return <p className="muted">Counting the clients to contact…</p>;
  if (count.total === 0) {
    return (
      <Alert kind="success" title={`Version ${notice.versionLabel} published`}>
        <p>No client&rsquo;s consent rests on an older version.</p>
      </Alert>
    );
  }
  const first = (cursors.length - 1) * 100 + 1;
  return (
    <Alert kind="info" title={`Version ${notice.versionLabel} published`}>
      <p data-testid="notice-affected-count">
        {count.total === 1 ? '1 client’s consents rest' : `${clientsPhrase(count.total)}’ consents rest`} on{' '}
        {restOn(count)}. Contact them with the new notice; where the change affects what they agreed to, ask again.
      </p>
      <ul className="notice-affected-counts">
        <li data-testid="notice-affected-older">On an older version: {clientsPhrase(count.olderVersion)}</li>
        <li data-testid="notice-affected-none">No notice recorded: {clientsPhrase(count.noNotice)}</li>
      </ul>
      {page === null ? <p className="muted">Loading the list…</p> : null}
      {page && page.clients.length > 0 ? (
        <table className="table notice-affected">
          <caption className="visually-hidden">
            Clients to contact, {first} to {first + page.clients.length - 1} of {count.total}
          </caption>
          <thead>
            <tr>
              <th scope="col">Client</th>
              <th scope="col">Consents</th>
              <th scope="col">Version they were given</th>
            </tr>
          </thead>
          <tbody>
            {page.clients.map((c) => (
              <tr key={c.clientId}>
                <th scope="row" className="table__name">
                  <bdi dir="auto">{c.name}</bdi>
                </th>
                <td>{c.purposes.join(', ')}</td>
                <td>{c.noticeVersion || 'None recorded'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="form-actions">
        {page ? (
          <span className="muted" data-testid="notice-affected-range">
            {first}–{first + page.clients.length - 1} of {count.total.toLocaleString('en-GB')}
          </span>
        ) : null}
        <button type="button" className="button" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          Previous
        </button>
        <button
          type="button"
          className="button"
          disabled={!page?.next}
          onClick={() => {
            if (!page?.next) return;
            setCursors([...cursors, page.next]);
          }}
        >
          Next
        </button>
        {exporting.busy ? (
          <button type="button" className="button" onClick={exporting.stop}>
            Stop export
          </button>
        ) : null}
        <button type="button" className="button" disabled={exporting.busy} onClick={() => void exportCsv()}>
          {exporting.busy ? 'Exporting…' : 'Export CSV'}
        </button>
      </div>
      {exporting.busy ? <ProgressBar progress={exporting.progress} fallbackLabel="Making the list of clients to tell" /> : null}
      {exporting.stopped ? <p className="muted">The export was stopped. No file was made.</p> : null}
    </Alert>
  );
}
