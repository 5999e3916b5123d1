import { useState } from 'react';
import { api, messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../dates';
import type { VaultVerifyResult } from '../../../../src-main/shared/types';
import { auditVerifyMessage } from '../audit/audit-actions';
import { DatabaseCheckCard } from './DatabaseCheckCard';

export function VaultCheckPage() {
  const [result, setResult] = useState<{ at: Date; value: VaultVerifyResult } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run() {
    setBusy(true);
    setProblem(null);
    try {
      const value = await api('vault.verify');
      setResult({ at: new Date(), value });
    } catch (err) {
      setProblem(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  const files = result?.value.files;

  return (
    <>
      <PageHeader
        title="Vault check"
        actions={
          <button type="button" className="button button--primary" onClick={() => void run()} disabled={busy}>
            {busy ? 'Checking…' : 'Run vault check'}
          </button>
        }
      >
        Re-reads every page of the database, the audit log and every stored file to confirm nothing has been
        damaged or altered. It can take a while on a large vault.
      </PageHeader>

      {busy ? (
        // Indeterminate until progress reaches the window (issue #9): the check reports it to the CLI today.
        <div className="check-progress">
          <progress aria-label="Checking the vault" />
          <span>Checking the database, the audit log and every stored file…</span>
        </div>
      ) : null}

      {problem ? <Alert kind="error">{problem}</Alert> : null}

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
