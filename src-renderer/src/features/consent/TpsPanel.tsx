import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { Checkbox } from '../../components/Checkbox';
import { DateField, SelectField, TextAreaField, TextField } from '../../components/Field';
import { formatDay, parseUkDate, todayIso } from '../../dates';
import type { ConsentMethod } from '../../../../src-main/contract/consent-types';
import {
  type ClientPhoneTps,
  TPS_SOURCES,
  type TpsSource,
  type TpsStanding,
} from '../../../../src-main/contract/tps-types';
import { formatUkPhone } from '../../../../src-main/contract/uk-formats';
import { METHOD_LABELS, TOLD_US_METHODS } from './consent-labels';

const STANDING_LABELS: Record<TpsStanding, string> = {
  clear: 'Screened: not on the TPS',
  registered: 'On the TPS',
  'out-of-date': 'Screening more than 28 days old',
  'not-screened': 'Not screened',
};

const SOURCE_LABELS: Record<TpsSource, string> = {
  'tps-website': 'TPS website (one number)',
  'screening-service': 'A TPS screening service',
  'tps-file': 'The TPS file (licensed)',
  other: 'Other',
};

const SOURCE_OPTIONS = TPS_SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] }));
const METHOD_OPTIONS = TOLD_US_METHODS.map((m) => ({ value: m, label: METHOD_LABELS[m] }));

