import { useCallback, useEffect, useRef, useState } from 'react';
import { SessionQueries } from './SessionQueries';
import { api, messageOf, onNotSignedIn } from '../api';
import type { AppStatus, SessionInfo } from '../../../src-main/contract/types';
import { SetupWizard } from '../features/setup/SetupWizard';
import { SignInScreen } from '../features/signin/SignInScreen';
import { Shell, type Route } from '../features/shell/Shell';
import { FullScreenMessage } from '../components/FullScreenMessage';
import { ToastProvider } from '../components/Toast';
import { DraftContext, DraftStore } from './drafts';
import { revealMessages } from './reveal-messages';
import { guardWindowClose } from './unsaved-forms';

type View =
  | { kind: 'loading' }
  | { kind: 'unreachable'; message: string }
  | { kind: 'startup-error'; message: string }
  | { kind: 'setup' }
  | {
      kind: 'sign-in';
      locked: boolean;
      username: string;
      seq: number;
      notice?: string;
      /** Whose unsaved changes wait behind the lock screen (their name), if any. */
      keptFor?: string;
    }
  | { kind: 'shell'; session: SessionInfo; recoveryKeyPending: boolean; draftsRestored?: boolean };

let signInSeq = 0;
const signInView = (locked: boolean, username: string): View => ({
  kind: 'sign-in',
  locked,
  username,
  seq: ++signInSeq,
});

/** Where the app is: first run, sign-in/lock, or signed in. Driven by `app.status`. */
export function App() {
  const [view, setView] = useState<View>({ kind: 'loading' });
  // Unsaved form contents, kept across a lock for the same person only (app/drafts.ts).
  const [drafts] = useState(() => new DraftStore());
  const viewRef = useRef(view);
  useEffect(() => {
    viewRef.current = view;
  }, [view]);

  useEffect(() => revealMessages(document), []);
  useEffect(() => guardWindowClose(window, () => drafts.heldFor() !== null), [drafts]);
  const [clinicName, setClinicName] = useState<string | null>(null);
  // Reopen the page (and client record) someone was on when they unlock again (same person only).
  const [resume, setResume] = useState<{ staffId: string; route: Route } | null>(null);

  const showStatus = useCallback((status: AppStatus) => {
    setClinicName(status.clinicName);
    if (status.startupError) setView({ kind: 'startup-error', message: status.startupError.message });
    else if (status.state === 'no-vault') setView({ kind: 'setup' });
    else if (status.state === 'unlocked' && status.session)
      setView({ kind: 'shell', session: status.session, recoveryKeyPending: status.recoveryKeyPending });
    else setView(signInView(false, ''));
  }, []);
  const showUnreachable = useCallback(
    (err: unknown) => setView({ kind: 'unreachable', message: messageOf(err) }),
    [],
  );
  const load = useCallback(
    () => api('app.status').then(showStatus, showUnreachable),
    [showStatus, showUnreachable],
  );

  useEffect(() => {
    api('app.status').then(showStatus, showUnreachable);
  }, [showStatus, showUnreachable]);

  // Whenever the core says the vault is locked, show the lock screen.
  useEffect(
    () =>
      onNotSignedIn((error) => {
        // The core locked itself (its own idle lock) or restarted: the same as a lock, drafts kept.
        if (viewRef.current.kind === 'shell') drafts.hold();
        setView((v) => {
          // After a data engine restart (docs/core-worker.md) the sign-in screen says why it is showing.
          const notice = error.code === 'CORE_RESTARTED' ? error.message : undefined;
          if (v.kind === 'shell')
            return { ...signInView(true, v.session.username), notice, ...keptFor(drafts, v.session) };
          if (v.kind === 'setup') return { ...signInView(false, ''), notice };
          if (v.kind === 'sign-in' && notice) return { ...v, notice };
          return v;
        });
      }),
    [drafts],
  );

  const enterShell = useCallback(
    async (session: SessionInfo) => {
      let pending = false;
      try {
        const status = await api('app.status');
        pending = status.recoveryKeyPending;
        setClinicName(status.clinicName);
      } catch {
        // The shell works without it; the banner just won't show.
      }
      // Someone else signing in never sees the previous person's drafts: they are dropped here.
      const restored = drafts.heldFor() === session.staffId;
      drafts.openFor(session.staffId);
      setView({ kind: 'shell', session, recoveryKeyPending: pending, draftsRestored: restored });
    },
    [drafts],
  );

  const lock = useCallback(
    async (session: SessionInfo, reason: 'manual' | 'idle' = 'manual') => {
      drafts.hold();
      setView({ ...signInView(true, session.username), ...keptFor(drafts, session) });
      try {
        await api('session.lock', { reason });
      } catch {
        // Already locked, or unreachable: the lock screen is showing either way.
      }
    },
    [drafts],
  );

  const signOut = useCallback(async () => {
    try {
      await api('session.signOut');
    } catch {
      // As above.
    }
    setResume(null);
    drafts.discardAll();
    setView(signInView(false, ''));
  }, [drafts]);

  const staffId = view.kind === 'shell' ? view.session.staffId : null;
  const onRouteChange = useCallback(
    (route: Route) => {
      if (staffId) setResume({ staffId, route });
    },
    [staffId],
  );

  switch (view.kind) {
    case 'loading':
      return <FullScreenMessage title="Opening Clinic Vault…" busy />;
    case 'unreachable':
      return (
        <FullScreenMessage
          title="Clinic Vault could not start"
          tone="error"
          action={{ label: 'Try again', run: load }}
        >
          {view.message}
        </FullScreenMessage>
      );
    case 'startup-error':
      return (
        <FullScreenMessage title="The vault cannot be opened" tone="error">
          {view.message}
        </FullScreenMessage>
      );
    case 'setup':
      return (
        <SetupWizard
          onComplete={(session, name) => {
            setClinicName(name);
            setView({ kind: 'shell', session, recoveryKeyPending: false });
          }}
        />
      );
    case 'sign-in':
      return (
        <SignInScreen
          key={view.seq}
          clinicName={clinicName}
          locked={view.locked}
          initialUsername={view.username}
          notice={view.notice}
          keptFor={view.keptFor}
          onSwitchUser={() => {
            // "Switch user" on the lock screen: the person who locked is warned first (SignInScreen).
            drafts.discardAll();
            setResume(null);
          }}
          onSignedIn={(session) => void enterShell(session)}
        />
      );
    case 'shell': {
      const { session } = view;
      return (
        // Toasts live with the shell: a lock takes them away with it (one may name a client).
        <DraftContext.Provider value={drafts}>
          <SessionQueries>
            <ToastProvider>
              <Shell
                session={session}
                clinicName={clinicName ?? ''}
                recoveryKeyPending={view.recoveryKeyPending}
                initialRoute={resume?.staffId === session.staffId ? resume.route : { page: 'home' }}
                onRouteChange={onRouteChange}
                onLock={(reason) => void lock(session, reason)}
                onSignOut={() => void signOut()}
                onClinicNameChange={setClinicName}
                onSessionChange={(next) => setView({ ...view, session: next })}
                onRecoveryKeyConfirmed={() => setView({ ...view, recoveryKeyPending: false })}
                draftsRestored={view.draftsRestored}
              />
            </ToastProvider>
          </SessionQueries>
        </DraftContext.Provider>
      );
    }
  }
}

/** The lock screen names whose unsaved changes it keeps (call after `drafts.hold()`). */
function keptFor(drafts: DraftStore, session: SessionInfo): { keptFor?: string } {
  return drafts.heldFor() === session.staffId ? { keptFor: session.displayName } : {};
}
