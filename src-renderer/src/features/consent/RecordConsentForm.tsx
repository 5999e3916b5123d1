import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useDrafts, useKeptDraft } from '../../app/drafts';
import { api, ApiError, messageOf, upload } from '../../api';
import { Alert } from '../../components/Alert';
import { Checkbox } from '../../components/Checkbox';
import { DateField, SelectField, TextAreaField, TextField } from '../../components/Field';
import { useFieldErrors } from '../../components/useFieldErrors';
import { formatDay, parseUkDate, todayIso } from '../../dates';
import type {
  ConsentMethod,
  ConsentPurpose,
  ConsentState,
  MarketingBasis,
  PrivacyNotice,
  RecordedConsent,
} from '../../../../src-main/contract/consent-types';
import { noticeInEffectOn } from '../../../../src-main/contract/notice-in-effect';
import type { MethodInput } from '../../../../src-main/contract/schemas';
import type { ClientRecord, Treatment } from '../../../../src-main/contract/record-types';
import { issuesToFieldErrors } from '../../validation';
import { fullName } from '../clients/client-names';
import {
  BASIS_LABELS,
  latestNotice,
  METHOD_LABELS,
  RECORDABLE_STATES,
  STATE_LABELS,
} from './consent-labels';
import { CONSENT_METHODS } from '../../../../src-main/contract/consent-types';

const CONSENT_METHOD_OPTIONS = CONSENT_METHODS.map((m) => ({ value: m, label: METHOD_LABELS[m] }));

type RecordInput = MethodInput<'consent.record'>;

/** Where a field's error from the app is shown, when its name differs from the form's. */
const FIELD_OF: Record<string, string> = {
  evidenceUploadId: 'evidence',
  'softOptIn.detailsCollectedDuringSale': 'softOptIn',
  'softOptIn.similarServicesOnly': 'softOptIn',
  'softOptIn.optOutOfferedAtCollection': 'softOptIn',
};

/** Told live: "today" without a time means now. A form or a message is dated, and placed at the start of its day. */
const LIVE_METHODS: readonly ConsentMethod[] = ['in-person', 'phone'];

/** What is typed in the form, kept across a lock for the same person (app/drafts.ts). */
export interface ConsentDraft {
  purposeId: string;
  treatmentId: string;
  state: ConsentState;
  method: ConsentMethod;
  occurredOn: string;
  occurredTime: string;
  noticeId: string;
  noticeTouched: boolean;
  wording: string;
  wordingTouched: boolean;
  basis: MarketingBasis;
  soft: {
    detailsCollectedDuringSale: boolean;
    similarServicesOnly: boolean;
    optOutOfferedAtCollection: boolean;
  };
  note: string;
  evidence: File | null;
  explicitRegrant: boolean;
}

/** Names the draft of a consent being recorded for a client. */
export function consentDraftKey(clientId: string): string {
  return `consent:${clientId}`;
}

