import { useRef, useState, type FormEvent } from 'react';
import { useDrafts, useKeptDraft } from '../../app/drafts';
import { api, ApiError, messageOf, upload } from '../../api';
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
import { issuesToFieldErrors } from '../../validation';
import { useConsentChanged } from './useConsentChanged';

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
  /** HH:MM, London time: asked for when the day already has a record for the purpose. */
  occurredTime: string;
  /** Pre-filled with the notice in force on the day; follows the date until the person picks one. */
  noticeId: string;
  noticeTouched: boolean;
  /** Pre-filled with the purpose's standard wording; follows the purpose until the person changes it (Art 7(1)). */
  wording: string;
  wordingTouched: boolean;
  basis: MarketingBasis;
  soft: SoftOptInAnswers;
  note: string;
  evidence: File | null;
  explicitRegrant: boolean;
}

export interface SoftOptInAnswers {
  detailsCollectedDuringSale: boolean;
  similarServicesOnly: boolean;
  optOutOfferedAtCollection: boolean;
}

/** Names the draft of a consent being recorded for a client. */
export function consentDraftKey(clientId: string): string {
  return `consent:${clientId}`;
}

/**
 * The record-consent form's state and its save: one draft object (kept across a
 * lock), the checks made before asking the app, the staged evidence file, the
 * app's field errors, and the "objected to marketing" answer that asks for fresh
 * explicit consent. A save invalidates the client's consents (useConsentChanged).
 */
