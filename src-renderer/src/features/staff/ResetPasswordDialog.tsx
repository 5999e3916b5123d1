import { useState, type FormEvent } from 'react';
import { api, ApiError, messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { useFieldErrors } from '../../components/useFieldErrors';
import { Dialog } from '../../components/Dialog';
import { PasswordPair } from '../../components/PasswordPair';
import type { StaffMember } from '../../../../src-main/contract/types';
import { checkNewPassword, issuesToFieldErrors } from '../../validation';

export function ResetPasswordDialog(props: {
  member: StaffMember;
  onClose: () => void;
  onReset: () => void;
}) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const { errors, setErrors, clear } = useFieldErrors();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    const found = checkNewPassword(password, confirm, 'newPassword', 'confirm');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await api('staff.resetPassword', { staffId: props.member.id, newPassword: password });
      props.onReset();
    } catch (err) {
      if (err instanceof ApiError && err.issues.length > 0) setErrors(issuesToFieldErrors(err.issues));
      setProblem(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <Dialog title={`Reset password for ${props.member.displayName}`} onClose={props.onClose}>
      <form onSubmit={submit} noValidate className="form-stack">
        {problem ? <Alert kind="error">{problem}</Alert> : null}
        <p>Choose a new password for {props.member.displayName}, then give it to them in person.</p>
        <PasswordPair
          password={password}
          confirm={confirm}
          onPassword={(v) => {
            setPassword(v);
            clear('newPassword');
          }}
          onConfirm={(v) => {
            setConfirm(v);
            clear('confirm');
          }}
          passwordError={errors.newPassword}
          confirmError={errors.confirm}
        />
        <div className="form-actions">
          <button type="button" className="button" onClick={props.onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Resetting…' : 'Reset password'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
