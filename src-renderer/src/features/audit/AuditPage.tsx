import { useInfiniteQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, messageOf } from '../../api';
import { queryKeys } from '../../app/query-keys';
import { Alert } from '../../components/Alert';
import { SelectField, TextField } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime, parseUkDate } from '../../dates';
import type { SessionInfo } from '../../../../src-main/contract/types';
import { ACTION_OPTIONS, actionLabel, describeDetail } from './audit-actions';
import { AuditCsvExport } from './AuditCsvExport';
import { AuditVerifyPanel } from './AuditVerifyPanel';
import { ClientPicker, type PickedClient } from './ClientPicker';
import { useStaffList } from '../staff/useStaffList';

const PAGE_SIZE = 50;

/** As typed: dates are DD/MM/YYYY here and become YYYY-MM-DD in the query. */
interface Filters {
  action: string;
  staffId: string;
  /** Chosen with the client search; the filter sends its id. */
  client: PickedClient | null;
  from: string;
  to: string;
}
const NO_FILTERS: Filters = { action: '', staffId: '', client: null, from: '', to: '' };

/** The filters as the core takes them (audit.list and audit.exportCsv). */
function filterOf(filters: Filters) {
  return {
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.staffId ? { staffId: filters.staffId } : {}),
    ...(filters.client ? { clientId: filters.client.id } : {}),
    ...(filters.from.trim() ? { from: parseUkDate(filters.from) ?? undefined } : {}),
    ...(filters.to.trim() ? { to: parseUkDate(filters.to) ?? undefined } : {}),
  };
}

function query(filters: Filters, beforeSeq?: number) {
  return { limit: PAGE_SIZE, ...(beforeSeq !== undefined ? { beforeSeq } : {}), ...filterOf(filters) };
}

