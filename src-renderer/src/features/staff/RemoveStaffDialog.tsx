import { useState } from 'react';
import { api, messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import type { StaffMember } from '../../../../src-main/shared/types';

export function RemoveStaffDialog(props: {
  member: StaffMember;
  onClose: () => void;
  onRemoved: () => void;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function remove() {
    setBusy(true);
    setProblem(null);
    try {
      await api('staff.remove', { staffId: props.member.id });
      props.onRemoved();
    } catch (err) {
      setProblem(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <Dialog title={`Remove ${props.member.displayName}?`} onClose={props.onClose}>
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      <p>
        {props.member.displayName} will no longer be able to sign in. What they did stays in the audit log
        under their name.
      </p>
      <div className="form-actions">
        <button type="button" className="button" onClick={props.onClose} disabled={busy} autoFocus>
          Cancel
        </button>
        <button type="button" className="button button--danger" onClick={() => void remove()} disabled={busy}>
          {busy ? 'Removing…' : 'Remove'}
        </button>
      </div>
    </Dialog>
  );
}
