import { useState } from 'react';
import { ApiError, messageOf } from '../../api';
import { ProgressBar } from '../../components/ProgressBar';
import { Alert } from '../../components/Alert';
import { Checkbox } from '../../components/Checkbox';
import { Dialog } from '../../components/Dialog';
import { useLongCall } from '../../components/useLongCall';
import type { StaffMember } from '../../../../src-main/contract/types';

/** How a removal ended: with the key changed, without it (not asked for), or with the key change stopped part-way. */
export type RemovalOutcome = 'rotated' | 'not-rotated' | 'key-change-stopped';

export function RemoveStaffDialog(props: {
  member: StaffMember;
  onClose: () => void;
  onRemoved: (outcome: RemovalOutcome) => void;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  // Ticked by default: without it, a copy of the database key they may hold keeps opening the database.
  const [rotate, setRotate] = useState(true);
  const { busy, progress, run, stop } = useLongCall();

  async function remove() {
    setProblem(null);
    try {
      // With the key change this can take a minute: the bar shows the re-encryption's progress.
      await run('staff.remove', { staffId: props.member.id, rotateDatabaseKey: rotate });
      props.onRemoved(rotate ? 'rotated' : 'not-rotated');
    } catch (err) {
      // Stopped during the key change: the removal itself stands (the core says so).
      if (err instanceof ApiError && err.code === 'KEY_CHANGE_STOPPED') props.onRemoved('key-change-stopped');
      else setProblem(messageOf(err));
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
        {busy && rotate ? (
          <button type="button" className="button" onClick={stop}>
            Stop the key change
          </button>
        ) : (
          <button type="button" className="button" onClick={props.onClose} disabled={busy} autoFocus>
            Cancel
          </button>
        )}
        <button type="button" className="button button--danger" onClick={() => void remove()} disabled={busy}>
          {busy ? (rotate ? 'Removing and changing the key…' : 'Removing…') : 'Remove'}
        </button>
      </div>
    </Dialog>
  );
}
