import { useState } from 'react';
import { api, messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { useIdleLock } from '../../app/useIdleLock';
import { ROLE_LABELS, type Permission } from '../../../../src-main/shared/permissions';
import type { SessionInfo } from '../../../../src-main/shared/types';
import { ChangePasswordDialog } from './ChangePasswordDialog';
import { HomePage } from './HomePage';
import { StaffPage } from '../staff/StaffPage';
import { SettingsPage } from '../settings/SettingsPage';
import { AuditPage } from '../audit/AuditPage';
import { VaultCheckPage } from '../vault-check/VaultCheckPage';

export type PageId = 'home' | 'staff' | 'settings' | 'audit' | 'vault-check';

/** The navigation, filtered by what the signed-in role may use (the core enforces it regardless). */
const PAGES: { id: PageId; label: string; needs?: Permission }[] = [
  { id: 'home', label: 'Home' },
  { id: 'staff', label: 'Staff', needs: 'staff.manage' },
  { id: 'settings', label: 'Settings', needs: 'settings.manage' },
  { id: 'audit', label: 'Audit log', needs: 'audit.read' },
  { id: 'vault-check', label: 'Vault check', needs: 'vault.verify' },
];

export function Shell(props: {
  session: SessionInfo;
  clinicName: string;
  recoveryKeyPending: boolean;
  initialPage: PageId;
  onPageChange: (page: PageId) => void;
  /** 'idle' when the screen locks itself after the auto-lock period. */
  onLock: (reason?: 'manual' | 'idle') => void;
  onSignOut: () => void;
  onClinicNameChange: (name: string) => void;
  onSessionChange: (session: SessionInfo) => void;
  onRecoveryKeyConfirmed: () => void;
}) {
  const { session } = props;
  const allowed = PAGES.filter((p) => !p.needs || session.permissions.includes(p.needs));
  const [page, setPage] = useState<PageId>(() =>
    allowed.some((p) => p.id === props.initialPage) ? props.initialPage : 'home',
  );
  const [changingPassword, setChangingPassword] = useState(false);

  useIdleLock(session.autoLockMinutes, () => props.onLock('idle'));

  function go(next: PageId) {
    setPage(next);
    props.onPageChange(next);
  }

  return (
    <div className="shell">
      <header className="topbar">
        <div className="topbar__brand">
          <span className="topbar__product">Clinic Vault</span>
          <span className="topbar__clinic" data-testid="clinic-name">
            {props.clinicName}
          </span>
        </div>
        <div className="topbar__user">
          <span className="visually-hidden">Signed in as </span>
          <span className="topbar__name" data-testid="signed-in-name">
            {session.displayName}
          </span>
          <span className="badge" data-testid="signed-in-role">
            {ROLE_LABELS[session.role]}
          </span>
        </div>
        <div className="topbar__actions">
          <button type="button" className="button button--quiet" onClick={() => setChangingPassword(true)}>
            Change my password
          </button>
          <button type="button" className="button button--quiet" onClick={props.onSignOut}>
            Switch user
          </button>
          <button type="button" className="button button--lock" onClick={() => props.onLock('manual')}>
            Lock
          </button>
        </div>
      </header>

      <div className="shell__body">
        <nav className="sidenav" aria-label="Main">
          <ul className="sidenav__list">
            {allowed.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  className={`sidenav__item${p.id === page ? ' sidenav__item--current' : ''}`}
                  aria-current={p.id === page ? 'page' : undefined}
                  onClick={() => go(p.id)}
                >
                  {p.label}
                </button>
              </li>
            ))}
          </ul>
        </nav>

        <main className="content">
          {props.recoveryKeyPending && session.permissions.includes('settings.manage') ? (
            <RecoveryKeyReminder onConfirmed={props.onRecoveryKeyConfirmed} />
          ) : null}
          {page === 'home' ? (
            <HomePage session={session} clinicName={props.clinicName} allowedPages={allowed} onOpen={go} />
          ) : null}
          {page === 'staff' ? <StaffPage session={session} /> : null}
          {page === 'settings' ? (
            <SettingsPage
              onSaved={(settings) => {
                props.onClinicNameChange(settings.clinicName);
                if (settings.autoLockMinutes !== session.autoLockMinutes)
                  props.onSessionChange({ ...session, autoLockMinutes: settings.autoLockMinutes });
              }}
            />
          ) : null}
          {page === 'audit' ? <AuditPage session={session} /> : null}
          {page === 'vault-check' ? <VaultCheckPage /> : null}
        </main>
      </div>

      {changingPassword ? <ChangePasswordDialog onClose={() => setChangingPassword(false)} /> : null}
    </div>
  );
}

/** Set-up ended before the owner confirmed the recovery key was stored (window closed, or the vault locked). */
function RecoveryKeyReminder(props: { onConfirmed: () => void }) {
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Alert kind="warning">
      <div className="reminder">
        <p>
          <strong>Is the recovery key stored safely?</strong> It was shown when the clinic was set up, and is
          the only way back in if the owner password is forgotten.
        </p>
        <button
          type="button"
          className="button button--small"
          onClick={() =>
            api('vault.confirmRecoveryKey').then(props.onConfirmed, (err: unknown) =>
              setProblem(messageOf(err)),
            )
          }
        >
          I have stored it safely
        </button>
      </div>
      {problem ? <p className="alert__problem">{problem}</p> : null}
    </Alert>
  );
}
