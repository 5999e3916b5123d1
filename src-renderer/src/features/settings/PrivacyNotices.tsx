import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, messageOf } from '../../api';
import { queryKeys } from '../../app/query-keys';
import { Alert } from '../../components/Alert';
import { formatDateTime, formatDay } from '../../dates';
import type { PrivacyNotice } from '../../../../src-main/contract/consent-types';
import { latestNotice } from '../consent/consent-labels';
import { AffectedClients } from './AffectedClients';
import { PublishDialog } from './PublishDialog';

/**
 * Every version of the clinic's privacy notice, kept as published, so each
 * consent can show what the client was told. Publishing a new version shows how
 * many clients' consents rest on an older one (or on none), then lists them a
 * page of 100 at a time, with the whole list as a CSV to contact them.
 */
export function PrivacyNotices() {
  const list = useQuery({ queryKey: queryKeys.noticeList, queryFn: () => api('notices.list') });
  const notices = list.data ?? null;
  const problem = list.error ? messageOf(list.error) : null;
  const queryClient = useQueryClient();
  const [publishing, setPublishing] = useState(false);
  const [published, setPublished] = useState<PrivacyNotice | null>(null);

  const latest = notices ? latestNotice(notices) : null;
  const sorted = notices
    ? [...notices].sort(
        (a, b) => b.effectiveOn.localeCompare(a.effectiveOn) || b.createdAt.localeCompare(a.createdAt),
      )
    : [];

  return (
    <section className="card card--table" aria-labelledby="notices-heading">
      <div className="card__head">
        <div>
          <h2 id="notices-heading" className="card__title">
            Privacy notices
          </h2>
          <p className="card__lead">
            Each version is kept exactly as published. Every consent records the version the client was given.
          </p>
        </div>
        <button type="button" className="button" onClick={() => setPublishing(true)}>
          Publish new version
        </button>
      </div>
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      {published ? (
        <div className="card__alert">
          <AffectedClients key={published.id} notice={published} />
        </div>
      ) : null}
      {notices === null && !problem ? <p className="loading card__pad">Loading privacy notices…</p> : null}
      {notices && notices.length === 0 ? (
        <p className="empty">No privacy notice published yet. Publish the one you give clients now.</p>
      ) : null}
      {sorted.length > 0 ? (
        <table className="table">
          <caption className="visually-hidden">Privacy notice versions, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">In force from</th>
              <th scope="col">Published</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((n) => (
              <tr key={n.id}>
                <th scope="row" className="table__name">
                  {n.versionLabel}
                  {n.id === latest?.id ? <span className="badge notice-latest">Latest</span> : null}
                </th>
                <td>{formatDay(n.effectiveOn)}</td>
                <td>
                  {formatDateTime(n.createdAt)} by {n.createdByName}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {publishing ? (
        <PublishDialog
          onClose={() => setPublishing(false)}
          onPublished={(notice) => {
            setPublishing(false);
            setPublished(notice);
            // The list, the counts of clients to tell (here and on the owner's home page) and the consent form's choice.
            void queryClient.invalidateQueries({ queryKey: queryKeys.notices });
          }}
        />
      ) : null}
    </section>
  );
}