export function AuditPage(props: { session: SessionInfo }) {
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  // `seq` makes each Apply a new read, even with the same filters: the log grows all the time.
  const [{ filters: applied, seq }, setApplied] = useState({ filters: NO_FILTERS, seq: 0 });
  const [dateErrors, setDateErrors] = useState<{ from?: string; to?: string }>({});
  const canListStaff = props.session.permissions.includes('staff.manage');
  const staffList = useStaffList(canListStaff);
  const staff = staffList.data ?? [];
  const pages = useInfiniteQuery({
    queryKey: queryKeys.auditPage({ ...filterOf(applied), seq }),
    queryFn: ({ pageParam }) => api('audit.list', query(applied, pageParam ?? undefined)),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBeforeSeq,
    // The log names who did what: kept only while the page shows it.
    gcTime: 0,
  });
  const entries = pages.data ? pages.data.pages.flatMap((p) => p.entries) : null;
  const problem = pages.error ? messageOf(pages.error) : null;
  const nextBeforeSeq = pages.hasNextPage ? true : null;
  const loadingMore = pages.isFetchingNextPage;
  const loadOlder = () => pages.fetchNextPage();

  function apply(e: FormEvent) {
    e.preventDefault();
    const bad = 'Enter a date like 31/01/2026.';
    const from = draft.from.trim() ? parseUkDate(draft.from) : '';
    const to = draft.to.trim() ? parseUkDate(draft.to) : '';
    const found: { from?: string; to?: string } = {};
    if (from === null) found.from = bad;
    if (to === null) found.to = bad;
    if (from && to && from > to) found.to = 'The "to" date must be on or after the "from" date.';
    setDateErrors(found);
    if (found.from || found.to) return;
    setApplied({ filters: { ...draft }, seq: seq + 1 });
  }

  function clear() {
    setDraft(NO_FILTERS);
    setDateErrors({});
    setApplied({ filters: NO_FILTERS, seq: seq + 1 });
  }

  const staffOptions = [
    { value: '', label: 'Everyone' },
    ...staff.map((m) => ({ value: m.id, label: m.removedAt ? `${m.displayName} (removed)` : m.displayName })),
  ];
  const filtered = JSON.stringify(applied) !== JSON.stringify(NO_FILTERS);

  return (
    <>
      <PageHeader title="Audit log">
        Every sign-in and change, newest first. Entries cannot be edited or deleted, and each one is sealed to
        the one before it.
      </PageHeader>

      <AuditVerifyPanel />

      <form className="card filters" onSubmit={apply} noValidate aria-label="Filter the audit log">
        <SelectField
          label="Action"
          value={draft.action}
          onChange={(v) => setDraft({ ...draft, action: v })}
          options={ACTION_OPTIONS}
        />
        {canListStaff ? (
          <SelectField
            label="Staff member"
            value={draft.staffId}
            onChange={(v) => setDraft({ ...draft, staffId: v })}
            options={staffOptions}
          />
        ) : null}
        <ClientPicker value={draft.client} onChange={(client) => setDraft({ ...draft, client })} />
        <TextField
          label="From"
          placeholder="DD/MM/YYYY"
          inputMode="numeric"
          value={draft.from}
          onChange={(v) => setDraft({ ...draft, from: v })}
          error={dateErrors.from}
        />
        <TextField
          label="To"
          placeholder="DD/MM/YYYY"
          inputMode="numeric"
          value={draft.to}
          onChange={(v) => setDraft({ ...draft, to: v })}
          error={dateErrors.to}
        />
        <div className="filters__actions">
          <button type="submit" className="button button--primary">
            Apply filters
          </button>
          <button
            type="button"
            className="button"
            onClick={clear}
            disabled={!filtered && !dateErrors.from && !dateErrors.to}
          >
            Clear
          </button>
        </div>
      </form>

      <div className="audit-toolbar">
        <p className="muted audit-toolbar__what" aria-live="polite">
          {filtered ? 'Showing the entries that match the filters.' : 'Showing every entry.'}
          {applied.client ? (
            <>
              {' '}
              Client: <bdi dir="auto">{applied.client.name}</bdi>.
            </>
          ) : null}
        </p>
        <AuditCsvExport filter={filterOf(applied)} disabled={entries === null || entries.length === 0} />
      </div>

      {problem ? <Alert kind="error">{problem}</Alert> : null}
      {staffList.error ? (
        // The staff filter offers only Everyone until the list can be read.
        <Alert kind="warning">{messageOf(staffList.error)}</Alert>
      ) : null}
      {entries === null && !problem ? <p className="loading">Loading entries…</p> : null}

      {entries ? (
        <section className="card card--table" aria-label="Audit entries">
          {entries.length === 0 ? (
            <p className="empty">{filtered ? 'No entries match these filters.' : 'No entries yet.'}</p>
          ) : (
            <table className="table table--audit">
              <caption className="visually-hidden">Audit entries, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Date and time</th>
                  <th scope="col">Staff</th>
                  <th scope="col">Action</th>
                  <th scope="col">Client</th>
                  <th scope="col">Subject</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.seq}>
                    <td className="mono muted">{e.seq}</td>
                    <td className="nowrap">{formatDateTime(e.at)}</td>
                    <td>{e.staffName ?? (e.staffId ? <span className="mono">{e.staffId}</span> : '—')}</td>
                    <td>
                      <span className="table__main">{actionLabel(e.action)}</span>
                      <span className="table__sub mono">{e.action}</span>
                      {e.detail ? <span className="table__sub">{describeDetail(e.detail)}</span> : null}
                    </td>
                    <td>
                      {e.clientId ? (
                        <>
                          <bdi dir="auto" className="table__main">
                            {e.clientName ?? 'Record no longer exists'}
                          </bdi>
                          <span className="table__sub mono">{e.clientId}</span>
                        </>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                    <td>
                      {e.subjectType === 'client' && e.subjectId === e.clientId ? (
                        <span className="muted">The client&rsquo;s record</span>
                      ) : e.subjectType || e.subjectId ? (
                        <>
                          <span className="table__main">
                            {e.subjectType ?? ''}
                            {e.subjectName ? (
                              <>
                                : <bdi dir="auto">{e.subjectName}</bdi>
                              </>
                            ) : null}
                          </span>
                          <span className="table__sub mono">{e.subjectId ?? ''}</span>
                        </>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {nextBeforeSeq !== null ? (
            <div className="table__footer">
              <button
                type="button"
                className="button"
                onClick={() => void loadOlder()}
                disabled={loadingMore}
              >
                {loadingMore ? 'Loading…' : 'Load older'}
              </button>
            </div>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
