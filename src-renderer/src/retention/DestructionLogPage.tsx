import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, messageOf } from '../api';
import { Alert } from '../components/Alert';
import { PageHeader } from '../components/PageHeader';
import { downloadPdf } from '../components/download-pdf';
import { formatUkDateTime } from '../../../src-main/contract/uk-formats';
import type { RetentionBatch } from '../../../src-main/contract/retention-action-types';
import { RetentionBatchActions } from './RetentionBatchActions';
import { retentionActionKeys } from './retention-action-keys';

const STATE: Record<RetentionBatch['status'], string> = {
  running: 'Running',
  stopped: 'Stopped (resume to finish)',
  interrupted: 'Interrupted (resume to finish)',
  done: 'Finished',
};

/**
 * The destruction log (owner): every destroy and anonymise batch with its
 * state, and its certificate as a PDF. Clients are named by reference only:
 * their names are gone with their data.
 */
export function DestructionLogPage() {
  const batches = useQuery({ queryKey: retentionActionKeys.batches, queryFn: () => api('retention.batch.list') });
  const [problem, setProblem] = useState<string | null>(null);

  async function download(id: string) {
    setProblem(null);
    try {
      const pdf = await api('retention.certificates.pdf', { id });
      downloadPdf(pdf.pdfBase64, pdf.fileName);
    } catch (err) {
      setProblem(messageOf(err));
    }
  }

  const list = batches.data?.batches ?? [];
  return (
    <>
      <PageHeader title="Destruction log" />
      <p className="lead">
        Each batch of clients destroyed or anonymised at the end of their retention period, with its certificate. The certificates
        list clients by reference only, and their SHA-256 is in the audit log.
      </p>
      <RetentionBatchActions selected={[]} onDone={() => undefined} />
      {batches.error ? <Alert kind="error">{messageOf(batches.error)}</Alert> : null}
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      {batches.isPending ? <p className="loading">Loading the log…</p> : null}
      {!batches.isPending && list.length === 0 ? <p className="empty">Nothing has been destroyed or anonymised yet.</p> : null}
      {list.length > 0 ? (
        <section className="card card--table" aria-label="Batches">
          <table className="table" data-testid="destruction-log">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Action</th>
                <th scope="col">By</th>
                <th scope="col">Clients</th>
                <th scope="col">State</th>
                <th scope="col">Policy</th>
                <th scope="col">Certificate</th>
              </tr>
            </thead>
            <tbody>
              {list.map((b) => (
                <tr key={b.id}>
                  <td>{formatUkDateTime(b.startedAt)}</td>
                  <td>{b.kind === 'destroy' ? 'Destroyed' : 'Anonymised'}</td>
                  <td>{b.startedByName}</td>
                  <td>
                    {b.done} of {b.total}
                    {b.refused > 0 ? ` (${b.refused} refused)` : ''}
                  </td>
                  <td>{STATE[b.status]}</td>
                  <td>Version {b.policyVersion}</td>
                  <td>
                    {b.certificateId ? (
                      <button type="button" className="button button--small" onClick={() => void download(b.certificateId!)}>
                        Download PDF<span className="visually-hidden"> of the certificate of {formatUkDateTime(b.startedAt)}</span>
                      </button>
                    ) : (
                      <span className="muted">When finished</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </>
  );
}
