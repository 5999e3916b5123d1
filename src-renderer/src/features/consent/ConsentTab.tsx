import { useState } from 'react';
import { useDrafts } from '../../app/drafts';
import { Alert } from '../../components/Alert';
import { useToast } from '../../components/Toast';
import type { ConsentCurrent } from '../../../../src-main/contract/consent-types';
import type { ClientRecord } from '../../../../src-main/contract/record-types';
import { fullName } from '../clients/client-names';
import { formatWhen } from './ConsentBadges';
import { ConsentTimeline } from './ConsentTimeline';
import { recordedNotice } from './consent-labels';
import { CurrentConsentsTable } from './CurrentConsentsTable';
import { ObjectDialog } from './ObjectDialog';
import { consentDraftKey, RecordConsentForm, type ConsentDraft } from './RecordConsentForm';
import { TpsPanel } from './TpsPanel';
import { useConsentTab } from './useConsentTab';
import { WithdrawDialog } from './WithdrawDialog';

type Recording = { purposeId: string; treatmentId: string | null };

/**
 * The client's consents: the current state of every purpose at a glance, a
 * one-step withdrawal for each one given, the form to record a new answer, the
 * objection to direct marketing, and the full ledger behind it (Art 7(1)).
 * The data is read by useConsentTab; each write invalidates what it changes
 * (useConsentChanged, docs/renderer-data.md).
 */
export function ConsentTab(props: {
  client: ClientRecord;
  canEdit: boolean;
  /** Photos and treatment consents are clinical: shown and recorded only with clinical access. */
  canClinicalRead: boolean;
  canClinicalWrite: boolean;
}) {
  const { client } = props;
  const data = useConsentTab(client.id, {
    clinicalRead: props.canClinicalRead,
    clinicalWrite: props.canClinicalWrite,
  });
  const { summary, history, recordable, treatmentName } = data;
  const toast = useToast();
  // Back from a lock with a consent half recorded: the form reopens with it (app/drafts.ts).
  const drafts = useDrafts();
  const [recording, setRecording] = useState<Recording | null>(() => {
    const kept = drafts.get<ConsentDraft>(consentDraftKey(client.id));
    return kept ? { purposeId: kept.purposeId, treatmentId: kept.treatmentId || null } : null;
  });
  const [withdrawing, setWithdrawing] = useState<ConsentCurrent | null>(null);
  const [objecting, setObjecting] = useState(false);

  if (data.problem && !summary) return <Alert kind="error">{data.problem}</Alert>;
  if (!summary || !history) return <p className="loading">Loading consents…</p>;

  return (
    <>
      {summary.suppressed ? <ObjectedBanner client={client} suppressedAt={summary.suppressedAt} /> : null}
      {data.problem ? <Alert kind="error">{data.problem}</Alert> : null}
      {data.sideProblem ? <Alert kind="error">{data.sideProblem}</Alert> : null}

      {recording ? (
        <RecordConsentForm
          key={`${recording.purposeId}-${recording.treatmentId ?? ''}`}
          client={client}
          purposes={recordable}
          notices={data.notices}
          treatments={data.treatments}
          clinicName={data.clinicName}
          suppressed={summary.suppressed}
          initialPurposeId={recording.purposeId}
          initialTreatmentId={recording.treatmentId}
          onCancel={() => setRecording(null)}
          onSaved={(event) => {
            setRecording(null);
            // Says so when a backdated answer is not in force, or its evidence is incomplete (issue #11 items 3, 4).
            toast(recordedNotice(event));
          }}
        />
      ) : (
        <ConsentSectionBar
          canEdit={props.canEdit}
          suppressed={summary.suppressed}
          onObject={() => setObjecting(true)}
          onRecord={() => setRecording({ purposeId: recordable[0]?.id ?? '', treatmentId: null })}
        />
      )}

      {data.groups.map(({ group, rows }) => (
        <CurrentConsentsTable
          key={group.id}
          group={group}
          rows={rows}
          canEdit={props.canEdit}
          recordable={recordable}
          recording={recording !== null}
          treatmentName={treatmentName}
          onWithdraw={setWithdrawing}
          onRecord={setRecording}
        />
      ))}

      <TpsPanel clientId={client.id} canEdit={props.canEdit} />

      <ConsentTimeline history={history} canEdit={props.canEdit} treatmentName={treatmentName} />

      {withdrawing ? (
        <WithdrawDialog
          client={client}
          row={withdrawing}
          onClose={() => setWithdrawing(null)}
          onDone={(label) => {
            setWithdrawing(null);
            toast(`${label}: withdrawn. It stops from now on.`);
          }}
        />
      ) : null}
      {objecting ? (
        <ObjectDialog
          client={client}
          hasMarketing={data.hasMarketing}
          onClose={() => setObjecting(false)}
          onDone={() => {
            setObjecting(false);
            toast(
              'The objection is recorded. Marketing on every channel is withdrawn and the client’s contact details are on the suppression list.',
            );
          }}
        />
      ) : null}
    </>
  );
}

/** The client is on the suppression list (Art 21(3)). */
function ObjectedBanner(props: { client: ClientRecord; suppressedAt: string | null }) {
  return (
    <Alert kind="warning" title="Objected to direct marketing">
      <p>
        <bdi dir="auto">{fullName(props.client)}</bdi> objected to direct marketing
        {props.suppressedAt ? ` on ${formatWhen(props.suppressedAt)}` : ''}. They are on the suppression list:
        no marketing on any channel, and they are left off every marketing list. Marketing can only restart
        with their fresh, explicit consent.
      </p>
    </Alert>
  );
}

/** The tab's heading, with Objects to direct marketing and Record consent for those who may write. */
function ConsentSectionBar(props: {
  canEdit: boolean;
  suppressed: boolean;
  onObject: () => void;
  onRecord: () => void;
}) {
  return (
    <div className="section-bar">
      <div>
        <h2 className="section-bar__title">Consent</h2>
        <p className="section-bar__meta">
          What the client has agreed to now. Withdrawing is one step, as easy as giving.
        </p>
      </div>
      {props.canEdit ? (
        <div className="section-bar__actions">
          {!props.suppressed ? (
            <button type="button" className="button button--danger-quiet" onClick={props.onObject}>
              Objects to direct marketing
            </button>
          ) : null}
          <button type="button" className="button button--primary" onClick={props.onRecord}>
            Record consent
          </button>
        </div>
      ) : null}
    </div>
  );
}
