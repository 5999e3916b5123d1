import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError, messageOf } from '../../api';
import { queryKeys } from '../../app/query-keys';
import { Alert } from '../../components/Alert';
import { useFieldErrors } from '../../components/useFieldErrors';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { PasswordPair } from '../../components/PasswordPair';
import { checkNewPassword, issuesToFieldErrors } from '../../validation';

export function ChangePasswordDialog(props: { onClose: () => void }) {
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const { errors, setErrors, clear } = useFieldErrors();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const queryClient = useQueryClient();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    const found = checkNewPassword(password, confirm, 'newPassword', 'confirm');
    if (!current) found.currentPassword = 'Enter your current password.';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await api('session.changePassword', { currentPassword: current, newPassword: password });
      // A new password can give one's own key slot the clinical key (the staff list says which lack it).
      void queryClient.invalidateQueries({ queryKey: queryKeys.staff });
      setDone(true);
    } catch (err) {
      if (err instanceof ApiError && err.issues.length > 0) setErrors(issuesToFieldErrors(err.issues));
      setProblem(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title="Change my password" onClose={props.onClose}>
      {done ? (
        <>
          <Alert kind="success">Your password has been changed. Use the new one next time you sign in.</Alert>
          <div className="form-actions">
            <button type="button" className="button button--primary" onClick={props.onClose} autoFocus>
              Done
            </button>
          </div>
        </>
      ) : (
        <form onSubmit={submit} noValidate className="form-stack">
          {problem ? <Alert kind="error">{problem}</Alert> : null}
          <TextField
            label="Current password"
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(v) => {
              setCurrent(v);
              clear('currentPassword');
            }}
            error={errors.currentPassword}
          />
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
              {busy ? 'Changing…' : 'Change password'}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
