import { useEffect, useState, type FormEvent } from 'react';
import { useFieldErrors } from '../../components/useFieldErrors';
import { api, ApiError, messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { Checkbox } from '../../components/Checkbox';
import { TextField } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { useToast } from '../../components/Toast';
import { markSaved } from '../../app/unsaved-forms';
import { clinicSettingsSchema } from '../../../../src-main/contract/schemas';
import type { ClinicSettings } from '../../../../src-main/contract/types';
import { check, issuesToFieldErrors } from '../../validation';
import { ClinicDetailsFields } from './ClinicDetailsFields';
import { useQueryClient } from '@tanstack/react-query';
import { BANK_HOLIDAYS_KEY, BankHolidays } from './BankHolidays';
import { PrivacyNotices } from './PrivacyNotices';
import { TreatmentCatalogue } from './TreatmentCatalogue';
import {
  clinicFormFromSettings,
  clinicInputFromForm,
  errorsUnder,
  settingsFieldOf,
  type ClinicForm,
} from './clinic-form';

export function SettingsPage(props: { onSaved: (settings: ClinicSettings) => void }) {
  const [form, setForm] = useState<ClinicForm | null>(null);
  const [autoLock, setAutoLock] = useState('5');
  /** Null until the app reports the clinic's upload limit (then it can be changed here). */
  const [maxUpload, setMaxUpload] = useState<string | null>(null);
  const [receptionSeesVisits, setReceptionSeesVisits] = useState(true);
  const [includeIncomplete, setIncludeIncomplete] = useState(false);
  const [reviewMonths, setReviewMonths] = useState('12');
  const { errors, setErrors, clear } = useFieldErrors();
  const [problem, setProblem] = useState<string | null>(null);
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const queryClient = useQueryClient();

  useEffect(() => {
    let live = true;
    api('settings.get').then(
      (s) => {
        if (!live) return;
        setForm(clinicFormFromSettings(s));
        setAutoLock(String(s.autoLockMinutes));
        setMaxUpload(uploadLimitOf(s));
        setReceptionSeesVisits(s.receptionSeesVisitSummary);
        setIncludeIncomplete(s.marketingIncludesIncompleteEvidence);
        setReviewMonths(String(s.medicalReviewMonths));
      },
      (err: unknown) => live && setProblem(messageOf(err)),
    );
    return () => {
      live = false;
    };
  }, []);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!form) return;
    const formElement = e.currentTarget as HTMLFormElement;
    setProblem(null);
    const minutes = autoLock.trim() === '' ? Number.NaN : Number(autoLock);
    const megabytes =
      maxUpload === null ? undefined : maxUpload.trim() === '' ? Number.NaN : Number(maxUpload);
    const months = reviewMonths.trim() === '' ? Number.NaN : Number(reviewMonths);
    const input = {
      ...clinicInputFromForm(form),
      autoLockMinutes: minutes,
      receptionSeesVisitSummary: receptionSeesVisits,
      marketingIncludesIncompleteEvidence: includeIncomplete,
      medicalReviewMonths: months,
      ...(megabytes !== undefined ? { maxUploadMB: megabytes } : {}),
    };
    const found = check(clinicSettingsSchema, input);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 60)
      found.autoLockMinutes = 'Enter a whole number of minutes from 1 to 60.';
    if (megabytes !== undefined && (!Number.isInteger(megabytes) || megabytes < 1 || megabytes > 500))
      found.maxUploadMB = 'Enter a whole number of megabytes from 1 to 500.';
    if (!Number.isInteger(months) || months < 1 || months > 60)
      found.medicalReviewMonths = 'Enter a whole number of months from 1 to 60.';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const saved = await api('settings.update', input);
      setForm(clinicFormFromSettings(saved));
      setAutoLock(String(saved.autoLockMinutes));
      setMaxUpload(uploadLimitOf(saved));
      setReceptionSeesVisits(saved.receptionSeesVisitSummary);
      setIncludeIncomplete(saved.marketingIncludesIncompleteEvidence);
      setReviewMonths(String(saved.medicalReviewMonths));
      // The form stays on screen after a save: it no longer holds anything unsaved.
      markSaved(formElement);
      toast('Settings saved.');
      // The region may have changed: the bank holidays below are the new region's.
      void queryClient.invalidateQueries({ queryKey: BANK_HOLIDAYS_KEY });
      props.onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError && err.issues.length > 0) setErrors(issuesToFieldErrors(err.issues));
      setProblem(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader title="Settings">
        The clinic&rsquo;s details appear on documents given to clients.
      </PageHeader>
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      {form ? (
        <form onSubmit={save} noValidate data-guard>
          <section className="card" aria-labelledby="settings-clinic-heading">
            <h2 id="settings-clinic-heading" className="card__title">
              Clinic details
            </h2>
            <ClinicDetailsFields
              value={form}
              onChange={(next, changed) => {
                setForm(next);
                clear(settingsFieldOf(changed));
              }}
              errors={errorsUnder(errors, '')}
            />
          </section>
          <section className="card" aria-labelledby="settings-security-heading">
            <h2 id="settings-security-heading" className="card__title">
              Security
            </h2>
            <TextField
              label="Lock the screen after this many idle minutes"
              hint="From 1 to 60 minutes. A locked screen needs a password to open again."
              type="number"
              inputMode="numeric"
              min={1}
              max={60}
              inputClassName="input--tiny"
              value={autoLock}
              onChange={(v) => {
                setAutoLock(v);
                clear('autoLockMinutes');
              }}
              error={errors.autoLockMinutes}
            />
            {maxUpload !== null ? (
              <TextField
                className="field--spaced"
                label="Largest photo or document, in MB"
                hint="Files larger than this are refused before they are read. From 1 to 500."
                type="number"
                inputMode="numeric"
                min={1}
                max={500}
                inputClassName="input--tiny"
                value={maxUpload}
                onChange={(v) => {
                  setMaxUpload(v);
                  clear('maxUploadMB');
                }}
                error={errors.maxUploadMB}
              />
            ) : null}
          </section>
          <section className="card" aria-labelledby="settings-reception-heading">
            <h2 id="settings-reception-heading" className="card__title">
              Reception
            </h2>
            <Checkbox checked={receptionSeesVisits} onChange={setReceptionSeesVisits}>
              Reception sees how many treatments and photos each client has, and their last visit date
            </Checkbox>
            <p className="field__hint">
              Helpful for booking follow-ups. Turn it off if reception should see contact details only.
            </p>
          </section>
          <section className="card" aria-labelledby="settings-clinical-heading">
            <h2 id="settings-clinical-heading" className="card__title">
              Clinical alerts
            </h2>
            <TextField
              label="Medical history review is due after this many months"
              hint="From 1 to 60. After that, practitioners see an alert and tick that they reviewed it before recording a treatment."
              type="number"
              inputMode="numeric"
              min={1}
              max={60}
              inputClassName="input--tiny"
              value={reviewMonths}
              onChange={(v) => {
                setReviewMonths(v);
                clear('medicalReviewMonths');
              }}
              error={errors.medicalReviewMonths}
            />
          </section>
          <section className="card" aria-labelledby="settings-marketing-heading">
            <h2 id="settings-marketing-heading" className="card__title">
              Marketing lists
            </h2>
            <Checkbox checked={includeIncomplete} onChange={setIncludeIncomplete}>
              Include consents whose evidence is incomplete (no privacy notice or no wording recorded)
            </Checkbox>
            <p className="field__hint">
              Off by default: the clinic may have to show what each person was told (UK GDPR Art 7(1)). When on, the
              list says how many it includes.
            </p>
          </section>
          <div className="form-actions form-actions--start">
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? 'Saving…' : 'Save settings'}
            </button>
          </div>
        </form>
      ) : !problem ? (
        <p className="loading">Loading settings…</p>
      ) : null}
      {form ? <BankHolidays /> : null}
      {form ? <TreatmentCatalogue /> : null}
      {form ? <PrivacyNotices /> : null}
    </>
  );
}

function uploadLimitOf(s: ClinicSettings): string {
  return String(s.maxUploadMB);
}
