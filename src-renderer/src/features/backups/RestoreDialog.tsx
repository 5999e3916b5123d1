import { useState, type FormEvent } from 'react';
import { api, ApiError, messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { Checkbox } from '../../components/Checkbox';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { FolderField } from '../../components/FolderField';
import { formatDateTime } from '../../dates';
import type { RestoreResult, SnapshotSummary } from '../../../../src-main/contract/backup-types';

const mb = (bytes: number) => `${(bytes / 1_048_576).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;

/**
 * "Restore from a backup…" on the sign-in screen (docs/backups.md): pick the
 * backup folder and a snapshot (date, clinic, counts, size), unlock it with the
 * recovery key or an owner's password. The core restores it beside this vault
 * and checks it in full; Clinic Vault switches to it at its next start, and
 * keeps the current vault aside, renamed. In the browser host the folder is typed.
 */
export function RestoreDialog(props: { onClose: () => void }) {
  const [from, setFrom] = useState('');
  const [snapshots, setSnapshots] = useState<SnapshotSummary[] | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [useRecovery, setUseRecovery] = useState(true);
  const [recoveryKey, setRecoveryKey] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [otherClinic, setOtherClinic] = useState<string | null>(null);
  const [confirmOther, setConfirmOther] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<RestoreResult | null>(null);

  async function find(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    try {
      const r = await api('restore.list', { from });
      setSnapshots(r.snapshots);
      setChosen(r.snapshots[0]?.id ?? null);
    } catch (err) {
      setProblem(messageOf(err));
    }
  }

  async function restore(e: FormEvent) {
    e.preventDefault();
    if (!chosen) return;
    setProblem(null);
    setBusy(true);
    try {
      const secret = useRecovery ? { recoveryKey } : { username: username || undefined, password };
      setDone(await api('restore.run', { from, snapshotId: chosen, confirmOtherClinic: confirmOther, ...secret }));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'BACKUP_OTHER_CLINIC') setOtherClinic(err.message);
      setProblem(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <Dialog title="Backup restored" onClose={props.onClose}>
        <Alert kind="success" title="Restored and checked">
          The backup of {done.clinicName} ({done.counts.clients.toLocaleString('en-GB')} clients, {done.counts.photos.toLocaleString('en-GB')} photos) has been
          restored and every file checked. Close Clinic Vault and open it again to use it: the vault you use now is kept, renamed, beside it.
        </Alert>
        {done.destructionsReapplied.clients > 0 ? (
          <Alert kind="info">
            {done.destructionsReapplied.clients === 1 ? '1 client' : `${done.destructionsReapplied.clients.toLocaleString('en-GB')} clients`} destroyed or erased after this backup was
            made {done.destructionsReapplied.clients === 1 ? 'was' : 'were'} destroyed again before the restored vault could be opened.
          </Alert>
        ) : null}
        {done.olderKeyWarning ? <Alert kind="warning">{done.olderKeyWarning}</Alert> : null}
        <div className="form-actions">
          <button type="button" className="button button--primary" onClick={props.onClose} data-autofocus>
            Close
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title="Restore from a backup" onClose={props.onClose} wide>
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      <form onSubmit={find} noValidate className="form-stack">
        <FolderField purpose="restore-source" label="Backup folder" hint="The folder the backups were made into, for example E:\Clinic backups." value={from} onChange={setFrom} autoFocus />
        <button type="submit" className="button">
          Find backups
        </button>
      </form>
      {snapshots && snapshots.length === 0 ? <p className="empty">There are no backups in that folder.</p> : null}
      {snapshots && snapshots.length > 0 ? (
        <form onSubmit={restore} noValidate className="form-stack">
          <fieldset className="fieldset">
            <legend className="field__label">Backup to restore</legend>
            {snapshots.map((s) => (
              <label key={s.id} className="radio">
                <input type="radio" name="snapshot" checked={chosen === s.id} onChange={() => setChosen(s.id)} />{' '}
                {formatDateTime(s.createdAt)}: {s.clinicName}, {s.counts.clients.toLocaleString('en-GB')} clients, {s.counts.photos.toLocaleString('en-GB')} photos, {mb(s.totalBytes)}
              </label>
            ))}
          </fieldset>
          <Checkbox checked={useRecovery} onChange={setUseRecovery}>
            Unlock it with the recovery key (untick to use an owner&rsquo;s password of that time)
          </Checkbox>
          {useRecovery ? (
            <TextField label="Recovery key" value={recoveryKey} onChange={setRecoveryKey} />
          ) : (
            <>
              <TextField label="Owner's username (optional)" value={username} onChange={setUsername} />
              <TextField label="Owner's password" type="password" value={password} onChange={setPassword} />
            </>
          )}
          {otherClinic ? (
            <Checkbox checked={confirmOther} onChange={setConfirmOther}>
              I understand this is another clinic&rsquo;s backup: restore it anyway
            </Checkbox>
          ) : null}
          <div className="form-actions">
            <button type="button" className="button" onClick={props.onClose}>
              Cancel
            </button>
            <button type="submit" className="button button--primary" disabled={busy || !chosen}>
              {busy ? 'Restoring and checking…' : 'Restore this backup'}
            </button>
          </div>
        </form>
      ) : null}
    </Dialog>
  );
}
