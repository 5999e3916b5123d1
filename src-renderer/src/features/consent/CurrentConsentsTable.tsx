import type { ConsentCurrent, ConsentPurpose } from '../../../../src-main/contract/consent-types';
import { formatWhen, EvidenceIncompleteBadge, StateBadge } from './ConsentBadges';
import { BASIS_LABELS, type groupCurrent } from './consent-labels';

type Group = ReturnType<typeof groupCurrent>[number];

/** One group of purposes (marketing, photos, treatments, …): each purpose's state now, with Withdraw or Record. */
export function CurrentConsentsTable(props: {
  group: Group['group'];
  rows: Group['rows'];
  canEdit: boolean;
  /** The purposes this role may record: only these get a button. */
  recordable: ConsentPurpose[];
  /** A consent form is open: no second one is offered. */
  recording: boolean;
  treatmentName: (id: string | null) => string | null;
  onWithdraw: (row: ConsentCurrent) => void;
  onRecord: (what: { purposeId: string; treatmentId: string | null }) => void;
}) {
  const { group, rows } = props;
  return (
    <section className="card card--table" aria-labelledby={`consent-group-${group.id}`}>
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
            const forTreatment = props.treatmentName(row.treatmentId);
            const name = forTreatment ? `${label}: ${forTreatment}` : label;
            const canRecordThis = props.recordable.some((p) => p.id === row.purpose.id);
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
                      onClick={() => props.onWithdraw(row)}
                    >
                      Withdraw
                    </button>
                  ) : null}
                  {props.canEdit && canRecordThis && row.state !== 'granted' && !props.recording ? (
                    <button
                      type="button"
                      className="button button--small button--quiet"
                      aria-label={`Record consent for ${name}`}
                      onClick={() =>
                        props.onRecord({ purposeId: row.purpose.id, treatmentId: row.treatmentId })
                      }
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
  );
}
