import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError, messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { DiscardDialog } from '../../components/DiscardDialog';
import { TextField } from '../../components/Field';
import type { SessionInfo } from '../../../../src-main/contract/types';
import { RecoverForm } from './RecoverForm';
import { RestoreDialog } from '../backups/RestoreDialog';

/**
 * Sign-in, and the lock screen (the same form with the username filled in).
 * Wrong details show one generic message; throttling shows a countdown and
 * keeps the button disabled until it ends.
 */
export function SignInScreen(props: {
  clinicName: string | null;
  locked: boolean;
  initialUsername: string;
  /** Why the screen is showing, when it is not an ordinary lock (the data engine restarted). */
  notice?: string;
  /** The name of whoever locked with unsaved changes, kept for them alone (app/drafts.ts). */
  keptFor?: string | undefined;
  /** Switch user was chosen on the lock screen: any kept changes are thrown away. */
  onSwitchUser?: () => void;
  onSignedIn: (session: SessionInfo) => void;
}) {
  const [mode, setMode] = useState<'sign-in' | 'recover'>('sign-in');
  const [restoring, setRestoring] = useState(false);
  const [username, setUsername] = useState(props.initialUsername);
  const [password, setPassword] = useState('');
  const [locked, setLocked] = useState(props.locked);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [keptFor, setKeptFor] = useState(props.keptFor);
  const [confirmSwitch, setConfirmSwitch] = useState(false);

  useEffect(() => {
    if (retryAt === null) return;
    const timer = window.setInterval(() => {
      const t = Date.now();
      setNow(t);
      if (t >= retryAt) {
        setRetryAt(null);
        setProblem(null);
      }
    }, 250);
    return () => window.clearInterval(timer);
  }, [retryAt]);

  const secondsLeft = retryAt === null ? 0 : Math.max(0, Math.ceil((retryAt - now) / 1000));
  const throttled = retryAt !== null && secondsLeft > 0;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (throttled || busy) return;
    if (!username.trim() || !password) {
      setProblem('Enter your username and password.');
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const session = await api('session.signIn', { username, password });
      props.onSignedIn(session);
    } catch (err) {
      setPassword('');
      setProblem(messageOf(err));
      if (err instanceof ApiError && err.code === 'SIGNIN_THROTTLED') {
        const wait = Math.max(1, Math.ceil(err.retryAfterSeconds ?? 30));
        const t = Date.now();
        setNow(t);
        setRetryAt(t + wait * 1000);
      }
      setBusy(false);
    }
  }

  function switchUser() {
    setConfirmSwitch(false);
    setKeptFor(undefined);
    props.onSwitchUser?.();
    setLocked(false);
    setUsername('');
    setPassword('');
    setProblem(null);
  }

  if (mode === 'recover') {
    return (
      <AuthFrame clinicName={props.clinicName}>
        <RecoverForm
          initialUsername={username}
          onCancel={() => setMode('sign-in')}
          onRecovered={props.onSignedIn}
        />
      </AuthFrame>
    );
  }

  return (
    <AuthFrame clinicName={props.clinicName}>
      <form onSubmit={submit} noValidate aria-labelledby="signin-heading" className="form-stack">
        <h2 id="signin-heading" className="auth-card__heading">
          {locked ? 'Locked' : 'Sign in'}
        </h2>
        {locked ? (
          <p className="auth-card__note">
            The vault is locked. Sign in again to carry on where you left off.
          </p>
        ) : null}
        {locked && keptFor ? (
          <p className="auth-card__note" data-testid="kept-changes">
            Unsaved changes are kept for <bdi dir="auto">{keptFor}</bdi> until they sign in again. Anyone else
            signing in starts afresh, and they are discarded.
          </p>
        ) : null}
        {props.notice ? <Alert kind="warning">{props.notice}</Alert> : null}
        {problem ? <Alert kind="error">{problem}</Alert> : null}
        {throttled ? (
          <p className="countdown">
            You can try again in {secondsLeft} {secondsLeft === 1 ? 'second' : 'seconds'}.
          </p>
        ) : null}
        <TextField
          label="Username"
          value={username}
          onChange={setUsername}
          autoComplete="username"
          autoFocus={!username}
        />
        <TextField
          label="Password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          autoFocus={!!username}
        />
        <button type="submit" className="button button--primary button--block" disabled={busy || throttled}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <div className="auth-card__links">
        {locked ? (
          <button
            type="button"
            className="link-button"
            onClick={() => (keptFor ? setConfirmSwitch(true) : switchUser())}
          >
            Switch user
          </button>
        ) : null}
        <button type="button" className="link-button" onClick={() => setMode('recover')}>
          Forgot your password?
        </button>
        <button type="button" className="link-button" onClick={() => setRestoring(true)}>
          Restore from a backup…
        </button>
      </div>
      {restoring ? <RestoreDialog onClose={() => setRestoring(false)} /> : null}
      {confirmSwitch && keptFor ? (
        <DiscardDialog
          title={`Discard ${keptFor}’s unsaved changes?`}
          message={`${keptFor} locked the screen with changes not saved yet. Switch user throws them away; only ${keptFor} signing in again gets them back.`}
          keepLabel="Keep them"
          discardLabel="Discard and switch user"
          onKeep={() => setConfirmSwitch(false)}
          onDiscard={switchUser}
        />
      ) : null}
    </AuthFrame>
  );
}

export function AuthFrame(props: { clinicName: string | null; children: ReactNode }) {
  return (
    <main className="auth-screen">
      <div className="auth-card">
        <header className="auth-card__header">
          <p className="eyebrow">Clinic Vault</p>
          <h1 className="auth-card__clinic">{props.clinicName ?? 'Clinic Vault'}</h1>
        </header>
        {props.children}
      </div>
    </main>
  );
}
