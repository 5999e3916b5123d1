import { Alert } from '../../components/Alert';
import { Checkbox } from '../../components/Checkbox';
import { DateField, SelectField, TextAreaField, TextField } from '../../components/Field';
import { formatDay } from '../../dates';
import {
  CONSENT_METHODS,
  type ConsentPurpose,
  type ConsentState,
  type PrivacyNotice,
  type RecordedConsent,
} from '../../../../src-main/contract/consent-types';
import type { ClientRecord, Treatment } from '../../../../src-main/contract/record-types';
import { fullName } from '../clients/client-names';
import { ConsentBasisFields } from './ConsentBasisFields';
import { ConsentEvidenceFields } from './ConsentEvidenceFields';
import { latestNotice, METHOD_LABELS, RECORDABLE_STATES, STATE_LABELS } from './consent-labels';
import { useRecordConsentForm } from './useRecordConsentForm';

export { consentDraftKey, type ConsentDraft } from './useRecordConsentForm';

const CONSENT_METHOD_OPTIONS = CONSENT_METHODS.map((m) => ({ value: m, label: METHOD_LABELS[m] }));

/**
 * Records one answer for one purpose, with everything needed to show later what
 * the client agreed to and how (Art 7(1)): how and when, the privacy-notice
 * version, the exact wording, the basis for email or SMS marketing, and the
 * signed form if there is one. TPS screening is per number (TpsPanel.tsx).
 * The state and the save are useRecordConsentForm's.
 */
export function RecordConsentForm(props: {
  client: ClientRecord;
  purposes: ConsentPurpose[];
  notices: PrivacyNotice[];
  treatments: Treatment[];
  clinicName: string;
  suppressed: boolean;
  initialPurposeId: string;
  initialTreatmentId: string | null;
  onCancel: () => void;
  onSaved: (event: RecordedConsent) => void;
}) {
  const { client, purposes } = props;
  const latest = latestNotice(props.notices);
  const form = useRecordConsentForm({
    clientId: client.id,
    purposes,
    notices: props.notices,
    initialPurposeId: props.initialPurposeId,
    initialTreatmentId: props.initialTreatmentId,
    onSaved: props.onSaved,
  });
  const { draft, set, change, errors, problem, suppressedProblem, busy, submit, purpose } = form;
  const { offersSoftOptIn, isPhoneGrant, isTreatment } = form;

  const noticeOptions = [
    ...[...props.notices]
      .sort((a, b) => b.effectiveOn.localeCompare(a.effectiveOn) || b.createdAt.localeCompare(a.createdAt))
      .map((n) => ({
        value: n.id,
        label: `${n.versionLabel} (in force from ${formatDay(n.effectiveOn)})${n.id === latest?.id ? ', latest' : ''}`,
      })),
    { value: '', label: 'None recorded' },
  ];

  return (
    <form
      onSubmit={submit}
      noValidate
      className="card consent-form"
      data-guard
      data-dirty={form.restored ? '' : undefined}
      aria-labelledby="record-consent-title"
    >
      <div className="card__head card__head--flush">
        <div>
          <h2 id="record-consent-title" className="card__title">
            Record consent
          </h2>
          <p className="card__lead">
            For <bdi dir="auto">{fullName(client)}</bdi>. One purpose at a time: each channel and each use is
            asked about separately.
          </p>
        </div>
      </div>
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      {suppressedProblem ? (
        <Alert kind="error" title="This client objected to direct marketing">
          <p>{suppressedProblem}</p>
          <Checkbox
            checked={draft.explicitRegrant}
            onChange={(v) => set('explicitRegrant', v)}
            className="consent-form__regrant"
          >
            The client has given fresh, explicit consent
          </Checkbox>
        </Alert>
      ) : null}

      <div className="form-stack">
        <div className="form-grid">
          <SelectField
            label="Purpose"
            value={draft.purposeId}
            onChange={change.purpose}
            error={errors.purposeId}
            options={purposes.map((p) => ({ value: p.id, label: p.label }))}
          />
          <SelectField
            label="The client’s answer"
            value={draft.state}
            onChange={change.state}
            options={RECORDABLE_STATES.map((s) => ({ value: s, label: answerLabel(s) }))}
          />
          {isTreatment ? (
            <SelectField
              label="Treatment"
              className="form-grid__full"
              value={draft.treatmentId}
              onChange={(v) => set('treatmentId', v)}
              hint="The treatment this consent is for, if it is already recorded."
              options={[
                { value: '', label: 'Not linked to a recorded treatment' },
                ...props.treatments.map((t) => ({
                  value: t.id,
                  label: `${t.typeName}, ${formatDay(t.treatedOn)}`,
                })),
              ]}
            />
          ) : null}
          <SelectField
            label="How the client told you"
            value={draft.method}
            onChange={(v) => set('method', v)}
            error={errors.method}
            options={CONSENT_METHOD_OPTIONS}
          />
          <DateField
            label="When"
            hint="DD/MM/YYYY: the day the client told you."
            value={draft.occurredOn}
            onChange={change.occurredOn}
            error={errors.occurredAt}
          />
          <TextField
            label="Time"
            hint="HH:MM, if known. Needed when something else was recorded for this purpose that day."
            inputMode="numeric"
            inputClassName="input--short input--mono"
            value={draft.occurredTime}
            onChange={(v) => set('occurredTime', v, 'occurredTime')}
            error={errors.occurredTime}
          />
          <SelectField
            label="Privacy notice version"
            className="form-grid__full"
            value={draft.noticeId}
            onChange={change.notice}
            error={errors.noticeId}
            hint={
              props.notices.length === 0
                ? 'No privacy notice has been published yet. The owner can publish one in Settings.'
                : 'The version the client was given or pointed to.'
            }
            options={noticeOptions}
          />
        </div>

        <TextAreaField
          label="The exact wording shown or read to the client"
          hint="Change it to what was really said or printed on the form."
          value={draft.wording}
          onChange={change.wording}
          error={errors.wording}
          rows={3}
          maxLength={5000}
        />

        {offersSoftOptIn && purpose ? (
          <ConsentBasisFields
            channel={purpose.channel === 'sms' ? 'SMS' : 'email'}
            basis={draft.basis}
            soft={draft.soft}
            errors={errors}
            onBasis={change.basis}
            onSoft={change.soft}
          />
        ) : null}

        {isPhoneGrant ? (
          <p className="field__hint">
            Before calling, screen each of the client’s numbers against the Telephone Preference Service in
            the panel “Telephone Preference Service, number by number” on this tab. A new or changed number is
            not screened.
          </p>
        ) : null}

        <ConsentEvidenceFields
          note={draft.note}
          errors={errors}
          onEvidence={(file) => set('evidence', file, 'evidence')}
          onNote={(v) => set('note', v)}
        />
      </div>

      <div className="form-actions form-actions--start">
        <button type="submit" className="button button--primary" disabled={busy !== null}>
          {busy ?? 'Save consent'}
        </button>
        <button type="button" className="button" onClick={props.onCancel} disabled={busy !== null}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function answerLabel(s: ConsentState): string {
  if (s === 'granted') return 'Given';
  if (s === 'refused') return 'Refused (said no)';
  if (s === 'withdrawn') return 'Withdrawn';
  return STATE_LABELS[s];
}
