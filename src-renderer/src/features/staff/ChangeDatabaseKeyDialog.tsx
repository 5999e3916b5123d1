import { useState } from 'react';
import { messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { ProgressBar } from '../../components/ProgressBar';
import { useLongCall } from '../../components/useLongCall';

/**
 * The owner changes the database key on its own (docs/key-hierarchy.md,
 * "Rotation"): after a removal whose key change was stopped, or whenever a
 * copy of the key may have left the clinic. Stoppable: a stopped change
 * leaves the database under its old key, with nothing half-done.
 */
export function ChangeDatabaseKeyDialog(props: { onClose: () => void; onChanged: () => void; onStopped: () => void }) {
  const [problem, setProblem] = useState<string | null>(null);
  const { busy, progress, run, stop } = useLongCall();

  async function change() {
    setProblem(null);
    try {
      const result = await run('vault.rotateDatabaseKey', undefined);
      if (result) props.onChanged();
      else props.onStopped();
    } catch (err) {
      setProblem(messageOf(err));
    }
  }

  return (
    <Dialog title="Change the database key?" onClose={busy ? () => undefined : props.onClose}>
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      <p>
        The database is re-encrypted under a new key that only the current staff and the recovery key can
        open. A copy of the old key, or an old copy of the vault folder, stops opening the current database.
      </p>
      <p>It takes up to a minute on a large vault; nobody can use Clinic Vault meanwhile.</p>
      {busy ? <ProgressBar progress={progress} fallbackLabel="Changing the database key" /> : null}
      <div className="form-actions">
        {busy ? (
          <button type="button" className="button" onClick={stop}>
            Stop
          </button>
        ) : (
          <button type="button" className="button" onClick={props.onClose} autoFocus>
            Cancel
          </button>
        )}
        <button type="button" className="button button--primary" onClick={() => void change()} disabled={busy}>
          {busy ? 'Changing the key…' : 'Change the key'}
        </button>
      </div>
    </Dialog>
  );
}
