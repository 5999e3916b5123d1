import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useDrafts, useKeptDraft } from '../../app/drafts';
import type { ZodType } from 'zod';
import { api, ApiError, messageOf } from '../../api';
import { CLIENT_READ, queryKeys } from '../../app/query-keys';
import { useFieldErrors } from '../../components/useFieldErrors';
import { formatDay, parseUkDate, todayIso } from '../../dates';
import { reviewedOnIssues } from '../../../../src-main/contract/client-rules';
import type { LifestyleHistory, MedicalHistory } from '../../../../src-main/contract/record-types';
import { check, issuesToFieldErrors } from '../../validation';
import { changedValues } from './diff';

/**
 * The edit form of a history section (medical, lifestyle): its state, the
 * shared checks (schema, a real and not-future "last reviewed" date), sending
 * only the fields that changed with the reason, and the server's field errors.
 * What is typed is kept under `draftKey` across a lock (app/drafts.ts).
 */
export function useSectionEditor<
  Form extends { reviewedOn: string },
  Input extends { reviewedOn: string | null },
  Saved,
>(opts: {
  initial: Form;
  /** Names this form's draft, like `medical:cl_…`. */
  draftKey: string;
  inputOf: (form: Form) => Input;
  schema: ZodType;
  save: (changes: Partial<Input>, reason: string) => Promise<Saved>;
  onSaved: (saved: Saved) => void;
}) {
  const drafts = useDrafts();
  const [kept] = useState(() => drafts.get<{ form: Form; reason: string }>(opts.draftKey));
  const [form, setForm] = useState<Form>(kept?.form ?? opts.initial);
  const [reason, setReason] = useState(kept?.reason ?? '');
  const { initial, inputOf } = opts;
  const changed = useMemo(
    () => reason.trim() !== '' || Object.keys(changedValues(inputOf(initial), inputOf(form))).length > 0,
    [reason, form, initial, inputOf],
  );
  const draft = useMemo(() => ({ form, reason }), [form, reason]);
  useKeptDraft(opts.draftKey, draft, changed);
  const { errors, setErrors, clear } = useFieldErrors();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set =
    <K extends keyof Form>(key: K) =>
    (v: Form[K]) => {
      setForm((f) => ({ ...f, [key]: v }));
      clear(key as string);
    };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    const input = opts.inputOf(form);
    const found = check(opts.schema, input);
    if (form.reviewedOn.trim() && parseUkDate(form.reviewedOn) === null)
      found.reviewedOn = 'Enter a real date, like 25/12/2026.';
    else Object.assign(found, issuesToFieldErrors(reviewedOnIssues(input.reviewedOn, todayIso())));
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const changes = changedValues(opts.inputOf(opts.initial), input) as Partial<Input>;
    if (Object.keys(changes).length === 0) {
      setProblem('Nothing has been changed yet.');
      return;
    }
    setBusy(true);
    try {
      opts.onSaved(await opts.save(changes, reason));
    } catch (err) {
      if (err instanceof ApiError && err.issues.length > 0) setErrors(issuesToFieldErrors(err.issues));
      setProblem(messageOf(err));
      setBusy(false);
    }
  }

  return { form, set, reason, setReason, errors, problem, busy, submit, restored: kept !== undefined };
}

/** A history section as the edit form holds it: the review date as typed (DD/MM/YYYY). */
export type SectionForm<T extends { reviewedOn: string | null; updatedAt: string | null }> = Omit<
  T,
  'reviewedOn' | 'updatedAt'
> & {
  reviewedOn: string;
};

export function sectionFormOf<T extends { reviewedOn: string | null; updatedAt: string | null }>(
  section: T,
): SectionForm<T> {
  const { updatedAt: _updatedAt, ...rest } = section;
  return { ...rest, reviewedOn: formatDay(section.reviewedOn) } as SectionForm<T>;
}

/** The form back as the API's input: the review date as ISO (or as typed, for the schema to refuse). */
export function sectionInputOf<F extends { reviewedOn: string }>(
  form: F,
): Omit<F, 'reviewedOn'> & { reviewedOn: string | null } {
  return {
    ...form,
    reviewedOn: form.reviewedOn.trim() ? (parseUkDate(form.reviewedOn) ?? form.reviewedOn.trim()) : null,
  };
}

interface SectionState<T> {
  history: T | null;
  /** After a save: the answer replaces the cached section, and the clinical alerts are asked again. */
  setHistory: (history: T) => void;
  problem: string | null;
}

/** Loads a client's section when the tab opens (the core audit-logs each read, so it is never served from the cache). */
export function useSectionHistory(method: 'medical.get', clientId: string): SectionState<MedicalHistory>;
export function useSectionHistory(method: 'lifestyle.get', clientId: string): SectionState<LifestyleHistory>;
export function useSectionHistory(method: 'medical.get' | 'lifestyle.get', clientId: string): unknown {
  // The overloads above give each caller its section's exact type.
  const queryClient = useQueryClient();
  const queryKey = method === 'medical.get' ? queryKeys.medical(clientId) : queryKeys.lifestyle(clientId);
  const query = useQuery<MedicalHistory | LifestyleHistory>({
    queryKey,
    queryFn: () => (method === 'medical.get' ? api('medical.get', { clientId }) : api('lifestyle.get', { clientId })),
    ...CLIENT_READ,
  });
  const setHistory = (saved: MedicalHistory | LifestyleHistory) => {
    queryClient.setQueryData(queryKey, saved);
    // Allergies, pregnancy and the review date are clinical alerts (ClinicalAlerts.tsx).
    void queryClient.invalidateQueries({ queryKey: queryKeys.clinicalAlerts(clientId) });
  };
  return { history: query.data ?? null, setHistory, problem: query.error ? messageOf(query.error) : null };
}
