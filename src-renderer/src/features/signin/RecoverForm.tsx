import { useState, type FormEvent } from 'react';
import { api, ApiError, messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { useFieldErrors } from '../../components/useFieldErrors';
import { TextField } from '../../components/Field';
import { PasswordPair } from '../../components/PasswordPair';
import type { SessionInfo } from '../../../../src-main/contract/types';
import { checkNewPassword, issuesToFieldErrors, type FieldErrors } from '../../validation';

/** "Forgot your password?": the recovery key sets a new password and signs in. */
export function RecoverForm(props: {
  initialUsername: string;
  onCancel: () => void;
  onRecovered: (session: SessionInfo) => void;
}) {
  const [username, setUsername] = useState(props.initialUsername);
  const [recoveryKey, setRecoveryKey] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const { errors, setErrors, clear } = useFieldErrors();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    const found: FieldErrors = checkNewPassword(password, confirm, 'newPassword', 'confirm');
    if (!username.trim()) found.username = 'Enter your username.';
    if (!recoveryKey.trim()) found.recoveryKey = 'Enter the recovery key.';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const session = await api('session.recover', { username, recoveryKey, newPassword: password });
      props.onRecovered(session);
    } catch (err) {
      if (err instanceof ApiError && err.issues.length > 0) setErrors(issuesToFieldErrors(err.issues));
      setProblem(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="recover-heading" className="form-stack">
      <h2 id="recover-heading" className="auth-card__heading">
        Reset your password
      </h2>
      <p className="auth-card__note">
        Use the recovery key that was printed when the clinic was set up. It is eight groups of four letters
        and numbers.
      </p>
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      <TextField
        label="Username"
        value={username}
        onChange={(v) => {
          setUsername(v);
          clear('username');
        }}
        autoComplete="username"
        error={errors.username}
      />
      <TextField
        label="Recovery key"
        value={recoveryKey}
        onChange={(v) => {
          setRecoveryKey(v);
          clear('recoveryKey');
        }}
        inputClassName="input--mono"
        hint="For example ABCD-EFGH-… Dashes and spaces are optional."
        error={errors.recoveryKey}
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
        <button type="button" className="button" onClick={props.onCancel} disabled={busy}>
          Back to sign in
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Resetting…' : 'Reset password and sign in'}
        </button>
      </div>
    </form>
  );
}
