import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, messageOf, upload } from '../../api';
import { useDrafts, useKeptDraft } from '../../app/drafts';
import { Alert } from '../../components/Alert';
import { Checkbox } from '../../components/Checkbox';
import { DateField, SelectField, TextField } from '../../components/Field';
import { useFieldErrors } from '../../components/useFieldErrors';
import { ageOn, formatDay, parseUkDate, todayIso } from '../../dates';
import type {
  ClientRecord,
  Treatment,
  TreatmentType,
} from '../../../../src-main/contract/record-types';
import type { SessionInfo } from '../../../../src-main/contract/types';
import { issuesToFieldErrors } from '../../validation';
import { fullName } from '../clients/client-names';
import { AREA_SUGGESTIONS } from './areas';
import { ClinicalAlertsBanner, useClinicalAlerts } from './ClinicalAlerts';
import { useStaffList } from '../staff/useStaffList';
import { AdverseEventFields } from './AdverseEventFields';
import { DoctorApprovalFields } from './DoctorApprovalFields';
import { TreatmentNotesFields } from './TreatmentNotesFields';
import { TreatmentProductFields } from './TreatmentProductFields';
import {
  checkTreatmentForm,
  emptyTreatmentForm,
  treatmentInputFromForm,
  withType,
  type TreatmentForm,
} from './treatment-form';

