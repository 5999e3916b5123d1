import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { SelectField, TextAreaField } from '../../components/Field';
import { formatDateTime, formatDay } from '../../dates';
import type {
  ClientConsentSummary,
  ConsentCurrent,
  ConsentEvent,
  ConsentMethod,
  ConsentPurpose,
  PrivacyNotice,
} from '../../../../src-main/contract/consent-types';
import type { ClientRecord, Treatment } from '../../../../src-main/contract/record-types';
import { fullName } from '../clients/client-names';
import { newestFirst } from '../record/TreatmentsTab';
import {
  BASIS_LABELS,
  groupCurrent,
  METHOD_LABELS,
  recordedNotice,
  STATE_LABELS,
  TOLD_US_METHODS,
  visibleCategories,
} from './consent-labels';
import { consentDraftKey, RecordConsentForm, type ConsentDraft } from './RecordConsentForm';
import { useDrafts } from '../../app/drafts';
import { lastWithdrawMethod, rememberWithdrawMethod } from './withdraw-method';
import { useToast } from '../../components/Toast';
import { TpsPanel } from './TpsPanel';

const METHOD_OPTIONS = TOLD_US_METHODS.map((m) => ({ value: m, label: METHOD_LABELS[m] }));

/** A stored date or instant shown as DD/MM/YYYY, without shifting a plain date by a day. */
export function formatWhen(value: string | null): string {
  if (!value) return '';
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDay(value) : formatDateTime(value).slice(0, 10);
}

/** Newest first: when it happened, then when it was recorded. */
function byNewest(events: ConsentEvent[]): ConsentEvent[] {
  return [...events].sort(
    (a, b) => b.occurredAt.localeCompare(a.occurredAt) || b.recordedAt.localeCompare(a.recordedAt),
  );
}

/**
 * The client's consents: the current state of every purpose at a glance, a
 * one-step withdrawal for each one given, the form to record a new answer, the
 * objection to direct marketing, and the full ledger behind it (Art 7(1)).
 */
