import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { downloadCsv } from '../../components/download-csv';
import { ProgressBar } from '../../components/ProgressBar';
import { useLongCall } from '../../components/useLongCall';
import { api, ApiError, messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { DateField, TextAreaField, TextField } from '../../components/Field';
import { useFieldErrors } from '../../components/useFieldErrors';
import { formatDateTime, formatDay, parseUkDate, todayIso } from '../../dates';
import type {
  NoticeAffectedCount,
  NoticeAffectedPage,
  PrivacyNotice,
} from '../../../../src-main/contract/consent-types';
import { issuesToFieldErrors } from '../../validation';
import { latestNotice } from '../consent/consent-labels';

/**
 * Every version of the clinic's privacy notice, kept as published, so each
 * consent can show what the client was told. Publishing a new version shows how
 * many clients' consents rest on an older one (or on none), then lists them a
 * page of 100 at a time, with the whole list as a CSV to contact them.
 */
export function PrivacyNotices() {
  const [notices, setNotices] = useState<PrivacyNotice[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [published, setPublished] = useState<PrivacyNotice | null>(null);

  const load = useCallback(
    () =>
      api('notices.list').then(
        (list) => {
          setProblem(null);
          setNotices(list);
        },
        (err: unknown) => setProblem(messageOf(err)),
      ),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);

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
            void load();
          }}
        />
      ) : null}
    </section>
  );
}

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
function AffectedClients(props: { notice: PrivacyNotice }) {
  const { notice } = props;
  const [count, setCount] = useState<NoticeAffectedCount | null>(null);
  const [page, setPage] = useState<NoticeAffectedPage | null>(null);
  // cursors[i] is where page i starts (undefined: the first page).
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [problem, setProblem] = useState<string | null>(null);
  const exporting = useLongCall();

  useEffect(() => {
    api('notices.affectedCount', { noticeId: notice.id }).then(setCount, (err: unknown) => setProblem(messageOf(err)));
  }, [notice.id]);

  const at = cursors[cursors.length - 1];
  useEffect(() => {
    if (!count || count.total === 0) return;
    api('notices.affected', { noticeId: notice.id, ...(at === undefined ? {} : { after: at }) }).then(setPage, (err: unknown) =>
      setProblem(messageOf(err)),
    );
  }, [notice.id, count, at]);

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
        <button type="button" className="button" disabled={cursors.length === 1} onClick={() => {
            setPage(null);
            setCursors(cursors.slice(0, -1));
          }}>
          Previous
        </button>
        <button
          type="button"
          className="button"
          disabled={!page?.next}
          onClick={() => {
            if (!page?.next) return;
            setCursors([...cursors, page.next]);
            setPage(null);
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

function PublishDialog(props: {
  onClose: () => void;
  onPublished: (notice: PrivacyNotice) => void;
}) {
  const [versionLabel, setVersionLabel] = useState('');
  const [effectiveOn, setEffectiveOn] = useState(formatDay(todayIso()));
  const [text, setText] = useState('');
  const { errors, setErrors, clear } = useFieldErrors();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    const found: Record<string, string> = {};
    if (!versionLabel.trim()) found.versionLabel = 'Enter a version label, like v3 or May 2026.';
    const day = parseUkDate(effectiveOn);
    if (!day) found.effectiveOn = 'Enter the date it comes into force, like 01/06/2026.';
    if (!text.trim()) found.text = 'Paste the full text of the notice, as clients are given it.';
    setErrors(found);
    if (Object.keys(found).length > 0 || !day) return;
    setBusy(true);
    try {
      const out = await api('notices.publish', { versionLabel, effectiveOn: day, text });
      props.onPublished(out.notice);
    } catch (err) {
      if (err instanceof ApiError && err.issues.length > 0) setErrors(issuesToFieldErrors(err.issues));
      setProblem(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <Dialog title="Publish a new privacy notice" onClose={props.onClose} wide>
      <form onSubmit={submit} noValidate className="form-stack">
        {problem ? <Alert kind="error">{problem}</Alert> : null}
        <p className="muted">
          Once published, a version cannot be changed or removed: it is the record of what clients were told.
        </p>
        <div className="form-grid">
          <TextField
            label="Version label"
            hint="Like v3 or May 2026."
            value={versionLabel}
            onChange={(v) => {
              setVersionLabel(v);
              clear('versionLabel');
            }}
            error={errors.versionLabel}
            maxLength={40}
            autoFocus
          />
          <DateField
            label="In force from"
            hint="DD/MM/YYYY"
            value={effectiveOn}
            onChange={(v) => {
              setEffectiveOn(v);
              clear('effectiveOn');
            }}
            error={errors.effectiveOn}
          />
        </div>
        <TextAreaField
          label="Full text"
          hint="Exactly as clients are given it."
          value={text}
          onChange={(v) => {
            setText(v);
            clear('text');
          }}
          error={errors.text}
          rows={10}
        />
        <div className="form-actions">
          <button type="button" className="button" onClick={props.onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Publishing…' : 'Publish'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