export function AddTreatmentForm(props: {
  session: SessionInfo;
  client: ClientRecord;
  types: TreatmentType[];
  /** Why the catalogue could not be read, in the core's words. */
  typesProblem?: string | null;
  onCancel: () => void;
  onSaved: (t: Treatment) => void;
}) {
  const { session, client } = props;
  // What is typed is kept across a lock for the same person (app/drafts.ts).
  const drafts = useDrafts();
  const draftKey = treatmentDraftKey(client.id);
  const [kept] = useState(() => drafts.get<{ form: TreatmentForm; consentFile: File | null }>(draftKey));
  const [blank] = useState<TreatmentForm>(() => emptyTreatmentForm(formatDay(todayIso())));
  const [form, setForm] = useState<TreatmentForm>(kept?.form ?? blank);
  const { errors, setErrors, clear } = useFieldErrors();
  const [problem, setProblem] = useState<string | null>(null);
  const [under18, setUnder18] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [consentFile, setConsentFile] = useState<File | null>(kept?.consentFile ?? null);
  const draft = useMemo(() => ({ form, consentFile }), [form, consentFile]);
  useKeptDraft(draftKey, draft, kept !== undefined || form !== blank || consentFile !== null);
  const staged = useRef<{ file: File; uploadId: string } | null>(null);
  const doctorRef = useRef<HTMLDivElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const reviewRef = useRef<HTMLDivElement>(null);
  // The same alerts as the record's banner, here where the treatment is recorded (asked afresh: it may have changed).
  const clinicalAlerts = useClinicalAlerts(client.id, true);
  const reviewRequired = clinicalAlerts.alerts?.reviewRequired ?? false;

  const canPickPractitioner = session.permissions.includes('staff.manage');
  const staffList = useStaffList(canPickPractitioner);
  const staff = useMemo(
    () => (staffList.data ?? []).filter((m) => m.removedAt === null && m.role !== 'reception'),
    [staffList.data],
  );

  // A staged consent form that was never used is thrown away.
  useEffect(
    () => () => {
      const s = staged.current;
      if (s) void api('uploads.discard', { uploadId: s.uploadId }).catch(() => undefined);
    },
    [],
  );

  const activeTypes = props.types.filter((t) => t.active);
  const type = props.types.find((t) => t.id === form.typeId);
  const treatedOnIso = parseUkDate(form.treatedOn);
  const ageThen = treatedOnIso ? ageOn(client.dateOfBirth, treatedOnIso) : null;
  // An injectable whose toxin/filler answer was never given counts as one (core/treatments/catalogue-rules.ts).
  const under18Type = !!type && (type.toxinOrFiller || (type.injectable && !type.toxinOrFillerAnswered));
  const minorForThis = under18Type && ageThen !== null && ageThen < 18;
  const showDoctor = form.doctorApproval || minorForThis || under18 !== null;

  const set =
    <K extends keyof TreatmentForm>(key: K, field: string = key) =>
    (v: TreatmentForm[K]) => {
      setForm((f) => ({ ...f, [key]: v }));
      clear(field);
    };

  function chooseType(typeId: string) {
    setForm((f) => withType(f, typeId, props.types));
    clear('typeId');
  }

  function showReviewTick() {
    requestAnimationFrame(() => {
      reviewRef.current?.scrollIntoView({ block: 'center' });
      reviewRef.current?.querySelector<HTMLInputElement>('input[type="checkbox"]')?.focus();
    });
  }

  function recordApproval() {
    setForm((f) => ({ ...f, doctorApproval: true }));
    requestAnimationFrame(() => {
      doctorRef.current?.scrollIntoView({ block: 'center' });
      doctorRef.current?.querySelector<HTMLInputElement>('input[type="text"]')?.focus();
    });
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    setUnder18(null);
    const found = checkTreatmentForm(form, type, reviewRequired);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setProblem('Some details need correcting. They are marked below.');
      if (found.medicalHistoryReviewed) showReviewTick();
      return;
    }
    const input = treatmentInputFromForm(form, client.id);
    try {
      if (consentFile) {
        if (staged.current?.file !== consentFile) {
          setBusy('Uploading the consent form…');
          const receipt = await upload(consentFile);
          staged.current = { file: consentFile, uploadId: receipt.uploadId };
        }
        input.consentFormUploadId = staged.current?.uploadId ?? null;
      }
      setBusy('Saving…');
      const saved = await api('treatments.create', input);
      staged.current = null; // claimed by the treatment
      props.onSaved(saved);
    } catch (err) {
      setBusy(null);
      if (err instanceof ApiError && err.code === 'UNDER_18') {
        setUnder18(err.message);
        requestAnimationFrame(() => alertRef.current?.scrollIntoView({ block: 'nearest' }));
        return;
      }
      if (err instanceof ApiError && err.issues.length > 0) {
        const byField = issuesToFieldErrors(err.issues);
        if (byField.consentFormUploadId) byField.consentForm = byField.consentFormUploadId;
        setErrors(byField);
        if (byField.medicalHistoryReviewed) showReviewTick();
      }
      setProblem(messageOf(err));
    }
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      className="treatment-form"
      data-guard
      data-dirty={kept ? '' : undefined}
    >
      <div className="section-bar">
        <div>
          <h2 className="section-bar__title">Add treatment</h2>
          <p className="section-bar__meta">
            For <bdi dir="auto">{fullName(client)}</bdi>, born {formatDay(client.dateOfBirth)}
          </p>
        </div>
      </div>

      {under18 ? (
        <div ref={alertRef}>
          <Alert kind="error" title="This treatment was not saved">
            <p>{under18}</p>
            {!form.doctorApproval ? (
              <button type="button" className="button button--small" onClick={recordApproval}>
                Record a doctor&rsquo;s approval
              </button>
            ) : (
              <p>Fill in the doctor&rsquo;s details below, then save again.</p>
            )}
          </Alert>
        </div>
      ) : null}
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      <ClinicalAlertsBanner
        alerts={clinicalAlerts.alerts}
        problem={clinicalAlerts.problem}
        label="Clinical alerts for this treatment"
      />
      {reviewRequired || form.medicalHistoryReviewed || errors.medicalHistoryReviewed ? (
        <div
          ref={reviewRef}
          className={`review-tick${errors.medicalHistoryReviewed ? ' review-tick--invalid' : ''}`}
          data-testid="review-tick"
        >
          <Checkbox checked={form.medicalHistoryReviewed} onChange={set('medicalHistoryReviewed')}>
            I have reviewed the medical history today
          </Checkbox>
          <p className="field__hint">
            {clinicalAlerts.alerts?.reviewedOn
              ? `Last reviewed ${formatDay(clinicalAlerts.alerts.reviewedOn)}. `
              : 'Never reviewed. '}
            Required: go through it with the client before treating. Saving records today as its review date.
          </p>
          {errors.medicalHistoryReviewed ? (
            <p className="field__error" role="alert">
              {errors.medicalHistoryReviewed}
            </p>
          ) : null}
        </div>
      ) : null}
      {props.typesProblem ? (
        <Alert kind="error">{props.typesProblem}</Alert>
      ) : props.types.length === 0 ? (
        <Alert kind="warning">The treatment catalogue could not be loaded. Try opening the tab again.</Alert>
      ) : null}
      {staffList.error ? (
        // Only "me" can be chosen as the practitioner until the list can be read.
        <Alert kind="warning">{messageOf(staffList.error)}</Alert>
      ) : null}

      <section className="card">
        <fieldset className="form-section">
          <legend className="form-section__title">Treatment</legend>
          <div className="form-grid">
            <DateField
              label="Date of treatment"
              hint="DD/MM/YYYY"
              value={form.treatedOn}
              onChange={set('treatedOn')}
              error={errors.treatedOn}
              required
            />
            <SelectField
              label="Practitioner"
              value={form.practitionerId}
              onChange={set('practitionerId')}
              error={errors.practitionerId}
              options={[
                { value: '', label: `Me (${session.displayName})` },
                ...staff
                  .filter((m) => m.id !== session.staffId)
                  .map((m) => ({ value: m.id, label: m.displayName })),
              ]}
            />
            <SelectField
              label="Treatment"
              value={form.typeId}
              onChange={chooseType}
              error={errors.typeId}
              hint={
                under18Type
                  ? 'Botulinum toxin or dermal filler: not for anyone under 18 without a doctor’s approval.'
                  : type?.injectable
                    ? 'Injectable: product, batch and expiry are required.'
                    : undefined
              }
              options={[
                { value: '', label: 'Choose the treatment…' },
                ...activeTypes.map((t) => ({ value: t.id, label: t.name })),
              ]}
            />
            <TextField
              label="Areas treated"
              hint="Separate areas with commas, like Forehead, Glabella."
              list="treatment-area-suggestions"
              value={form.areas}
              onChange={set('areas')}
              error={errors.areas}
            />
          </div>
          {minorForThis ? (
            <Alert kind="warning" title={`Under 18 on this date (aged ${ageThen})`}>
              Botulinum toxin and dermal fillers may only be given to someone under 18 with a registered
              doctor&rsquo;s approval. Record it below if this is that exception.
            </Alert>
          ) : null}
        </fieldset>

        <TreatmentProductFields form={form} set={set} errors={errors} injectable={!!type?.injectable} />


        <TreatmentNotesFields
          form={form}
          set={set}
          errors={errors}
          onConsentFile={(file) => {
            setConsentFile(file);
            clear('consentForm');
          }}
        />


        <AdverseEventFields form={form} set={set} errors={errors} />


        {showDoctor ? <DoctorApprovalFields form={form} set={set} errors={errors} ref={doctorRef} /> : null}
      </section>

      <datalist id="treatment-area-suggestions">
        {AREA_SUGGESTIONS.map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>

      <div className="form-actions form-actions--start">
        <button type="submit" className="button button--primary" disabled={busy !== null}>
          {busy ?? 'Save treatment'}
        </button>
        <button type="button" className="button" onClick={props.onCancel} disabled={busy !== null}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Names the draft of a treatment being recorded for a client (app/drafts.ts). */
export function treatmentDraftKey(clientId: string): string {
  return `treatment:${clientId}`;
}