export function ConsentTab(props: {
  client: ClientRecord;
  canEdit: boolean;
  /** Photos and treatment consents are clinical: shown and recorded only with clinical access. */
  canClinicalRead: boolean;
  canClinicalWrite: boolean;
}) {
  const { client } = props;
  const [summary, setSummary] = useState<ClientConsentSummary | null>(null);
  const [history, setHistory] = useState<ConsentEvent[] | null>(null);
  const [purposes, setPurposes] = useState<ConsentPurpose[]>([]);
  const [notices, setNotices] = useState<PrivacyNotice[]>([]);
  const [treatments, setTreatments] = useState<Treatment[]>([]);
  const [clinicName, setClinicName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const toast = useToast();
  // Back from a lock with a consent half recorded: the form reopens with it (app/drafts.ts).
  const drafts = useDrafts();
  const [recording, setRecording] = useState<{ purposeId: string; treatmentId: string | null } | null>(() => {
    const kept = drafts.get<ConsentDraft>(consentDraftKey(client.id));
    return kept ? { purposeId: kept.purposeId, treatmentId: kept.treatmentId || null } : null;
  });
  const [withdrawing, setWithdrawing] = useState<ConsentCurrent | null>(null);
  const [objecting, setObjecting] = useState(false);

  const load = useCallback(
    () =>
      Promise.all([
        api('consent.current', { clientId: client.id }),
        api('consent.history', { clientId: client.id }),
      ]).then(
        ([s, h]) => {
          setProblem(null);
          setSummary(s);
          setHistory(byNewest(h));
        },
        (err: unknown) => setProblem(messageOf(err)),
      ),
    [client.id],
  );

  useEffect(() => {
    void load();
  }, [load]);

  // What the form and the table need besides the ledger; each is optional to the page.
  useEffect(() => {
    let live = true;
    api('consent.purposes').then(
      (list) => live && setPurposes(list),
      () => undefined,
    );
    api('notices.list').then(
      (list) => live && setNotices(list),
      () => undefined,
    );
    api('settings.get').then(
      (s) => live && setClinicName(s.clinicName),
      () => undefined,
    );
    if (props.canClinicalRead) {
      api('treatments.list', { clientId: client.id }).then(
        (list) => live && setTreatments(newestFirst(list)),
        () => undefined,
      );
    }
    return () => {
      live = false;
    };
  }, [client.id, props.canClinicalRead]);

  if (problem && !summary) return <Alert kind="error">{problem}</Alert>;
  if (!summary || !history) return <p className="loading">Loading consents…</p>;

  const categories = visibleCategories(props.canClinicalRead);
  const groups = groupCurrent(summary.current, purposes, categories);
  const recordable = purposes.filter(
    (p) =>
      p.active &&
      visibleCategories(props.canClinicalWrite).includes(p.category) &&
      categories.includes(p.category),
  );
  const treatmentName = (id: string | null) => {
    const t = id ? treatments.find((x) => x.id === id) : undefined;
    return t ? `${t.typeName}, ${formatDay(t.treatedOn)}` : null;
  };
  const hasMarketing = summary.current.some(
    (c) => c.purpose.category === 'marketing' && c.state === 'granted',
  );

  return (
    <>
      {summary.suppressed ? (
        <Alert kind="warning" title="Objected to direct marketing">
          <p>
            <bdi dir="auto">{fullName(client)}</bdi> objected to direct marketing
            {summary.suppressedAt ? ` on ${formatWhen(summary.suppressedAt)}` : ''}. They are on the
            suppression list: no marketing on any channel, and they are left off every marketing list.
            Marketing can only restart with their fresh, explicit consent.
          </p>
        </Alert>
      ) : null}
      {problem ? <Alert kind="error">{problem}</Alert> : null}

      {recording ? (
        <RecordConsentForm
          key={`${recording.purposeId}-${recording.treatmentId ?? ''}`}
          client={client}
          purposes={recordable}
          notices={notices}
          treatments={treatments}
          clinicName={clinicName}
          suppressed={summary.suppressed}
          initialPurposeId={recording.purposeId}
          initialTreatmentId={recording.treatmentId}
          onCancel={() => setRecording(null)}
          onSaved={(event) => {
            setRecording(null);
            // Says so when a backdated answer is not in force, or its evidence is incomplete (issue #11 items 3, 4).
            toast(recordedNotice(event));
            void load();
          }}
        />
      ) : (
        <div className="section-bar">
          <div>
            <h2 className="section-bar__title">Consent</h2>
            <p className="section-bar__meta">
              What the client has agreed to now. Withdrawing is one step, as easy as giving.
            </p>
          </div>
          {props.canEdit ? (
            <div className="section-bar__actions">
              {!summary.suppressed ? (
                <button
                  type="button"
                  className="button button--danger-quiet"
                  onClick={() => setObjecting(true)}
                >
                  Objects to direct marketing
                </button>
              ) : null}
              <button
                type="button"
                className="button button--primary"
                onClick={() => {
                  setRecording({ purposeId: recordable[0]?.id ?? '', treatmentId: null });
                }}
              >
                Record consent
              </button>
            </div>
          ) : null}
        </div>
      )}

      {groups.map(({ group, rows }) => (
        <section key={group.id} className="card card--table" aria-labelledby={`consent-group-${group.id}`}>
          <div className="card__head">
            <div>
              <h3 id={`consent-group-${group.id}`} className="card__title">
                {group.title}
              </h3>
              <p className="card__lead">{group.lead}</p>
            </div>
          </div>
          <table className="table consent-table">
            <caption className="visually-hidden">{group.title}: current consents</caption>
            <thead>
              <tr>
                <th scope="col">Purpose</th>
                <th scope="col">State</th>
                <th scope="col">Since</th>
                <th scope="col">Basis</th>
                <th scope="col">Privacy notice</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const label = row.purpose.label;
                const forTreatment = treatmentName(row.treatmentId);
                const name = forTreatment ? `${label}: ${forTreatment}` : label;
                const canRecordThis = recordable.some((p) => p.id === row.purpose.id);
                return (
                  <tr key={`${row.purpose.id}-${row.treatmentId ?? ''}`} aria-label={name}>
                    <th scope="row" className="table__name">
                      <span className="table__main">{label}</span>
                      {forTreatment ? <span className="table__sub">{forTreatment}</span> : null}
                    </th>
                    <td>
                      <StateBadge state={row.state} />
                    </td>
                    <td className="nowrap">
                      {row.since ? formatWhen(row.since) : <span className="muted">—</span>}
                    </td>
                    <td>{row.basis ? BASIS_LABELS[row.basis] : <span className="muted">—</span>}</td>
                    <td>
                      {row.noticeVersion ?? <span className="muted">—</span>}
                      {row.evidenceIncomplete ? <EvidenceIncompleteBadge /> : null}
                    </td>
                    <td className="table__actions">
                      {props.canEdit && canRecordThis && row.state === 'granted' ? (
                        <button
                          type="button"
                          className="button button--small"
                          aria-label={`Withdraw ${name}`}
                          onClick={() => {
                            setWithdrawing(row);
                          }}
                        >
                          Withdraw
                        </button>
                      ) : null}
                      {props.canEdit && canRecordThis && row.state !== 'granted' && !recording ? (
                        <button
                          type="button"
                          className="button button--small button--quiet"
                          aria-label={`Record consent for ${name}`}
                          onClick={() => {
                            setRecording({ purposeId: row.purpose.id, treatmentId: row.treatmentId });
                          }}
                        >
                          Record…
                        </button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ))}

      <TpsPanel clientId={client.id} canEdit={props.canEdit} />

      <div className="section-bar">
        <div>
          <h2 className="section-bar__title">Timeline</h2>
          <p className="section-bar__meta">
            Every consent given, refused or withdrawn, newest first, with what the client was told. Nothing
            here is ever edited: a mistake is corrected by recording the right answer.
          </p>
        </div>
      </div>
      <section className="card card--table">
        {history.length === 0 ? (
          <p className="empty">
            Nothing recorded yet.
            {props.canEdit ? ' Use Record consent when the client gives or refuses one.' : ''}
          </p>
        ) : (
          <ol className="consent-timeline" aria-label="Consent timeline, newest first">
            {history.map((e) => (
              <TimelineEvent key={e.id} event={e} treatment={treatmentName(e.treatmentId)} />
            ))}
          </ol>
        )}
      </section>

      {withdrawing ? (
        <WithdrawDialog
          client={client}
          row={withdrawing}
          onClose={() => setWithdrawing(null)}
          onDone={(label) => {
            setWithdrawing(null);
            toast(`${label}: withdrawn. It stops from now on.`);
            void load();
          }}
        />
      ) : null}
      {objecting ? (
        <ObjectDialog
          client={client}
          hasMarketing={hasMarketing}
          onClose={() => setObjecting(false)}
          onDone={(s) => {
            setObjecting(false);
            setSummary(s);
            toast(
              'The objection is recorded. Marketing on every channel is withdrawn and the client’s contact details are on the suppression list.',
            );
            void load();
          }}
        />
      ) : null}
    </>
  );
}

/** Art 7(1): a grant without a notice version or wording cannot show what the client was told. */
export function EvidenceIncompleteBadge() {
  return (
    <span className="badge badge--warning" title="No privacy-notice version or no wording was recorded with this consent.">
      Evidence incomplete
    </span>
  );
}

export function StateBadge(props: { state: ConsentCurrent['state'] }) {
  return <span className={`consent-state consent-state--${props.state}`}>{STATE_LABELS[props.state]}</span>;
}

function TimelineEvent(props: { event: ConsentEvent; treatment: string | null }) {
  const e = props.event;
  const soft = e.softOptIn;
  return (
    <li className="consent-event">
      <div className="consent-event__when">
        <span className="consent-event__date">{formatWhen(e.occurredAt)}</span>
      </div>
      <div className="consent-event__body">
        <p className="consent-event__title">
          <span>
            {e.purposeLabel}
            {props.treatment ? <span className="muted"> ({props.treatment})</span> : null}
          </span>
          <StateBadge state={e.state} />
          {e.explicitRegrant ? <span className="badge">Fresh, explicit consent</span> : null}
          {e.correctsEventId ? <span className="badge badge--warning">Correction</span> : null}
          {e.evidenceIncomplete ? <EvidenceIncompleteBadge /> : null}
        </p>
        <p className="consent-event__meta">
          {METHOD_LABELS[e.method]}
          {e.basis ? ` · ${BASIS_LABELS[e.basis]}` : ''}
          {e.noticeVersion ? ` · Privacy notice ${e.noticeVersion}` : ' · No privacy notice recorded'}
          {` · Recorded ${formatDateTime(e.recordedAt)} by ${e.recordedByName}`}
        </p>
        {e.wording.trim() ? (
          <blockquote className="consent-event__wording" dir="auto">
            {e.wording}
          </blockquote>
        ) : null}
        {soft ? (
          <p className="consent-event__detail">
            Soft opt-in: details collected during a sale {soft.detailsCollectedDuringSale ? '✓' : '✗'} ·
            similar services only {soft.similarServicesOnly ? '✓' : '✗'} · opt-out offered{' '}
            {soft.optOutOfferedAtCollection ? '✓' : '✗'}
          </p>
        ) : null}
        {e.tpsCheckedOn || e.tpsRegistered !== null ? (
          <p className="consent-event__detail">
            {e.tpsCheckedOn ? `TPS checked on ${formatDay(e.tpsCheckedOn)}` : 'TPS not checked'}
            {e.tpsRegistered === true ? ' · the number is on the TPS' : ''}
            {e.tpsRegistered === false ? ' · not on the TPS' : ''}
          </p>
        ) : null}
        {e.note.trim() ? (
          <p className="consent-event__detail" dir="auto">
            Note: {e.note}
          </p>
        ) : null}
        {e.evidenceFileId ? (
          <p className="consent-event__evidence">Evidence kept in the vault (signed form)</p>
        ) : null}
      </div>
    </li>
  );
}

/**
 * One step: the dialog opens with Withdraw focused, so Enter confirms, and the
 * method is the one this desk used last (withdraw-method.ts), still changeable.
 */
function WithdrawDialog(props: {
  client: ClientRecord;
  row: ConsentCurrent;
  onClose: () => void;
  onDone: (label: string) => void;
}) {
  const [method, setMethod] = useState<ConsentMethod>(() => lastWithdrawMethod());
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const label = props.row.purpose.label;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      await api('consent.withdraw', {
        clientId: props.client.id,
        purposeId: props.row.purpose.id,
        method,
        treatmentId: props.row.treatmentId,
      });
      rememberWithdrawMethod(method);
      props.onDone(label);
    } catch (err) {
      setProblem(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <Dialog title={`Withdraw: ${label}`} onClose={props.onClose}>
      <form onSubmit={submit} noValidate className="form-stack">
        {problem ? <Alert kind="error">{problem}</Alert> : null}
        <p>
          This stops from now on. What was done before stays in the timeline, and the client can give it again
          later.
        </p>
        <SelectField
          label="How did the client tell you?"
          value={method}
          onChange={setMethod}
          options={METHOD_OPTIONS}
        />
        <div className="form-actions">
          <button type="button" className="button" onClick={props.onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button button--danger" disabled={busy} data-autofocus>
            {busy ? 'Withdrawing…' : 'Withdraw'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function ObjectDialog(props: {
  client: ClientRecord;
  hasMarketing: boolean;
  onClose: () => void;
  onDone: (summary: ClientConsentSummary) => void;
}) {
  const [method, setMethod] = useState<ConsentMethod>('in-person');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      props.onDone(await api('consent.object', { clientId: props.client.id, method, note }));
    } catch (err) {
      setProblem(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <Dialog title="Objects to direct marketing" onClose={props.onClose} wide>
      <form onSubmit={submit} noValidate className="form-stack">
        {problem ? <Alert kind="error">{problem}</Alert> : null}
        <p>
          When a client objects to direct marketing, the clinic must stop, with no exceptions (UK GDPR Article
          21(3)). Recording the objection for <bdi dir="auto">{fullName(props.client)}</bdi>:
        </p>
        <ul className="plain-list">
          <li>
            withdraws marketing on every channel: email, SMS, telephone, post and Facebook Messenger
            {props.hasMarketing ? '' : ' (none is given at the moment)'};
          </li>
          <li>
            adds their email address and phone numbers to the suppression list <strong>permanently</strong>,
            so they are left off every marketing list, even if their record is later erased or they are added
            again;
          </li>
          <li>does not affect appointment reminders, photo uses or treatment consents.</li>
        </ul>
        <p className="muted">Marketing can only restart if the client later gives fresh, explicit consent.</p>
        <SelectField
          label="How did the client tell you?"
          value={method}
          onChange={setMethod}
          options={METHOD_OPTIONS}
        />
        <TextAreaField
          label="Note"
          hint="Optional. In their words where you can, like “Please stop all the offers”."
          value={note}
          onChange={setNote}
          rows={2}
          maxLength={2000}
        />
        <div className="form-actions">
          <button type="button" className="button" onClick={props.onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button button--danger" disabled={busy}>
            {busy ? 'Recording…' : 'Record the objection'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
