import { formatDateTime, formatDay } from '../../dates';
import type { ConsentEvent } from '../../../../src-main/contract/consent-types';
import { EvidenceIncompleteBadge, formatWhen, StateBadge } from './ConsentBadges';
import { BASIS_LABELS, METHOD_LABELS } from './consent-labels';

/** Every consent given, refused or withdrawn, newest first, with what the client was told (Art 7(1)). */
export function ConsentTimeline(props: {
  history: ConsentEvent[];
  canEdit: boolean;
  treatmentName: (id: string | null) => string | null;
}) {
  const { history } = props;
  return (
    <>
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
              <TimelineEvent key={e.id} event={e} treatment={props.treatmentName(e.treatmentId)} />
            ))}
          </ol>
        )}
      </section>
    </>
  );
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
