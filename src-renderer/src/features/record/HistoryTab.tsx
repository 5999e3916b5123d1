import { formatUkPhone } from '../../../../src-main/contract/uk-formats';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError, messageOf } from '../../api';
import { CLIENT_READ, queryKeys } from '../../app/query-keys';
import { Alert } from '../../components/Alert';
import { SelectField, TextAreaField } from '../../components/Field';
import { useFieldErrors } from '../../components/useFieldErrors';
import { formatDate, formatDateTime } from '../../dates';
import type {
  ClientRecord,
  FieldDispute,
  RecordSection,
} from '../../../../src-main/contract/record-types';
import { issuesToFieldErrors } from '../../validation';
import { FIELD_LABELS, fieldLabel, SECTION_LABELS } from '../../../../src-main/contract/field-labels';
import { RecordOpenings } from '../audit/RecordOpenings';
import { useRecordChanged } from './useClientRecord';

const SECTIONS = Object.keys(SECTION_LABELS) as RecordSection[];

function byNewest<T>(list: T[], at: (item: T) => string): T[] {
  return [...list].sort((a, b) => at(b).localeCompare(at(a)));
}

/** What changed, when, by whom and why (Art 16), and what the client disputes. */
export function HistoryTab(props: {
  client: ClientRecord;
  canDispute: boolean;
  /** Medical and lifestyle can be named in a dispute only by those who may read them. */
  canSeeClinical: boolean;
  /** The owner (audit.read) also sees who has opened the record; the core refuses it to anyone else. */
  canSeeAudit?: boolean;
}) {
  const { client } = props;
  const read = useQuery({
    queryKey: queryKeys.changeHistory(client.id),
    queryFn: () => api('clients.history', { clientId: client.id }),
    ...CLIENT_READ,
  });
  const history = read.data ?? null;
  const [writeProblem, setWriteProblem] = useState<string | null>(null);
  const problem = writeProblem ?? (read.error ? messageOf(read.error) : null);
  const [notice, setNotice] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  // A dispute shows in the record's header too: the whole record is asked again.
  const recordChanged = useRecordChanged(client.id);

  async function resolve(d: FieldDispute) {
    setNotice(null);
    setWriteProblem(null);
    try {
      await api('clients.resolveDispute', { clientId: client.id, disputeId: d.id });
      setNotice(`The dispute about ${fieldLabel(d.section, d.field).toLowerCase()} is marked as resolved.`);
      recordChanged();
    } catch (err) {
      setWriteProblem(messageOf(err));
    }
  }

  if (problem && !history) return <Alert kind="error">{problem}</Alert>;
  if (!history) return <p className="loading">Loading the history…</p>;

  const changes = byNewest(history.changes, (c) => c.changedAt);
  const open = byNewest(
    history.disputes.filter((d) => d.resolvedAt === null),
    (d) => d.recordedAt,
  );
  const resolved = byNewest(
    history.disputes.filter((d) => d.resolvedAt !== null),
    (d) => d.resolvedAt ?? '',
  );

  return (
    <>
      {notice ? <Alert kind="success">{notice}</Alert> : null}
      {problem ? <Alert kind="error">{problem}</Alert> : null}

      <div className="section-bar">
        <div>
          <h2 className="section-bar__title">Disputes</h2>
          <p className="section-bar__meta">
            When the client says something in their record is wrong and it is not simply corrected, note it
            here.
          </p>
        </div>
        {props.canDispute && !adding ? (
          <button type="button" className="button" onClick={() => setAdding(true)}>
            Add dispute
          </button>
        ) : null}
      </div>

      {adding ? (
        <AddDisputeForm
          clientId={client.id}
          sections={props.canSeeClinical ? SECTIONS : ['identity']}
          onCancel={() => setAdding(false)}
          onAdded={() => {
            setAdding(false);
            setNotice('The dispute has been noted on the record.');
            recordChanged();
          }}
        />
      ) : null}

      <section className="card card--table">
        {history.disputes.length === 0 ? (
          <p className="empty">
            No disputes.
            {props.canDispute ? ' If the client disputes part of the record, use Add dispute.' : ''}
          </p>
        ) : (
          <ul className="dispute-list">
            {[...open, ...resolved].map((d) => (
              <li key={d.id} className={`dispute${d.resolvedAt ? ' dispute--resolved' : ''}`}>
                <div className="dispute__main">
                  <p className="dispute__field">
                    {SECTION_LABELS[d.section]}: {fieldLabel(d.section, d.field)}{' '}
                    {d.resolvedAt ? (
                      <span className="badge">Resolved {formatDate(d.resolvedAt)}</span>
                    ) : (
                      <span className="badge badge--warning">Open</span>
                    )}
                  </p>
                  <p className="dispute__note" dir="auto">
                    {d.note}
                  </p>
                  <p className="dispute__meta">
                    Recorded {formatDateTime(d.recordedAt)} by {d.recordedByName}
                  </p>
                </div>
                {!d.resolvedAt && props.canDispute ? (
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={`Resolve the dispute about ${fieldLabel(d.section, d.field)}`}
                    onClick={() => void resolve(d)}
                  >
                    Resolve
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <div className="section-bar">
        <div>
          <h2 className="section-bar__title">Changes</h2>
          <p className="section-bar__meta">
            Every change to the record, newest first, with what was there before.
          </p>
        </div>
      </div>
      <section className="card card--table">
        {changes.length === 0 ? (
          <p className="empty">No changes since the record was created.</p>
        ) : (
          <table className="table history-table">
            <caption className="visually-hidden">Changes to the record, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Section</th>
                <th scope="col">Field</th>
                <th scope="col">Change</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr key={c.id}>
                  <td className="nowrap">{formatDateTime(c.changedAt)}</td>
                  <td>{c.changedByName}</td>
                  <td>{SECTION_LABELS[c.section]}</td>
                  <td>{fieldLabel(c.section, c.field)}</td>
                  <td className="history-table__change">
                    <ChangeValue field={c.field} value={c.oldValue} kind="old" />
                    <span className="history-table__arrow" aria-label="changed to">
                      →
                    </span>
                    <ChangeValue field={c.field} value={c.newValue} kind="new" />
                  </td>
                  <td>{c.reason ? <bdi dir="auto">{c.reason}</bdi> : <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {props.canSeeAudit ? <RecordOpenings clientId={client.id} /> : null}
    </>
  );
}

/** Fields holding one phone number: stored E.164 (+447700900123), read the UK way (07700 900123). */
const PHONE_FIELDS: ReadonlySet<string> = new Set(['mobile', 'gpPhone', 'phone']);

function ChangeValue(props: { field: string; value: string | null; kind: 'old' | 'new' }) {
  if (props.value === null || props.value === '') return <span className="muted">(empty)</span>;
  return (
    <span className={`change-value change-value--${props.kind}`} dir="auto">
      {PHONE_FIELDS.has(props.field) ? formatUkPhone(props.value) : props.value}
    </span>
  );
}

function AddDisputeForm(props: {
  clientId: string;
  sections: RecordSection[];
  onCancel: () => void;
  onAdded: () => void;
}) {
  const [section, setSection] = useState<RecordSection>('identity');
  const [field, setField] = useState('');
  const [note, setNote] = useState('');
  const { errors, setErrors, clear } = useFieldErrors();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fields = Object.entries(FIELD_LABELS[section]).map(([value, label]) => ({ value, label }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    const found: Record<string, string> = {};
    if (!field) found.field = 'Choose what the client disputes.';
    if (!note.trim()) found.note = 'Enter what the client disputes.';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await api('clients.addDispute', { clientId: props.clientId, section, field, note });
      props.onAdded();
    } catch (err) {
      if (err instanceof ApiError && err.issues.length > 0) setErrors(issuesToFieldErrors(err.issues));
      setProblem(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="card form-stack" data-guard>
      <h3 className="card__title">Add a dispute</h3>
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      <div className="form-grid">
        <SelectField
          label="Part of the record"
          value={section}
          onChange={(v) => {
            setSection(v);
            setField('');
          }}
          options={props.sections.map((s) => ({ value: s, label: SECTION_LABELS[s] }))}
        />
        <SelectField
          label="What the client disputes"
          value={field}
          onChange={(v) => {
            setField(v);
            clear('field');
          }}
          error={errors.field}
          options={[{ value: '', label: 'Choose…' }, ...fields]}
        />
      </div>
      <TextAreaField
        label="The client’s view"
        hint="In their words where you can, like “I have never been allergic to lidocaine”."
        value={note}
        onChange={(v) => {
          setNote(v);
          clear('note');
        }}
        error={errors.note}
      />
      <div className="form-actions form-actions--start">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save dispute'}
        </button>
        <button type="button" className="button" onClick={props.onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
