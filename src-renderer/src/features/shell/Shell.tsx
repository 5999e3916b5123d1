import { useEffect, useState } from 'react';
import { api, messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { useIdleLock } from '../../app/useIdleLock';
import { useLeaveGuard } from '../../app/useLeaveGuard';
import { useDrafts } from '../../app/drafts';
import { useToast } from '../../components/Toast';
import { ROLE_LABELS, type Permission } from '../../../../src-main/contract/permissions';
import type { SessionInfo } from '../../../../src-main/contract/types';
import { ChangePasswordDialog } from './ChangePasswordDialog';
import { RollbackDialog, TamperBanner, rollbackWarning } from './SessionWarnings';
import { HomePage } from './HomePage';
import { StaffPage } from '../staff/StaffPage';
import { SettingsPage } from '../settings/SettingsPage';
import { AuditPage } from '../audit/AuditPage';
import { VaultCheckPage } from '../vault-check/VaultCheckPage';
import { ClientListPage } from '../clients/ClientListPage';
import { NEW_CLIENT_DRAFT, NewClientPage } from '../clients/NewClientPage';
import { fullName } from '../clients/client-names';
import { RecordPage, type RecordTab } from '../record/RecordPage';
import { RecallPage } from '../recall/RecallPage';
import { MarketingPage } from '../marketing/MarketingPage';
import { RequestsPage } from '../requests/RequestsPage';
import { RequestPage } from '../requests/RequestPage';
import { RetentionPage } from '../../retention/RetentionPage';
import { QuickCheckWarning } from '../vault-check/QuickCheckWarning';
import { BackupsPage } from '../backups/BackupsPage';
import { BackupStatusIndicator } from '../backups/BackupStatusIndicator';
import { useBackupSchedule } from '../backups/useBackupSchedule';
import { DestructionLogPage } from '../../retention/DestructionLogPage';

export type PageId =
  | 'home'
  | 'clients'
  | 'recall'
  | 'marketing'
  | 'requests'
  | 'retention'
  | 'staff'
  | 'settings'
  | 'backups'
  | 'audit'
  | 'vault-check'
  | 'destruction-log';

/** Where the person is: a page, and on Clients, a client's record (and which tab) or the new-client form. */
export interface Route {
  page: PageId;
  clientId?: string;
  tab?: RecordTab;
  creating?: boolean;
  /** On Requests, the request open. */
  requestId?: string;
}

/** The navigation, filtered by what the signed-in role may use (the core enforces it regardless). */
const PAGES: { id: PageId; label: string; needs?: Permission }[] = [
  { id: 'home', label: 'Home' },
  { id: 'clients', label: 'Clients', needs: 'clients.read' },
  { id: 'recall', label: 'Recall', needs: 'clinical.read' },
  { id: 'marketing', label: 'Marketing lists', needs: 'marketing.export' },
  { id: 'requests', label: 'Requests', needs: 'requests.log' },
  { id: 'retention', label: 'Retention', needs: 'records.destroy' },
  { id: 'staff', label: 'Staff', needs: 'staff.manage' },
  { id: 'settings', label: 'Settings', needs: 'settings.manage' },
  { id: 'backups', label: 'Backups', needs: 'backup.run' },
  { id: 'audit', label: 'Audit log', needs: 'audit.read' },
  { id: 'destruction-log', label: 'Destruction log', needs: 'records.destroy' },
  { id: 'vault-check', label: 'Vault check', needs: 'vault.verify' },
];

export function Shell(props: {
  session: SessionInfo;
  clinicName: string;
  recoveryKeyPending: boolean;
  initialRoute: Route;
  onRouteChange: (route: Route) => void;
  /** 'idle' when the screen locks itself after the auto-lock period. */
  onLock: (reason?: 'manual' | 'idle') => void;
  onSignOut: () => void;
  onClinicNameChange: (name: string) => void;
  onSessionChange: (session: SessionInfo) => void;
  onRecoveryKeyConfirmed: () => void;
  /** Unsaved changes kept across the lock came back with this sign-in (app/drafts.ts). */
  draftsRestored?: boolean;
}) {
  const { session } = props;
  const allowed = PAGES.filter((p) => !p.needs || session.permissions.includes(p.needs));
  const drafts = useDrafts();
  const [route, setRoute] = useState<Route>(() => {
    const r = props.initialRoute;
    if (!allowed.some((p) => p.id === r.page)) return { page: 'home' };
    // The new-client form reopens after a lock only with what was typed in it.
    if (r.creating && !drafts.has(NEW_CLIENT_DRAFT)) return { page: r.page };
    return r;
  });
  const page = route.page;
  const [changingPassword, setChangingPassword] = useState(false);
  const [clientQuery, setClientQuery] = useState('');
  const [searchFocus, setSearchFocus] = useState(0);
  const toast = useToast();
  const leave = useLeaveGuard();
  // The daily backup and weekly drill, while anyone is signed in (features/backups).
  useBackupSchedule();
  const canSearch = session.permissions.includes('clients.read');
  const { onRouteChange } = props;
  // An older database waiting for the owner: no page is shown (the core refuses their calls anyway).
  const rollback = rollbackWarning(session);
  const shownPage = rollback ? null : page;

  useIdleLock(session.autoLockMinutes, () => props.onLock('idle'));

  /** Moves to another page or record at once: after a save, or once the leave guard has agreed. */
  function navigate(next: Route | PageId, message: string | null = null) {
    const r = typeof next === 'string' ? { page: next } : next;
    setRoute(r);
    if (message) toast(message);
    props.onRouteChange(r);
  }

  /** Every way out the person chooses (sidebar, tabs, back, opening another record): asks first if a form is changed. */
  function go(next: Route | PageId) {
    leave.attempt(() => navigate(next));
  }

  const { draftsRestored } = props;
  useEffect(() => {
    if (draftsRestored)
      toast('Your unsaved changes are back, as you left them. Save them when you are ready.');
  }, [draftsRestored, toast]);

  // Ctrl+K (or Cmd+K), or / when not typing, goes to the client search from anywhere,
  // asking first if that would throw away a form being filled in.
  const { attempt } = leave;
  useEffect(() => {
    if (!canSearch) return;
    const onKey = (e: KeyboardEvent) => {
      const ctrlK = (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k';
      const slash = e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target);
      if (!ctrlK && !slash) return;
      if (document.querySelector('dialog[open]')) return;
      e.preventDefault();
      attempt(() => {
        setRoute({ page: 'clients' });
        onRouteChange({ page: 'clients' });
        setSearchFocus((n) => n + 1);
      });
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [canSearch, onRouteChange, attempt]);

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
          <BackupStatusIndicator onOpen={session.permissions.includes('backup.run') ? () => go('backups') : undefined} />
          <button type="button" className="button button--quiet" onClick={() => setChangingPassword(true)}>
            Change my password
          </button>
          <button
            type="button"
            className="button button--quiet"
            onClick={() =>
              leave.attempt(props.onSignOut, 'Switch user signs you out, and the next person starts afresh.')
            }
          >
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
          <TamperBanner
            session={session}
            page={page}
            onOpenCheck={session.permissions.includes('vault.verify') ? () => go('vault-check') : undefined}
          />
          {session.permissions.includes('vault.verify') ? (
            <QuickCheckWarning page={page} onOpenCheck={() => go('vault-check')} />
          ) : null}
          {rollback ? (
            <RollbackDialog
              warning={rollback}
              onAccepted={props.onSessionChange}
              onSignOut={props.onSignOut}
            />
          ) : null}
          {shownPage === 'home' ? (
            <HomePage
              session={session}
              clinicName={props.clinicName}
              allowedPages={allowed}
              onOpen={(p) => go(p)}
              onOpenClient={(clientId) => go({ page: 'clients', clientId, tab: 'overview' })}
            />
          ) : null}
          {shownPage === 'clients' && route.creating ? (
            <NewClientPage
              onCancel={() => go('clients')}
              onOpenClient={(clientId) => go({ page: 'clients', clientId, tab: 'overview' })}
              onCreated={(c) =>
                navigate(
                  { page: 'clients', clientId: c.id, tab: 'overview' },
                  `${fullName(c)} has been added.`,
                )
              }
            />
          ) : null}
          {shownPage === 'clients' && !route.creating && route.clientId ? (
            <RecordPage
              key={route.clientId}
              session={session}
              clientId={route.clientId}
              tab={route.tab ?? 'overview'}
              onTab={(tab) => go({ page: 'clients', clientId: route.clientId, tab })}
              onBack={() => go('clients')}
            />
          ) : null}
          {shownPage === 'clients' && !route.creating && !route.clientId ? (
            <ClientListPage
              query={clientQuery}
              onQueryChange={setClientQuery}
              focusRequest={searchFocus}
              canAdd={session.permissions.includes('clients.write')}
              onOpen={(clientId) => go({ page: 'clients', clientId, tab: 'overview' })}
              onNew={() => go({ page: 'clients', creating: true })}
            />
          ) : null}
          {shownPage === 'recall' ? (
            <RecallPage onOpenClient={(clientId) => go({ page: 'clients', clientId, tab: 'treatments' })} />
          ) : null}
          {shownPage === 'marketing' ? <MarketingPage /> : null}
          {shownPage === 'retention' ? <RetentionPage onOpenClient={(clientId) => go({ page: 'clients', clientId, tab: 'overview' })} /> : null}
          {shownPage === 'requests' && route.requestId ? (
            <RequestPage
              key={route.requestId}
              requestId={route.requestId}
              canManage={session.permissions.includes('sar.export')}
              onBack={() => go('requests')}
            />
          ) : null}
          {shownPage === 'requests' && !route.requestId ? (
            <RequestsPage onOpen={(requestId) => go({ page: 'requests', requestId })} />
          ) : null}
          {shownPage === 'staff' ? <StaffPage session={session} /> : null}
          {shownPage === 'settings' ? (
            <SettingsPage
              onSaved={(settings) => {
                props.onClinicNameChange(settings.clinicName);
                if (settings.autoLockMinutes !== session.autoLockMinutes)
                  props.onSessionChange({ ...session, autoLockMinutes: settings.autoLockMinutes });
              }}
            />
          ) : null}
          {shownPage === 'audit' ? <AuditPage session={session} /> : null}
          {shownPage === 'vault-check' ? <VaultCheckPage /> : null}
          {shownPage === 'backups' ? <BackupsPage /> : null}
          {shownPage === 'destruction-log' ? <DestructionLogPage /> : null}
        </main>
      </div>

      {leave.dialog}
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

/** True when a key press is typing into a field (where / is just a slash). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'file', 'color'].includes(
      target.type,
    );
  }
  return false;
}
