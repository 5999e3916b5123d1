import { useState } from 'react';
import { messageOf } from '../../api';
import { ProgressBar } from '../../components/ProgressBar';
import { useLongCall } from '../../components/useLongCall';
import { Alert } from '../../components/Alert';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../dates';
import type { VaultVerifyResult } from '../../../../src-main/contract/types';
import { auditVerifyMessage } from '../audit/audit-actions';
import { DatabaseCheckCard } from './DatabaseCheckCard';

export function VaultCheckPage() {
  const [result, setResult] = useState<{ at: Date; value: VaultVerifyResult } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const { busy, progress, stopped, run: runCall, stop } = useLongCall();

  async function run() {
    setProblem(null);
    try {
      const value = await runCall('vault.verify', undefined);
      if (value) setResult({ at: new Date(), value });
    } catch (err) {
      setProblem(messageOf(err));
    }
  }

  const files = result?.value.files;

  return (
    <>
      <PageHeader
        title="Vault check"
        actions={
          <>
            {busy ? (
              <button type="button" className="button" onClick={stop}>
                Stop check
              </button>
            ) : null}
            <button
              type="button"
              className="button button--primary"
              onClick={() => void run()}
              disabled={busy}
            >
              {busy ? 'Checking…' : 'Run vault check'}
            </button>
          </>
        }
      >
        Re-reads every page of the database, the audit log and every stored file to confirm nothing has been
        damaged or altered. It can take a while on a large vault.
      </PageHeader>

      {problem ? <Alert kind="error">{problem}</Alert> : null}
      {/* One bar, fed by the check's own progress (it was once shown beside an indeterminate one). */}
      {busy ? <ProgressBar progress={progress} fallbackLabel="Starting the check" /> : null}
      {stopped ? (
        <Alert kind="info">The check was stopped before it finished. Nothing was changed.</Alert>
      ) : null}

      {result ? (
        <>
          <Alert
            kind={result.value.ok ? 'success' : 'error'}
            title={result.value.ok ? 'No problems found' : 'Problems found'}
          >
            Checked {formatDateTime(result.at)}.
            {result.value.ok ? null : ' Restore the damaged items from your backup, or contact support.'}
          </Alert>
          <div className="card-grid">
            <DatabaseCheckCard result={result.value.database} />
            <section className="card" aria-labelledby="check-audit-heading">
              <h2 id="check-audit-heading" className="card__title">
                Audit log
              </h2>
              <p className={result.value.audit.ok ? 'result result--ok' : 'result result--bad'}>
                {auditVerifyMessage(result.value.audit)}
              </p>
            </section>
            <section className="card" aria-labelledby="check-files-heading">
              <h2 id="check-files-heading" className="card__title">
                Stored files
              </h2>
              {files && files.damaged.length === 0 ? (
                <p className="result result--ok">
                  {files.checked === 0
                    ? 'No files stored yet'
                    : `All ${files.checked} ${files.checked === 1 ? 'file' : 'files'} intact`}
                </p>
              ) : files ? (
                <>
                  <p className="result result--bad">
                    {files.damaged.length} of {files.checked} files failed their check
                  </p>
                  <ul className="plain-list">
                    {files.damaged.map((d) => (
                      <li key={d.fileId}>
                        <span className="mono">{d.fileId}</span>: {d.problem}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </section>
          </div>
        </>
      ) : !busy ? (
        <p className="empty">No check has been run in this session yet.</p>
      ) : null}
    </>
  );
}