/** The client's numbers with their TPS screening, loaded with a guard against a late answer for another client. */
function useTpsStatus(clientId: string) {
  const [numbers, setNumbers] = useState<ClientPhoneTps[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const load = useCallback(() => {
    let live = true;
    api('tps.status', { clientId }).then(
      (list) => {
        if (!live) return;
        setProblem(null);
        setNumbers(list);
      },
      (err: unknown) => live && setProblem(messageOf(err)),
    );
    return () => {
      live = false;
    };
  }, [clientId]);
  useEffect(() => load(), [load]);
  return { numbers, problem, setNumbers };
}

/**
 * Telephone marketing, number by number (PECR reg 21; docs/phones-and-tps.md):
 * each number's newest TPS screening, and whether the client told the clinic
 * they do not object to its calls on it (reg 21(4)). A number added or changed
 * after a screening shows "Not screened" until someone screens it.
 */
export function TpsPanel(props: { clientId: string; canEdit: boolean }) {
  const { numbers, problem, setNumbers } = useTpsStatus(props.clientId);
  const [action, setAction] = useState<{ kind: 'screen' | 'no-objection'; phone: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (problem && !numbers) return <Alert kind="error">{problem}</Alert>;
  if (!numbers) return null;

  return (
    <section className="card card--table" aria-labelledby="tps-title">
      <div className="card__head">
        <div>
          <h3 id="tps-title" className="card__title">
            Telephone Preference Service, number by number
          </h3>
          <p className="card__lead">
            A marketing call needs a screening of that number in the last 28 days, or the client’s word that
            they do not object to our calls on it. A new or changed number is not screened.
          </p>
        </div>
      </div>
      {notice ? <Alert kind="success">{notice}</Alert> : null}
      {numbers.length === 0 ? (
        <p className="empty">No phone number on the record.</p>
      ) : (
        <table className="table tps-table">
          <caption className="visually-hidden">TPS screening of each phone number</caption>
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">TPS</th>
              <th scope="col">Checked on</th>
              <th scope="col">Does not object to calls</th>
              <th scope="col">Marketing call</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {numbers.map((n) => {
              const shown = formatUkPhone(n.phone);
              return (
                <tr key={n.phone} aria-label={`${n.label} ${shown}`}>
                  <th scope="row" className="table__name">
                    <span className="table__main mono">{shown}</span>
                    <span className="table__sub">{n.label}</span>
                  </th>
                  <td>{STANDING_LABELS[n.standing]}</td>
                  <td className="nowrap">
                    {n.latest ? formatDay(n.latest.checkedOn) : <span className="muted">—</span>}
                  </td>
                  <td>
                    {n.noObjection?.state === 'granted' ? (
                      `Yes, since ${formatDay(n.noObjection.occurredAt.slice(0, 10))}`
                    ) : n.noObjection ? (
                      'Withdrawn'
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td>{n.callable ? 'Allowed' : 'Not allowed'}</td>
                  <td className="table__actions">
                    {props.canEdit ? (
                      <>
                        <button
                          type="button"
                          className="button button--small"
                          aria-label={`Record a TPS screening of ${shown}`}
                          onClick={() => {
                            setNotice(null);
                            setAction({ kind: 'screen', phone: n.phone });
                          }}
                        >
                          Screened…
                        </button>
                        <button
                          type="button"
                          className="button button--small button--quiet"
                          aria-label={`Record whether the client objects to calls on ${shown}`}
                          onClick={() => {
                            setNotice(null);
                            setAction({ kind: 'no-objection', phone: n.phone });
                          }}
                        >
                          Calls…
                        </button>
                      </>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {action?.kind === 'screen' ? (
        <ScreeningForm
          clientId={props.clientId}
          phone={action.phone}
          onCancel={() => setAction(null)}
          onSaved={(list) => {
            setAction(null);
            setNumbers(list);
            setNotice(`TPS screening of ${formatUkPhone(action.phone)} recorded.`);
          }}
        />
      ) : null}
      {action?.kind === 'no-objection' ? (
        <NoObjectionForm
          clientId={props.clientId}
          phone={action.phone}
          current={numbers.find((n) => n.phone === action.phone)?.noObjection?.state === 'granted'}
          onCancel={() => setAction(null)}
          onSaved={(list, state) => {
            setAction(null);
            setNumbers(list);
            setNotice(
              state === 'granted'
                ? `Recorded: the client does not object to our calls on ${formatUkPhone(action.phone)}.`
                : `Recorded: the client objects to our calls on ${formatUkPhone(action.phone)} again.`,
            );
          }}
        />
      ) : null}
      {numbers.some((n) => n.history.length > 0) ? (
        <details className="tps-history">
          <summary>Every screening</summary>
          <ul>
            {numbers.flatMap((n) =>
              n.history.map((h) => (
                <li key={h.id}>
                  {formatUkPhone(h.phone)}: {formatDay(h.checkedOn)},{' '}
                  {h.registered ? 'on the TPS' : 'not on the TPS'} ({SOURCE_LABELS[h.source]}
                  {h.reference ? `, ${h.reference}` : ''}), recorded by {h.recordedByName}
                </li>
              )),
            )}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

function ScreeningForm(props: {
  clientId: string;
  phone: string;
  onCancel: () => void;
  onSaved: (list: ClientPhoneTps[]) => void;
}) {
  const [checkedOn, setCheckedOn] = useState(formatDay(todayIso()));
  const [registered, setRegistered] = useState(false);
  const [source, setSource] = useState<TpsSource>('tps-website');
  const [reference, setReference] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [dateError, setDateError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const iso = parseUkDate(checkedOn);
    if (!iso) return setDateError('Enter the date the TPS was checked, like 25/12/2026.');
    if (iso > todayIso()) return setDateError('That date is in the future.');
    setBusy(true);
    api('tps.screen', {
      clientId: props.clientId,
      phone: props.phone,
      checkedOn: iso,
      registered,
      source,
      reference,
    }).then(props.onSaved, (err: unknown) => {
      setBusy(false);
      setError(messageOf(err));
    });
  };

  return (
    <form
      className="tps-form"
      onSubmit={submit}
      aria-label={`TPS screening of ${formatUkPhone(props.phone)}`}
    >
      <h4 className="tps-form__title">TPS screening of {formatUkPhone(props.phone)}</h4>
      {error ? <Alert kind="error">{error}</Alert> : null}
      <div className="form-grid">
        <DateField
          label="Checked on"
          value={checkedOn}
          onChange={(v) => {
            setCheckedOn(v);
            setDateError(undefined);
          }}
          error={dateError}
        />
        <SelectField label="Checked with" value={source} onChange={setSource} options={SOURCE_OPTIONS} />
        <TextField
          label="Reference"
          hint="Optional: the screening service’s batch or reference."
          value={reference}
          onChange={setReference}
        />
      </div>
      <Checkbox checked={registered} onChange={setRegistered}>
        The number is on the TPS
      </Checkbox>
      <div className="form-actions">
        <button type="button" className="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          Save screening
        </button>
      </div>
    </form>
  );
}

function NoObjectionForm(props: {
  clientId: string;
  phone: string;
  current: boolean;
  onCancel: () => void;
  onSaved: (list: ClientPhoneTps[], state: 'granted' | 'withdrawn') => void;
}) {
  const [state, setState] = useState<'granted' | 'withdrawn'>(props.current ? 'withdrawn' : 'granted');
  const [method, setMethod] = useState<ConsentMethod>('phone');
  const [wording, setWording] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const shown = formatUkPhone(props.phone);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    api('tps.noObjection', {
      clientId: props.clientId,
      phone: props.phone,
      state,
      method,
      wording,
      note,
    }).then(
      (list) => props.onSaved(list, state),
      (err: unknown) => {
        setBusy(false);
        setError(messageOf(err));
      },
    );
  };

  return (
    <form className="tps-form" onSubmit={submit} aria-label={`Calls on ${shown}`}>
      <h4 className="tps-form__title">Calls on {shown}</h4>
      {error ? <Alert kind="error">{error}</Alert> : null}
      <SelectField
        label="The client told us"
        value={state}
        onChange={setState}
        options={[
          {
            value: 'granted',
            label: 'They do not object to our marketing calls on this number (PECR reg 21(4))',
          },
          { value: 'withdrawn', label: 'They object to our calls on this number again' },
        ]}
      />
      <div className="form-grid">
        <SelectField label="How they told us" value={method} onChange={setMethod} options={METHOD_OPTIONS} />
      </div>
      <TextAreaField
        label="What they were told or agreed to"
        hint="The exact words, so the clinic can show what the client said."
        rows={2}
        value={wording}
        onChange={setWording}
      />
      <TextAreaField label="Note" rows={2} value={note} onChange={setNote} />
      <div className="form-actions">
        <button type="button" className="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          Save
        </button>
      </div>
    </form>
  );
}
