import { useState } from 'react';
import { Alert } from '../../components/Alert';
import { formatDay } from '../../dates';
import { formatUkPhone } from '../../../../src-main/contract/uk-formats';
import { SOURCE_LABELS, STANDING_LABELS } from './tps-labels';
import { TpsNoObjectionForm } from './TpsNoObjectionForm';
import { TpsScreeningForm } from './TpsScreeningForm';
import { useTpsStatus } from './useTpsStatus';

/**
 * Telephone marketing, number by number (PECR reg 21; docs/phones-and-tps.md):
 * each number's newest TPS screening, and whether the client told the clinic
 * they do not object to its calls on it (reg 21(4)). A number added or changed
 * after a screening shows "Not screened" until someone screens it.
 */
export function TpsPanel(props: { clientId: string; canEdit: boolean }) {
  const { numbers, problem } = useTpsStatus(props.clientId);
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
            A marketing call needs a screening of that number in the last 28 days, or the client’s word that they
            do not object to our calls on it. A new or changed number is not screened.
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
                  <td className="nowrap">{n.latest ? formatDay(n.latest.checkedOn) : <span className="muted">—</span>}</td>
                  <td>
                    {n.noObjection?.state === 'granted'
                      ? `Yes, since ${formatDay(n.noObjection.occurredAt.slice(0, 10))}`
                      : n.noObjection
                        ? 'Withdrawn'
                        : <span className="muted">—</span>}
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
        <TpsScreeningForm
          clientId={props.clientId}
          phone={action.phone}
          onCancel={() => setAction(null)}
          onSaved={() => {
            setAction(null);
            setNotice(`TPS screening of ${formatUkPhone(action.phone)} recorded.`);
          }}
        />
      ) : null}
      {action?.kind === 'no-objection' ? (
        <TpsNoObjectionForm
          clientId={props.clientId}
          phone={action.phone}
          current={numbers.find((n) => n.phone === action.phone)?.noObjection?.state === 'granted'}
          onCancel={() => setAction(null)}
          onSaved={(state) => {
            setAction(null);
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
                  {formatUkPhone(h.phone)}: {formatDay(h.checkedOn)}, {h.registered ? 'on the TPS' : 'not on the TPS'} (
                  {SOURCE_LABELS[h.source]}
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
