import { useInfiniteQuery } from '@tanstack/react-query';
import { api, messageOf } from '../../api';
import { CLIENT_READ, queryKeys } from '../../app/query-keys';
import { Alert } from '../../components/Alert';
import { formatDateTime } from '../../dates';
import { actionLabel } from './audit-actions';

const PAGE_SIZE = 20;

/** DD/MM/YYYY HH:mm: the seconds the audit page shows add nothing to "who opened it when". */
export function formatOpenedAt(iso: string): string {
  return formatDateTime(iso).slice(0, 16);
}

/**
 * "Who has opened this record" (issue #10 item 6), for the owner on the
 * History tab: every opening of the record, its medical and lifestyle
 * history, treatments, photos and consents, newest first, from the audit log.
 */
export function RecordOpenings(props: { clientId: string }) {
  const pages = useInfiniteQuery({
    queryKey: queryKeys.recordOpenings(props.clientId),
    queryFn: ({ pageParam }) =>
      api('audit.recordOpenings', {
        clientId: props.clientId,
        limit: PAGE_SIZE,
        ...(pageParam === null ? {} : { beforeSeq: pageParam }),
      }),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBeforeSeq,
    ...CLIENT_READ,
  });
  const entries = pages.data ? pages.data.pages.flatMap((p) => p.entries) : null;
  const problem = pages.error ? messageOf(pages.error) : null;
  const next = pages.hasNextPage ? true : null;
  const loadingMore = pages.isFetchingNextPage;
  const older = () => pages.fetchNextPage();

  return (
    <section aria-labelledby="record-openings-heading">
      <div className="section-bar">
        <div>
          <h2 className="section-bar__title" id="record-openings-heading">
            Who has opened this record
          </h2>
          <p className="section-bar__meta">
            Every time a member of staff opened this record or part of it, newest first, from the audit log.
            Only you see this.
          </p>
        </div>
      </div>
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      <section className="card card--table">
        {entries === null && !problem ? <p className="loading card__pad">Loading…</p> : null}
        {entries && entries.length === 0 ? <p className="empty">Nobody has opened this record yet.</p> : null}
        {entries && entries.length > 0 ? (
          <table className="table record-openings">
            <caption className="visually-hidden">Who has opened this record, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What they opened</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.seq}>
                  <td className="nowrap">{formatOpenedAt(e.at)}</td>
                  <td>{e.staffName ?? <span className="mono">{e.staffId ?? '—'}</span>}</td>
                  <td>{actionLabel(e.action)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {next !== null ? (
          <div className="table__footer">
            <button type="button" className="button" onClick={() => void older()} disabled={loadingMore}>
              {loadingMore ? 'Loading…' : 'Show older'}
            </button>
          </div>
        ) : null}
      </section>
    </section>
  );
}
