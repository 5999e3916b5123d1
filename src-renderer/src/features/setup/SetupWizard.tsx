import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useFieldErrors } from '../../components/useFieldErrors';
import { api, ApiError, messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { TextField } from '../../components/Field';
import { PasswordPair } from '../../components/PasswordPair';
import { clinicSettingsSchema, newStaffSchema } from '../../../../src-main/contract/schemas';
import type { SessionInfo } from '../../../../src-main/contract/types';
import { check, checkNewPassword, issuesToFieldErrors } from '../../validation';
import { ClinicDetailsFields } from '../settings/ClinicDetailsFields';
import {
  clinicInputFromForm,
  EMPTY_CLINIC_FORM,
  errorsUnder,
  settingsFieldOf,
  type ClinicForm,
} from '../settings/clinic-form';
import { RecoveryKeyStep } from './RecoveryKeyStep';

const STEPS = ['Clinic details', 'Owner account', 'Recovery key'] as const;
const ownerSchema = newStaffSchema.omit({ role: true });

interface Owner {
  displayName: string;
  username: string;
  password: string;
  confirm: string;
}

/** First run: the clinic's details, the owner's account, then the recovery key (shown once). */
export function SetupWizard(props: { onComplete: (session: SessionInfo, clinicName: string) => void }) {
  const [step, setStep] = useState<0 | 1 | 2>(0);
  const [clinic, setClinic] = useState<ClinicForm>(EMPTY_CLINIC_FORM);
  const [owner, setOwner] = useState<Owner>({ displayName: '', username: '', password: '', confirm: '' });
  const { errors, setErrors, clear } = useFieldErrors();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ recoveryKey: string; session: SessionInfo } | null>(null);

  // Moving between steps removes the button that had focus: put keyboard and
  // screen-reader users at the top of the new step instead of the page's start.
  const cardRef = useRef<HTMLDivElement>(null);
  const firstStep = useRef(true);
  useEffect(() => {
    if (firstStep.current) {
      firstStep.current = false;
      return;
    }
    cardRef.current?.querySelector<HTMLElement>('.section-title')?.focus();
  }, [step]);

  function nextFromClinic(e: FormEvent) {
    e.preventDefault();
    const found = check(clinicSettingsSchema, clinicInputFromForm(clinic), 'clinic.');
    setErrors(found);
    setProblem(null);
    if (Object.keys(found).length === 0) setStep(1);
  }

  async function createVault(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    const ownerInput = { displayName: owner.displayName, username: owner.username, password: owner.password };
    const found = {
      ...check(ownerSchema, ownerInput, 'owner.'),
      ...checkNewPassword(owner.password, owner.confirm, 'owner.password', 'owner.confirm'),
    };
    setErrors(found);
    if (Object.keys(found).length > 0) return;

    setBusy(true);
    try {
      const result = await api('vault.setup', { clinic: clinicInputFromForm(clinic), owner: ownerInput });
      setCreated(result);
      setStep(2);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'VALIDATION' && err.issues.length > 0) {
        const fromApp = issuesToFieldErrors(err.issues);
        setErrors(fromApp);
        if (Object.keys(fromApp).some((f) => f.startsWith('clinic.'))) setStep(0);
        setProblem(err.message);
      } else {
        setProblem(messageOf(err));
      }
    } finally {
      setBusy(false);
    }
  }

  const clinicErrors = errorsUnder(errors, 'clinic.');
  const ownerErrors = errorsUnder(errors, 'owner.');

  return (
    <main className="setup-screen">
      <div className="setup-card" ref={cardRef}>
        <header className="setup-card__header no-print">
          <p className="eyebrow">Clinic Vault</p>
          <h1 className="setup-card__title">Set up your clinic</h1>
          <ol className="steps" aria-label="Set-up steps">
            {STEPS.map((label, i) => (
              <li
                key={label}
                className={`steps__item${i === step ? ' steps__item--current' : ''}${i < step ? ' steps__item--done' : ''}`}
                aria-current={i === step ? 'step' : undefined}
              >
                <span className="steps__number" aria-hidden="true">
                  {i + 1}
                </span>
                {label}
              </li>
            ))}
          </ol>
        </header>

        {problem && step !== 2 ? <Alert kind="error">{problem}</Alert> : null}

        {step === 0 ? (
          <form onSubmit={nextFromClinic} noValidate aria-labelledby="setup-clinic-heading">
            <h2 id="setup-clinic-heading" className="section-title" tabIndex={-1}>
              Clinic details
            </h2>
            <p className="lead">
              These appear on documents you give to clients, such as privacy notices and subject-access
              responses. You can change them later in Settings.
            </p>
            <ClinicDetailsFields
              value={clinic}
              onChange={(next, changed) => {
                setClinic(next);
                clear(`clinic.${settingsFieldOf(changed)}`);
              }}
              errors={clinicErrors}
            />
            <div className="form-actions">
              <button type="submit" className="button button--primary">
                Next: owner account
              </button>
            </div>
          </form>
        ) : null}

        {step === 1 ? (
          <form onSubmit={createVault} noValidate aria-labelledby="setup-owner-heading">
            <h2 id="setup-owner-heading" className="section-title" tabIndex={-1}>
              Owner account
            </h2>
            <p className="lead">
              The owner manages staff, settings and the audit log. Everyone who uses Clinic Vault gets their
              own account, so every action is recorded against the person who took it.
            </p>
            <div className="form-stack">
              <TextField
                label="Your name"
                value={owner.displayName}
                onChange={(v) => {
                  setOwner({ ...owner, displayName: v });
                  clear('owner.displayName');
                }}
                autoComplete="name"
                error={ownerErrors.displayName}
              />
              <TextField
                label="Username"
                hint="What you will type to sign in, like sarah or s.jones."
                value={owner.username}
                onChange={(v) => {
                  setOwner({ ...owner, username: v });
                  clear('owner.username');
                }}
                autoComplete="username"
                error={ownerErrors.username}
              />
              <PasswordPair
                passwordLabel="Password"
                confirmLabel="Confirm password"
                password={owner.password}
                confirm={owner.confirm}
                onPassword={(v) => {
                  setOwner({ ...owner, password: v });
                  clear('owner.password');
                }}
                onConfirm={(v) => {
                  setOwner({ ...owner, confirm: v });
                  clear('owner.confirm');
                }}
                passwordError={ownerErrors.password}
                confirmError={ownerErrors.confirm}
              />
            </div>
            <div className="form-actions">
              <button
                type="button"
                className="button"
                onClick={() => {
                  setProblem(null);
                  setStep(0);
                }}
                disabled={busy}
              >
                Back
              </button>
              <button type="submit" className="button button--primary" disabled={busy}>
                {busy ? 'Creating the vault…' : 'Create the vault'}
              </button>
            </div>
          </form>
        ) : null}

        {step === 2 && created ? (
          <RecoveryKeyStep
            recoveryKey={created.recoveryKey}
            clinicName={clinicInputFromForm(clinic).clinicName.trim()}
            onConfirmed={() =>
              props.onComplete(created.session, clinicInputFromForm(clinic).clinicName.trim())
            }
          />
        ) : null}
      </div>
    </main>
  );
}
