import { useState } from 'react';
import { useDrafts } from '../../app/drafts';
import { messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { useToast } from '../../components/Toast';
import { formatDateTime, formatDay } from '../../dates';
import type { ClientRecord, Treatment } from '../../../../src-main/contract/record-types';
import type { SessionInfo } from '../../../../src-main/contract/types';
import { AddTreatmentForm, treatmentDraftKey } from './AddTreatmentForm';
import { Facts, prose } from './Facts';
import { AMOUNT_UNIT_LABELS } from './treatment-form';
import { useRecordChanged } from './useClientRecord';
import { useTreatments, useTreatmentTypes } from './useTreatments';

export function TreatmentsTab(props: { session: SessionInfo; client: ClientRecord; canAdd: boolean }) {
  const { client } = props;
  const list = useTreatments(client.id);
  const treatments = list.data ?? null;
  const problem = list.error ? messageOf(list.error) : null;
  // The catalogue only for those who may add a treatment; the form shows why if it could not be read.
  const types = useTreatmentTypes(props.canAdd);
  // Back from a lock with a treatment half recorded: the form reopens with it.
  const drafts = useDrafts();
  const [adding, setAdding] = useState(() => drafts.has(treatmentDraftKey(client.id)));
  const toast = useToast();
  const recordChanged = useRecordChanged(client.id);

  if (problem && !treatments) return <Alert kind="error">{problem}</Alert>;

  return (
    <>
      {adding ? (
        <AddTreatmentForm
          session={props.session}
          client={client}
          types={types.data ?? []}
          typesProblem={types.error ? messageOf(types.error) : null}
          onCancel={() => setAdding(false)}
          onSaved={(t) => {
            setAdding(false);
            toast(`${t.typeName} on ${formatDay(t.treatedOn)} has been added to the record.`);
            recordChanged();
          }}
        />
      ) : (
        <div className="section-bar">
          <h2 className="section-bar__title">Treatments</h2>
          {props.canAdd ? (
            <button
              type="button"
              className="button button--primary"
              onClick={() => {
                setAdding(true);
              }}
            >
              Add treatment
            </button>
          ) : null}
        </div>
      )}

      {problem ? <Alert kind="error">{problem}</Alert> : null}
      {treatments === null ? <p className="loading">Loading treatments…</p> : null}
      {treatments !== null && treatments.length === 0 && !adding ? (
        <section className="card">
          <p className="empty">
            No treatments recorded yet.{props.canAdd ? ' Record one with Add treatment.' : ''}
          </p>
        </section>
      ) : null}
      {treatments !== null && treatments.length > 0 ? (
        <ol className="treatment-list" aria-label="Treatments, newest first">
          {treatments.map((t) => (
            <li key={t.id}>
              <TreatmentCard treatment={t} />
            </li>
          ))}
        </ol>
      ) : null}
    </>
  );
}

function TreatmentCard(props: { treatment: Treatment }) {
  const t = props.treatment;
  const amount =
    t.amount !== null ? `${t.amount} ${t.amountUnit ? AMOUNT_UNIT_LABELS[t.amountUnit] : ''}`.trim() : '';
  return (
    <article className="card treatment" aria-label={`${t.typeName}, ${formatDay(t.treatedOn)}`}>
      <header className="treatment__header">
        <div>
          <h3 className="treatment__title">
            <span className="treatment__date">{formatDay(t.treatedOn)}</span> {t.typeName}
          </h3>
          <p className="treatment__meta">
            By {t.practitionerName}
            {t.areas.length ? ` · ${t.areas.join(', ')}` : ''}
          </p>
        </div>
        <div className="treatment__badges">
          {t.adverseEvent.trim() ? <span className="badge badge--danger">Adverse event</span> : null}
          {t.doctorException ? <span className="badge badge--warning">Doctor&rsquo;s approval</span> : null}
          {t.followUpOn ? <span className="badge">Follow-up {formatDay(t.followUpOn)}</span> : null}
        </div>
      </header>
      <Facts
        items={[
          { label: 'Product', value: t.product ? <bdi dir="auto">{t.product}</bdi> : '' },
          { label: 'Batch / lot', value: t.batchNumber ? <span className="mono">{t.batchNumber}</span> : '' },
          { label: 'Expiry', value: formatDay(t.batchExpiry) },
          { label: 'Amount', value: amount },
          ...(t.notes.trim() ? [{ label: 'Notes', value: prose(t.notes), wide: true }] : []),
          ...(t.aftercare.trim() ? [{ label: 'Aftercare', value: prose(t.aftercare), wide: true }] : []),
          ...(t.adverseEvent.trim()
            ? [
                { label: 'Adverse event', value: prose(t.adverseEvent), wide: true },
                {
                  label: 'MHRA Yellow Card',
                  value: t.mhraReported
                    ? `Reported${t.mhraReference ? `, reference ${t.mhraReference}` : ''}`
                    : 'Not reported yet',
                },
              ]
            : []),
          ...(t.doctorException
            ? [
                {
                  label: 'Approved by doctor',
                  value: `${t.doctorException.doctorName} (GMC ${t.doctorException.gmcNumber})`,
                },
                ...(t.doctorException.assessedOn
                  ? [{ label: 'Doctor’s assessment', value: formatDay(t.doctorException.assessedOn) }]
                  : []),
                ...(t.doctorException.reason ? [{ label: 'Doctor’s reason', value: t.doctorException.reason }] : []),
              ]
            : []),
        ]}
      />
      <p className="treatment__footer">
        Recorded {formatDateTime(t.createdAt)} by {t.createdByName}
      </p>
    </article>
  );
}