export function useRecordConsentForm(opts: {
  clientId: string;
  purposes: ConsentPurpose[];
  notices: PrivacyNotice[];
  initialPurposeId: string;
  initialTreatmentId: string | null;
  onSaved: (event: RecordedConsent) => void;
}) {
  const { purposes, notices } = opts;
  const drafts = useDrafts();
  const draftKey = consentDraftKey(opts.clientId);
  const [kept] = useState(() => drafts.get<ConsentDraft>(draftKey));
  const [opened] = useState<ConsentDraft>(() => {
    const purposeId = opts.initialPurposeId || purposes[0]?.id || '';
    return {
      purposeId,
      treatmentId: opts.initialTreatmentId ?? '',
      state: 'granted',
      method: 'in-person',
      occurredOn: formatDay(todayIso()),
      occurredTime: '',
      noticeId: noticeInEffectOn(notices, todayIso())?.id ?? '',
      noticeTouched: false,
      wording: purposes.find((p) => p.id === purposeId)?.standardWording ?? '',
      wordingTouched: false,
      basis: 'consent',
      soft: {
        detailsCollectedDuringSale: false,
        similarServicesOnly: false,
        optOutOfferedAtCollection: false,
      },
      note: '',
      evidence: null,
      explicitRegrant: false,
    };
  });
  const [draft, setDraft] = useState<ConsentDraft>(kept ?? opened);
  // Compared with the form as it opened; the default wording follows the purpose, so it counts only once typed in.
  useKeptDraft(draftKey, draft, kept !== undefined || draftDiffers(opened, draft));
  const staged = useRef<{ file: File; uploadId: string } | null>(null);
  const [suppressedProblem, setSuppressedProblem] = useState<string | null>(null);
  const { errors, setErrors, clear } = useFieldErrors();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const consentChanged = useConsentChanged(opts.clientId);

  const purpose = purposes.find((p) => p.id === draft.purposeId);
  const granting = draft.state === 'granted';
  const isMarketing = purpose?.category === 'marketing';
  const offersSoftOptIn =
    granting && isMarketing && (purpose.channel === 'email' || purpose.channel === 'sms');

  /** Sets one field and clears the errors shown for it. */
  function set<K extends keyof ConsentDraft>(key: K, value: ConsentDraft[K], ...clears: string[]) {
    setDraft((d) => ({ ...d, [key]: value }));
    for (const field of clears) clear(field);
  }

  const change = {
    purpose(id: string) {
      const next = purposes.find((p) => p.id === id);
      setDraft((d) => ({
        ...d,
        purposeId: id,
        wording: d.wordingTouched ? d.wording : (next?.standardWording ?? ''),
      }));
      clear('purposeId');
      setSuppressedProblem(null);
    },
    state(v: ConsentState) {
      set('state', v);
      setSuppressedProblem(null);
    },
    occurredOn(v: string) {
      const day = parseUkDate(v);
      const inForce = day ? noticeInEffectOn(notices, day) : null;
      setDraft((d) => ({
        ...d,
        occurredOn: v,
        noticeId: !d.noticeTouched && inForce ? inForce.id : d.noticeId,
      }));
      clear('occurredAt');
      clear('occurredTime');
    },
    notice(v: string) {
      setDraft((d) => ({ ...d, noticeId: v, noticeTouched: true }));
      clear('noticeId');
    },
    wording(v: string) {
      setDraft((d) => ({ ...d, wording: v, wordingTouched: true }));
      clear('wording');
    },
    basis(v: MarketingBasis) {
      set('basis', v, 'softOptIn', 'basis');
    },
    soft(key: keyof SoftOptInAnswers, v: boolean) {
      setDraft((d) => ({ ...d, soft: { ...d.soft, [key]: v } }));
      clear('softOptIn');
    },
  };

  function checkForm(): Record<string, string> {
    const found: Record<string, string> = {};
    if (!purpose) found.purposeId = 'Choose what the consent is for.';
    const day = parseUkDate(draft.occurredOn);
    if (!day) found.occurredAt = 'Enter the date the client told you, like 25/12/2026.';
    else if (day > todayIso()) found.occurredAt = 'That date is in the future.';
    if (draft.occurredTime.trim() && !/^([01]?\d|2[0-3]):[0-5]\d$/.test(draft.occurredTime.trim()))
      found.occurredTime = 'Enter the time like 14:30.';
    if (offersSoftOptIn && draft.basis === 'soft-opt-in' && !Object.values(draft.soft).every(Boolean))
      found.softOptIn =
        'The soft opt-in applies only when all three are true. Otherwise, ask the client for consent.';
    return found;
  }

  function inputOf(purposeId: string): RecordInput {
    const day = parseUkDate(draft.occurredOn)!;
    const time = draft.occurredTime.trim().padStart(5, '0');
    return {
      clientId: opts.clientId,
      purposeId,
      state: draft.state,
      method: draft.method,
      // Said live today: now. Otherwise the date (the app asks for the time if that day has another record), or date and time.
      ...(draft.occurredTime.trim()
        ? { occurredAt: `${day}T${time}` }
        : day === todayIso() && LIVE_METHODS.includes(draft.method)
          ? {}
          : { occurredAt: day }),
      noticeId: draft.noticeId || null,
      wording: draft.wording,
      treatmentId: purpose?.category === 'treatment' && draft.treatmentId ? draft.treatmentId : null,
      // Only email and SMS take a basis (PECR reg 22(3)); the core refuses one for any other channel.
      basis: offersSoftOptIn ? draft.basis : null,
      softOptIn: offersSoftOptIn && draft.basis === 'soft-opt-in' ? draft.soft : null,
      explicitRegrant: suppressedProblem !== null && draft.explicitRegrant,
      note: draft.note,
    };
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
    const input = inputOf(purpose.id);
    try {
      const { evidence } = draft;
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
      consentChanged();
      opts.onSaved(saved);
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

  return {
    draft,
    set,
    change,
    purpose,
    offersSoftOptIn,
    /** Calls are screened number by number in the TPS panel (docs/phones-and-tps.md), not in this form. */
    isPhoneGrant: granting && isMarketing && purpose.channel === 'phone',
    isTreatment: purpose?.category === 'treatment',
    errors,
    clear,
    problem,
    suppressedProblem,
    busy,
    restored: kept !== undefined,
    submit,
  };
}

function draftDiffers(a: ConsentDraft, b: ConsentDraft): boolean {
  if (a.evidence !== b.evidence) return true;
  const comparable = (d: ConsentDraft) =>
    JSON.stringify({ ...d, evidence: null, wording: d.wordingTouched ? d.wording : '' });
  return comparable(a) !== comparable(b);
}
