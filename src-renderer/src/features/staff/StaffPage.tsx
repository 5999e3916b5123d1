import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { messageOf } from '../../api';
import { queryKeys } from '../../app/query-keys';
import { Alert } from '../../components/Alert';
import { PageHeader } from '../../components/PageHeader';
import { formatDate } from '../../dates';
import { ROLE_LABELS } from '../../../../src-main/contract/permissions';
import type { SessionInfo, StaffMember } from '../../../../src-main/contract/types';
import { AddStaffDialog } from './AddStaffDialog';
import { ChangeDatabaseKeyDialog } from './ChangeDatabaseKeyDialog';
import { RemoveStaffDialog } from './RemoveStaffDialog';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import { useStaffList } from './useStaffList';

type Dialog =
  | { kind: 'add' }
  | { kind: 'remove'; member: StaffMember }
  | { kind: 'reset'; member: StaffMember }
  | { kind: 'change-key' }
  | null;

const KEY_CHANGE_STOPPED_NOTE =
  ' The database key was not changed, because it was stopped: use “Change the database key” when nobody needs Clinic Vault for a minute.';

export function StaffPage(props: { session: SessionInfo }) {
  const list = useStaffList();
  const staff = list.data ?? null;
  const problem = list.error ? messageOf(list.error) : null;
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<{ kind: 'success' | 'info'; text: string } | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [showRemoved, setShowRemoved] = useState(false);

  // Every staff change (added, removed, password reset, key changed) is followed by a fresh list.
  const done = (message: string, kind: 'success' | 'info' = 'success') => {
    setDialog(null);
    setNotice({ kind, text: message });
    void queryClient.invalidateQueries({ queryKey: queryKeys.staff });
  };

  const current = staff?.filter((m) => m.removedAt === null) ?? [];
  const removed = staff?.filter((m) => m.removedAt !== null) ?? [];
  const shown = showRemoved ? [...current, ...removed] : current;

  return (
    <>
      <PageHeader
        title="Staff"
        actions={
          <>
            <button type="button" className="button" onClick={() => setDialog({ kind: 'change-key' })}>
              Change the database key
            </button>
            <button type="button" className="button button--primary" onClick={() => setDialog({ kind: 'add' })}>
              Add staff member
            </button>
          </>
        }
      >
        Everyone who uses Clinic Vault has their own account. Roles decide what each person can see and do.
      </PageHeader>

      {problem ? <Alert kind="error">{problem}</Alert> : null}
      {notice ? <Alert kind={notice.kind}>{notice.text}</Alert> : null}

      {staff === null && !problem ? <p className="loading">Loading staff…</p> : null}

      {staff ? (
        <section className="card card--table">
          <table className="table">
            <caption className="visually-hidden">Staff members</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Username</th>
                <th scope="col">Role</th>
                <th scope="col">Added</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((m) => (
                <tr key={m.id} className={m.removedAt ? 'table__row--muted' : undefined}>
                  <th scope="row" className="table__name">
                    {m.displayName}
                    {m.id === props.session.staffId ? <span className="tag">You</span> : null}
                  </th>
                  <td className="mono">{m.username}</td>
                  <td>
                    {ROLE_LABELS[m.role]}
                    {m.needsPasswordResetForClinical ? (
                      <span className="table__sub">
                        No access to clinical records yet: reset their password to give it.
                      </span>
                    ) : null}
                  </td>
                  <td>
                    {formatDate(m.createdAt)}
                    {m.removedAt ? (
                      <span className="table__sub">Removed {formatDate(m.removedAt)}</span>
                    ) : null}
                  </td>
                  <td className="table__actions">
                    {m.removedAt === null ? (
                      <>
                        <button
                          type="button"
                          className="button button--small"
                          aria-label={`Reset password for ${m.displayName}`}
                          onClick={() => setDialog({ kind: 'reset', member: m })}
                        >
                          Reset password
                        </button>
                        {m.id !== props.session.staffId ? (
                          <button
                            type="button"
                            className="button button--small button--danger-quiet"
                            aria-label={`Remove ${m.displayName}`}
                            onClick={() => setDialog({ kind: 'remove', member: m })}
                          >
                            Remove
                          </button>
                        ) : null}
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {removed.length > 0 ? (
            <label className="checkbox checkbox--inline table__footer">
              <input
                type="checkbox"
                checked={showRemoved}
                onChange={(e) => setShowRemoved(e.target.checked)}
              />
              <span>Show removed staff ({removed.length})</span>
            </label>
          ) : null}
        </section>
      ) : null}

      {dialog?.kind === 'add' ? (
        <AddStaffDialog
          onClose={() => setDialog(null)}
          onAdded={(m) => done(`${m.displayName} can now sign in with the username ${m.username}.`)}
        />
      ) : null}
      {dialog?.kind === 'remove' ? (
        <RemoveStaffDialog
          member={dialog.member}
          onClose={() => setDialog(null)}
          onRemoved={(outcome) =>
            done(
              `${dialog.member.displayName} has been removed and can no longer sign in.${
                outcome === 'rotated' ? ' The database is now encrypted under a new key.' : outcome === 'key-change-stopped' ? KEY_CHANGE_STOPPED_NOTE : ''
              }`,
              outcome === 'key-change-stopped' ? 'info' : 'success',
            )
          }
        />
      ) : null}
      {dialog?.kind === 'change-key' ? (
        <ChangeDatabaseKeyDialog
          onClose={() => setDialog(null)}
          onChanged={() => done('The database is now encrypted under a new key. Everyone signs in as before.')}
          onStopped={() => done('The key change was stopped. The database is still under its old key; nothing was changed.', 'info')}
        />
      ) : null}
      {dialog?.kind === 'reset' ? (
        <ResetPasswordDialog
          member={dialog.member}
          onClose={() => setDialog(null)}
          onReset={() =>
            done(
              `${dialog.member.displayName}'s password has been reset. Give them the new password in person.`,
            )
          }
        />
      ) : null}
    </>
  );
}
