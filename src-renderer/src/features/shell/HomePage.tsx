import { PageHeader } from '../../components/PageHeader';
import { ROLE_LABELS, type Permission } from '../../../../src-main/shared/permissions';
import type { SessionInfo } from '../../../../src-main/shared/types';
import type { PageId } from './Shell';

/** Plain-English descriptions of each permission, for "what your role can do". */
const PERMISSION_TEXT: Record<Permission, string> = {
  'clients.read': "See clients' contact details and preferences",
  'clients.write': 'Add clients and update their contact details',
  'clinical.read': 'See medical histories, treatment notes and photos',
  'clinical.write': 'Record consultations, treatments and photos',
  'staff.manage': 'Add and remove staff, and reset their passwords',
  'settings.manage': "Change the clinic's details and settings",
  'audit.read': 'Read the audit log of who did what, and when',
  'vault.verify': 'Check the vault for damage or tampering',
  'sar.export': 'Prepare responses to subject-access requests',
  'records.destroy': 'Destroy records when they are due for deletion',
  'backup.run': 'Make backups of the vault',
  'marketing.export': 'Export lists of clients who agreed to marketing',
  'synthetic.seed': 'Fill an empty vault with made-up clients for training or a demonstration',
};

const PAGE_TEXT: Partial<Record<PageId, string>> = {
  clients: 'Find a client, add a new one, or open a record. Press Ctrl+K from anywhere.',
  recall: 'Find every client who received a recalled batch.',
  staff: 'Manage who can sign in, and their roles.',
  settings: "The clinic's details, and how soon an idle screen locks.",
  audit: 'Every sign-in and change, with who made it.',
  'vault-check': 'Confirm nothing in the vault has been damaged or altered.',
};

export function HomePage(props: {
  session: SessionInfo;
  clinicName: string;
  allowedPages: { id: PageId; label: string }[];
  onOpen: (page: PageId) => void;
}) {
  const { session } = props;
  const firstName = session.displayName.split(/\s+/)[0] ?? session.displayName;
  const shortcuts = props.allowedPages.filter((p) => p.id !== 'home');

  return (
    <>
      <PageHeader title={`Welcome, ${firstName}`}>You are signed in to {props.clinicName}.</PageHeader>

      <div className="card-grid">
        <section className="card" aria-labelledby="role-heading">
          <h2 id="role-heading" className="card__title">
            What your role can do
          </h2>
          <p className="card__meta">
            Role: <strong>{ROLE_LABELS[session.role]}</strong>
          </p>
          <ul className="check-list">
            {session.permissions.map((p) => (
              <li key={p}>{PERMISSION_TEXT[p]}</li>
            ))}
          </ul>
          {session.role !== 'owner' ? (
            <p className="card__note">If you need to do something else, ask the clinic owner.</p>
          ) : null}
        </section>

        {shortcuts.length > 0 ? (
          <section className="card" aria-labelledby="shortcuts-heading">
            <h2 id="shortcuts-heading" className="card__title">
              Go to
            </h2>
            <ul className="shortcut-list">
              {shortcuts.map((p) => (
                <li key={p.id}>
                  <button type="button" className="shortcut" onClick={() => props.onOpen(p.id)}>
                    <span className="shortcut__label">{p.label}</span>
                    <span className="shortcut__text">{PAGE_TEXT[p.id]}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        <section className="card" aria-labelledby="privacy-heading">
          <h2 id="privacy-heading" className="card__title">
            Keeping records safe
          </h2>
          <ul className="plain-list">
            <li>Everything you do is recorded against your name in the audit log.</li>
            <li>
              The screen locks after {session.autoLockMinutes}{' '}
              {session.autoLockMinutes === 1 ? 'minute' : 'minutes'} without use. Press <strong>Lock</strong>{' '}
              when you step away.
            </li>
            <li>Never share your password. Each person needs their own account.</li>
          </ul>
        </section>
      </div>
    </>
  );
}