/**
 * Records one answer for one purpose, with everything needed to show later what
 * the client agreed to and how (Art 7(1)): how and when, the privacy-notice
 * version, the exact wording, the basis for email or SMS marketing, and the
 * signed form if there is one. TPS screening is per number (TpsPanel.tsx).
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
  const drafts = useDrafts();
  const draftKey = consentDraftKey(client.id);
  const [kept] = useState(() => drafts.get<ConsentDraft>(draftKey));
  const [purposeId, setPurposeId] = useState(
    kept?.purposeId ?? (props.initialPurposeId || purposes[0]?.id || ''),
  );
  const purpose = purposes.find((p) => p.id === purposeId);
  const [treatmentId, setTreatmentId] = useState(kept?.treatmentId ?? props.initialTreatmentId ?? '');
  const [state, setState] = useState<ConsentState>(kept?.state ?? 'granted');
  const [method, setMethod] = useState<ConsentMethod>(kept?.method ?? 'in-person');
  const [occurredOn, setOccurredOn] = useState(kept?.occurredOn ?? formatDay(todayIso()));
  // HH:MM, London time: asked for when the day already has a record for the purpose.
  const [occurredTime, setOccurredTime] = useState(kept?.occurredTime ?? '');
  // Pre-filled with the notice in force on the day and the purpose's standard wording; both editable (Art 7(1)).
  const [noticeId, setNoticeId] = useState(kept?.noticeId ?? noticeInEffectOn(props.notices, todayIso())?.id ?? '');
  const [noticeTouched, setNoticeTouched] = useState(kept?.noticeTouched ?? false);
  const [wording, setWording] = useState(kept?.wording ?? purpose?.standardWording ?? '');
  const [basis, setBasis] = useState<MarketingBasis>(kept?.basis ?? 'consent');
  const [soft, setSoft] = useState(
    kept?.soft ?? {
      detailsCollectedDuringSale: false,
      similarServicesOnly: false,
      optOutOfferedAtCollection: false,
    },
  );
  const [note, setNote] = useState(kept?.note ?? '');
  const [evidence, setEvidence] = useState<File | null>(kept?.evidence ?? null);
  const staged = useRef<{ file: File; uploadId: string } | null>(null);
  const [suppressedProblem, setSuppressedProblem] = useState<string | null>(null);
  const [explicitRegrant, setExplicitRegrant] = useState(kept?.explicitRegrant ?? false);
  const { errors, setErrors, clear } = useFieldErrors();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  // The wording follows the purpose until the person changes it.
  const [wordingTouched, setWordingTouched] = useState(kept?.wordingTouched ?? false);

  const draft = useMemo<ConsentDraft>(
    () => ({
      purposeId,
      treatmentId,
      state,
      method,
      occurredOn,
      occurredTime,
      noticeId,
      noticeTouched,
      wording,
      wordingTouched,
      basis,
      soft,
      note,
      evidence,
      explicitRegrant,
    }),
    [
      purposeId,
      treatmentId,
      state,
      method,
      occurredOn,
      occurredTime,
      noticeId,
      noticeTouched,
      wording,
      wordingTouched,
      basis,
      soft,
      note,
      evidence,
      explicitRegrant,
    ],
  );
  // Compared with the form as it opened; the default wording follows the purpose, so it counts only once typed in.
  const [opened] = useState(draft);
  useKeptDraft(draftKey, draft, kept !== undefined || draftDiffers(opened, draft));

  const granting = state === 'granted';
  const isMarketing = purpose?.category === 'marketing';
  const offersSoftOptIn =
    granting && isMarketing && (purpose.channel === 'email' || purpose.channel === 'sms');
  // Calls are screened number by number in the TPS panel on the consent tab (docs/phones-and-tps.md), not here.
  const isPhoneGrant = granting && isMarketing && purpose.channel === 'phone';
  const isTreatment = purpose?.category === 'treatment';

  function choosePurpose(id: string) {
    setPurposeId(id);
    clear('purposeId');
    const next = purposes.find((p) => p.id === id);
    if (!wordingTouched) setWording(next?.standardWording ?? '');
    setSuppressedProblem(null);
  }

  function checkForm(): Record<string, string> {
    const found: Record<string, string> = {};
    if (!purpose) found.purposeId = 'Choose what the consent is for.';
    const day = parseUkDate(occurredOn);
    if (!day) found.occurredAt = 'Enter the date the client told you, like 25/12/2026.';
    else if (day > todayIso()) found.occurredAt = 'That date is in the future.';
    if (occurredTime.trim() && !/^([01]?\d|2[0-3]):[0-5]\d$/.test(occurredTime.trim()))
      found.occurredTime = 'Enter the time like 14:30.';
    if (offersSoftOptIn && basis === 'soft-opt-in' && !Object.values(soft).every(Boolean))
      found.softOptIn =
        'The soft opt-in applies only when all three are true. Otherwise, ask the client for consent.';
    return found;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    const found = checkForm();
    setErrors(found);
    if (Object.keys(found).length > 0 || !purpose) {
      setProblem('Some details need correcting. They are marked below.');
      return;
    }
    const day = parseUkDate(occurredOn)!;
    const time = occurredTime.trim().padStart(5, '0');
    const input: RecordInput = {
      clientId: client.id,
      purposeId: purpose.id,
      state,
      method,
      // Said live today: now. Otherwise the date (the app asks for the time if that day has another record), or date and time.
      ...(occurredTime.trim()
        ? { occurredAt: `${day}T${time}` }
        : day === todayIso() && LIVE_METHODS.includes(method)
          ? {}
          : { occurredAt: day }),
      noticeId: noticeId || null,
      wording,
      treatmentId: isTreatment && treatmentId ? treatmentId : null,
      // Only email and SMS take a basis (PECR reg 22(3)); the core refuses one for any other channel.
      basis: offersSoftOptIn ? basis : null,
      softOptIn: offersSoftOptIn && basis === 'soft-opt-in' ? soft : null,
      explicitRegrant: suppressedProblem !== null && explicitRegrant,
      note,
    };
    try {
      if (evidence) {
        if (staged.current?.file !== evidence) {
          setBusy('Uploading the evidence…');
          const receipt = await upload(evidence);
          staged.current = { file: evidence, uploadId: receipt.uploadId };
        }
        input.evidenceUploadId = staged.current?.uploadId ?? null;
      }
      setBusy('Saving…');
      const saved = await api('consent.record', input);
      staged.current = null; // claimed by the consent event
      props.onSaved(saved);
    } catch (err) {
      setBusy(null);
      if (err instanceof ApiError && err.code === 'SUPPRESSED') {
        setSuppressedProblem(err.message);
        return;
      }
      if (err instanceof ApiError && err.issues.length > 0) {
        const byField = issuesToFieldErrors(err.issues);
        for (const [from, to] of Object.entries(FIELD_OF)) {
          if (byField[from] && !byField[to]) byField[to] = byField[from];
        }
        setErrors(byField);
      }
      setProblem(messageOf(err));
    }
  }

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
      data-dirty={kept ? '' : undefined}
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
          <Checkbox checked={explicitRegrant} onChange={setExplicitRegrant} className="consent-form__regrant">
            The client has given fresh, explicit consent
          </Checkbox>
        </Alert>
      ) : null}

      <div className="form-stack">
        <div className="form-grid">
          <SelectField
            label="Purpose"
            value={purposeId}
            onChange={choosePurpose}
            error={errors.purposeId}
            options={purposes.map((p) => ({ value: p.id, label: p.label }))}
          />
          <SelectField
            label="The client’s answer"
            value={state}
            onChange={(v) => {
              setState(v);
              setSuppressedProblem(null);
            }}
            options={RECORDABLE_STATES.map((s) => ({ value: s, label: answerLabel(s) }))}
          />
          {isTreatment ? (
            <SelectField
              label="Treatment"
              className="form-grid__full"
              value={treatmentId}
              onChange={setTreatmentId}
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
            value={method}
            onChange={setMethod}
            error={errors.method}
            options={CONSENT_METHOD_OPTIONS}
          />
          <DateField
            label="When"
            hint="DD/MM/YYYY: the day the client told you."
            value={occurredOn}
            onChange={(v) => {
              setOccurredOn(v);
              clear('occurredAt');
              clear('occurredTime');
              const d = parseUkDate(v);
              const inForce = d ? noticeInEffectOn(props.notices, d) : null;
              if (!noticeTouched && inForce) setNoticeId(inForce.id);
            }}
            error={errors.occurredAt}
          />
          <TextField
            label="Time"
            hint="HH:MM, if known. Needed when something else was recorded for this purpose that day."
            inputMode="numeric"
            inputClassName="input--short input--mono"
            value={occurredTime}
            onChange={(v) => {
              setOccurredTime(v);
              clear('occurredTime');
            }}
            error={errors.occurredTime}
          />
          <SelectField
            label="Privacy notice version"
            className="form-grid__full"
            value={noticeId}
            onChange={(v) => {
              setNoticeTouched(true);
              setNoticeId(v);
              clear('noticeId');
            }}
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
          value={wording}
          onChange={(v) => {
            setWordingTouched(true);
            setWording(v);
            clear('wording');
          }}
          error={errors.wording}
          rows={3}
          maxLength={5000}
        />

        {offersSoftOptIn ? (
          <fieldset className="consent-form__group">
            <legend className="consent-form__legend">
              Basis for {purpose.channel === 'sms' ? 'SMS' : 'email'} marketing
            </legend>
            <div className="segmented consent-form__basis" role="radiogroup" aria-label="Basis">
              {(['consent', 'soft-opt-in'] as const).map((b) => (
                <label key={b} className={`segmented__button${basis === b ? ' segmented__button--on' : ''}`}>
                  <input
                    type="radio"
                    name="consent-basis"
                    className="segmented__radio"
                    checked={basis === b}
                    onChange={() => {
                      setBasis(b);
                      clear('softOptIn');
                      clear('basis');
                    }}
                  />
                  {BASIS_LABELS[b]}
                </label>
              ))}
            </div>
            {basis === 'soft-opt-in' ? (
              <div className="form-stack form-stack--tight consent-form__conditions">
                <p className="field__hint">
                  PECR allows marketing an existing client without asking, only when all three are true:
                </p>
                <Checkbox
                  checked={soft.detailsCollectedDuringSale}
                  onChange={(v) => {
                    setSoft({ ...soft, detailsCollectedDuringSale: v });
                    clear('softOptIn');
                  }}
                >
                  Their details were collected during a sale, or while discussing a treatment
                </Checkbox>
                <Checkbox
                  checked={soft.similarServicesOnly}
                  onChange={(v) => {
                    setSoft({ ...soft, similarServicesOnly: v });
                    clear('softOptIn');
                  }}
                >
                  Only the clinic’s own similar treatments will be marketed
                </Checkbox>
                <Checkbox
                  checked={soft.optOutOfferedAtCollection}
                  onChange={(v) => {
                    setSoft({ ...soft, optOutOfferedAtCollection: v });
                    clear('softOptIn');
                  }}
                >
                  A free opt-out was offered when the details were collected (and will be in every message)
                </Checkbox>
                {errors.softOptIn ? <p className="field__error">{errors.softOptIn}</p> : null}
              </div>
            ) : null}
            {errors.basis ? <p className="field__error">{errors.basis}</p> : null}
          </fieldset>
        ) : null}

        {isPhoneGrant ? (
          <p className="field__hint">
            Before calling, screen each of the client’s numbers against the Telephone Preference Service in the panel
            “Telephone Preference Service, number by number” on this tab. A new or changed number is not screened.
          </p>
        ) : null}

        <div className="form-grid">
          <div className="field">
            <label className="field__label" htmlFor="consent-evidence-file">
              Evidence
            </label>
            <p className="field__hint">Optional. A PDF or a photo of the signed form.</p>
            <input
              id="consent-evidence-file"
              className="file-input"
              type="file"
              accept="application/pdf,image/*,.heic"
              onChange={(e) => {
                setEvidence(e.target.files?.[0] ?? null);
                clear('evidence');
              }}
            />
            {errors.evidence ? <p className="field__error">{errors.evidence}</p> : null}
          </div>
          <TextAreaField
            label="Note"
            hint="Optional."
            value={note}
            onChange={setNote}
            error={errors.note}
            rows={2}
            maxLength={2000}
          />
        </div>
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

function draftDiffers(a: ConsentDraft, b: ConsentDraft): boolean {
  if (a.evidence !== b.evidence) return true;
  const comparable = (d: ConsentDraft) =>
    JSON.stringify({ ...d, evidence: null, wording: d.wordingTouched ? d.wording : '' });
  return comparable(a) !== comparable(b);
}
