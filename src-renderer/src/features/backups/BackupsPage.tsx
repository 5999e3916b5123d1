import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { Checkbox } from '../../components/Checkbox';
import { TextField } from '../../components/Field';
import { FolderField } from '../../components/FolderField';
import { PageHeader } from '../../components/PageHeader';
import { ProgressBar } from '../../components/ProgressBar';
import { useLongCall } from '../../components/useLongCall';
import { useToast } from '../../components/Toast';
import { formatDateTime } from '../../dates';
import type { BackupNowResult, BackupSettings, SnapshotSummary } from '../../../../src-main/contract/backup-types';
import { BACKUP_KEYS, useBackupStatus } from './backup-queries';
import '../../styles/backups.css';

const mb = (bytes: number) => `${(bytes / 1_048_576).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;

/**
 * Settings, Backups (issue #14 item 10): where backups go, when they run and
 * how many are kept; Back up now with progress and Cancel; the snapshots with
 * their sizes and last check; a check and a restore drill. Restoring is on the
 * sign-in screen ("Restore from a backup…"), since it replaces the vault.
 * In the browser host there is no folder dialog: the folder is typed.
 */
export function BackupsPage() {
  const client = useQueryClient();
  const status = useBackupStatus();
  const settings = useQuery({ queryKey: BACKUP_KEYS.settings, queryFn: () => api('backup.getSettings') });
  const list = useQuery({
    queryKey: BACKUP_KEYS.list,
    queryFn: () => api('backup.list', {}),
    enabled: !!settings.data?.destination,
    retry: false,
  });
  const { busy, progress, stopped, run, stop } = useLongCall();
  const [problem, setProblem] = useState<string | null>(null);
  const [lastRun, setLastRun] = useState<BackupNowResult | null>(null);
  const [checkNote, setCheckNote] = useState<string | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: BACKUP_KEYS.all });

  async function longCall(what: 'now' | 'verify' | 'drill') {
    setProblem(null);
    setCheckNote(null);
    setLastRun(null);
    try {
      if (what === 'now') {
        const r = await run('backup.now', {});
        if (r) setLastRun(r);
      } else if (what === 'verify') {
        const r = await run('backup.verify', {});
        if (r) setCheckNote(r.ok ? `All ${r.checked.length} backups are intact.` : `${r.checked.filter((c) => !c.check.ok).length} backup(s) are damaged: see the list.`);
      } else {
        const r = await run('backup.drill', {});
        if (r) setCheckNote(r.ok ? `Restore drill passed: the newest backup was restored into a test folder and checked.` : `Restore drill failed: ${r.problems.join('; ')}`);
      }
    } catch (err) {
      setProblem(messageOf(err));
    } finally {
      await refresh();
    }
  }

  return (
    <>
      <PageHeader
        title="Backups"
        actions={
          <>
            {busy ? (
              <button type="button" className="button" onClick={stop}>
                Cancel
              </button>
            ) : null}
            <button type="button" className="button button--primary" onClick={() => void longCall('now')} disabled={busy || !settings.data?.destination}>
              {busy ? 'Working…' : 'Back up now'}
            </button>
          </>
        }
      >
        Encrypted copies of the whole vault in a folder you choose: an external drive, a network folder, or a folder
        OneDrive or Dropbox syncs (they only ever see encrypted files). Keep the recovery key apart from the backups.
      </PageHeader>
      {status.data ? (
        <Alert kind={status.data.attention ? 'warning' : 'success'} title={status.data.attention ? 'Backups need attention' : 'Backups are up to date'}>
          {status.data.message}
        </Alert>
      ) : null}
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      {busy ? <ProgressBar progress={progress} fallbackLabel="Starting" /> : null}
      {stopped ? <Alert kind="info">Stopped before it finished. Nothing was changed, and no half-made backup is kept.</Alert> : null}
      {lastRun ? <LastRun result={lastRun} /> : null}
      {checkNote ? <Alert kind="info">{checkNote}</Alert> : null}
      {settings.data ? <BackupSettingsForm key={JSON.stringify(settings.data)} value={settings.data} onSaved={refresh} /> : settings.error ? <Alert kind="error">{messageOf(settings.error)}</Alert> : <p className="loading">Loading…</p>}
      <section className="card" aria-labelledby="backup-list-heading">
        <h2 id="backup-list-heading" className="card__title">
          Backups in the folder
        </h2>
        {list.error ? <Alert kind="error">{messageOf(list.error)}</Alert> : null}
        {list.data ? <SnapshotTable snapshots={list.data.snapshots} /> : null}
        <div className="backup-row-actions">
          <button type="button" className="button" disabled={busy || !list.data?.snapshots.length} onClick={() => void longCall('verify')}>
            Check all backups
          </button>
          <button type="button" className="button" disabled={busy || !list.data?.snapshots.length} onClick={() => void longCall('drill')}>
            Run a restore drill
          </button>
        </div>
      </section>
    </>
  );
}

function LastRun(props: { result: BackupNowResult }) {
  return (
    <>
      {props.result.runs.map((r) => (
        <Alert key={r.destination} kind={r.verification.ok ? 'success' : 'error'} title={r.verification.ok ? 'Backup made and checked' : 'Backup made, but its check failed'}>
          {r.snapshot.counts.clients.toLocaleString('en-GB')} clients and {r.snapshot.counts.photos.toLocaleString('en-GB')} photos. {r.blobsCopied} new file(s) copied,{' '}
          {r.blobsReused} already in the backup ({mb(r.snapshot.newBytes)} written).
          {r.cleanedUp.length ? ' An unfinished backup from earlier was cleared away.' : ''}
          {r.verification.ok ? '' : ` ${r.verification.problems.join('; ')}`}
        </Alert>
      ))}
      {props.result.failures.map((f) => (
        <Alert key={f.destination} kind="error" title={`Could not back up to ${f.destination}`}>
          {f.message}
        </Alert>
      ))}
    </>
  );
}

function SnapshotTable(props: { snapshots: SnapshotSummary[] }) {
  if (props.snapshots.length === 0) return <p className="empty">No backups in this folder yet.</p>;
  return (
    <table className="backup-table" data-testid="backup-list">
      <thead>
        <tr>
          <th scope="col">Made</th>
          <th scope="col">Clients</th>
          <th scope="col">Photos</th>
          <th scope="col">Size (new)</th>
          <th scope="col">Last check</th>
        </tr>
      </thead>
      <tbody>
        {props.snapshots.map((s) => (
          <tr key={s.id}>
            <td>{formatDateTime(s.createdAt)}</td>
            <td>{s.counts.clients.toLocaleString('en-GB')}</td>
            <td>{s.counts.photos.toLocaleString('en-GB')}</td>
            <td>
              {mb(s.totalBytes)} ({mb(s.newBytes)})
            </td>
            <td>{s.lastCheck ? (s.lastCheck.ok ? `Intact, ${formatDateTime(s.lastCheck.at)}` : `Damaged: ${s.lastCheck.problems[0] ?? ''}`) : 'Not checked yet'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function BackupSettingsForm(props: { value: BackupSettings; onSaved: () => Promise<void> }) {
  const [form, setForm] = useState(() => formOf(props.value));
  const toast = useToast();
  const save = useMutation({
    mutationFn: (next: BackupSettings) => api('backup.saveSettings', next),
    onSuccess: async () => {
      toast('Backup settings saved.');
      await props.onSaved();
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate({
      destination: form.destination.trim() || null,
      secondDestination: form.secondDestination.trim() || null,
      dailyAt: form.dailyAt,
      onClose: form.onClose,
      keepDaily: Number(form.keepDaily),
      keepWeekly: Number(form.keepWeekly),
      keepMonthly: Number(form.keepMonthly),
      staleAfterDays: Number(form.staleAfterDays),
      drillEveryDays: props.value.drillEveryDays,
    });
  }
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  return (
    <form className="card" aria-labelledby="backup-settings-heading" onSubmit={submit} noValidate>
      <h2 id="backup-settings-heading" className="card__title">
        Where and when
      </h2>
      {save.error ? <Alert kind="error">{messageOf(save.error)}</Alert> : null}
      <FolderField purpose="backup-destination" label="Backup folder" hint="The full path of the folder, for example E:\Clinic backups or /Volumes/Backup/Clinic." value={form.destination} onChange={set('destination')} />
      <FolderField purpose="backup-destination" className="field--spaced" label="Second backup folder (optional)" hint="Written after the first: a second drive, or a folder kept off the premises." value={form.secondDestination} onChange={set('secondDestination')} />
      <TextField className="field--spaced" label="Back up every day at" hint="24-hour time, like 18:30. Runs while Clinic Vault is open and someone is signed in." value={form.dailyAt} onChange={set('dailyAt')} inputClassName="input--tiny" />
      <Checkbox checked={form.onClose} onChange={(v) => setForm((f) => ({ ...f, onClose: v }))}>
        Also back up when Clinic Vault closes
      </Checkbox>
      <TextField className="field--spaced" label="Keep daily backups" type="number" inputClassName="input--tiny" value={form.keepDaily} onChange={set('keepDaily')} />
      <TextField label="Keep weekly backups" type="number" inputClassName="input--tiny" value={form.keepWeekly} onChange={set('keepWeekly')} />
      <TextField label="Keep monthly backups" type="number" inputClassName="input--tiny" value={form.keepMonthly} onChange={set('keepMonthly')} />
      <TextField label="Warn when the last good backup is older than (days)" type="number" inputClassName="input--tiny" value={form.staleAfterDays} onChange={set('staleAfterDays')} />
      <div className="form-actions form-actions--start">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save backup settings'}
        </button>
      </div>
    </form>
  );
}

function formOf(s: BackupSettings) {
  return {
    destination: s.destination ?? '',
    secondDestination: s.secondDestination ?? '',
    dailyAt: s.dailyAt,
    onClose: s.onClose,
    keepDaily: String(s.keepDaily),
    keepWeekly: String(s.keepWeekly),
    keepMonthly: String(s.keepMonthly),
    staleAfterDays: String(s.staleAfterDays),
  };
}
