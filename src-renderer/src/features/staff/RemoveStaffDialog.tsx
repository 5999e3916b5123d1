import { useState } from 'react';
import { callWithProgress, messageOf } from '../../api';
import type { CallProgress } from '../../../../src-main/shared/api';
import { ProgressBar } from '../../components/ProgressBar';
import { Alert } from '../../components/Alert';
import { Checkbox } from '../../components/Checkbox';
import { Dialog } from '../../components/Dialog';
import type { StaffMember } from '../../../../src-main/shared/types';

export function RemoveStaffDialog(props: {
  member: StaffMember;
  onClose: () => void;
  onRemoved: (rotated: boolean) => void;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Ticked by default: without it, a copy of the database key they may hold keeps opening the database.
  const [rotate, setRotate] = useState(true);
  const [progress, setProgress] = useState<CallProgress | null>(null);

  async function remove() {
    setBusy(true);
    setProblem(null);
    try {
      // With the key change this can take a minute: the bar shows the re-encryption's progress.
      await callWithProgress(
        'staff.remove',
        { staffId: props.member.id, rotateDatabaseKey: rotate },
        setProgress,
      );
      props.onRemoved(rotate);
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
      <Checkbox checked={rotate} onChange={setRotate} disabled={busy}>
        Also change the database key, so a copy of the vault they may have taken stops opening the current
        database. This takes up to a minute on a large vault; nobody can use Clinic Vault meanwhile.
      </Checkbox>
      {busy && rotate ? <ProgressBar progress={progress} fallbackLabel="Removing" /> : null}
      <div className="form-actions">
        <button type="button" className="button" onClick={props.onClose} disabled={busy} autoFocus>
          Cancel
        </button>
        <button type="button" className="button button--danger" onClick={() => void remove()} disabled={busy}>
          {busy ? (rotate ? 'Removing and changing the key…' : 'Removing…') : 'Remove'}
        </button>
      </div>
    </Dialog>
  );
}
