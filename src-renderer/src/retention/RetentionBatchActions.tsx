import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, messageOf } from '../api';
import { Alert } from '../components/Alert';
import { TextField } from '../components/Field';
import { ProgressBar } from '../components/ProgressBar';
import { downloadPdf } from '../components/download-pdf';
import { useLongCall } from '../components/useLongCall';
import { queryKeys } from '../app/query-keys';
import { ANONYMISE_CONFIRMATION, DESTROY_CONFIRMATION } from '../../../src-main/contract/retention-action-schemas';
import type { RetentionActionCategory, RetentionBatch } from '../../../src-main/contract/retention-action-types';
import { retentionActionKeys } from './retention-action-keys';

type Action = 'destroy' | 'anonymise';

const EXPLAIN: Record<Action, string> = {
  destroy:
    'The selected data is securely destroyed: rows overwritten, search entries removed, photo and document keys destroyed and their files deleted. A certificate is made for the batch. This cannot be undone.',
  anonymise:
    'For each client, the treatment type, month and year, product, batch number and practitioner are kept for statistics under new random references; everything else, photos included, is securely destroyed. A certificate is made for the batch. This cannot be undone.',
};

function resultText(b: RetentionBatch): string {
  const verb = b.kind === 'destroy' ? 'destroyed' : 'anonymised';
  const refused = b.refused > 0 ? ` ${b.refused} could not be ${verb} and were left as they were (for example a legal hold placed meanwhile).` : '';
  return `${b.done} of ${b.total} ${b.total === 1 ? 'client' : 'clients'} ${verb}.${refused}`;
}

/**
 * Destroy or anonymise the rows selected on the Retention page, as one batch
 * with a progress bar and Cancel; a batch stopped (or cut short by the app
 * closing) is offered for resuming. The core checks everything again: owner
 * only, the typed word, no legal hold, a plausible date, each row due.
 */
export function RetentionBatchActions(props: { selected: { clientId: string; category: RetentionActionCategory }[]; onDone: () => void }) {
  const queryClient = useQueryClient();
  const call = useLongCall();
  const [action, setAction] = useState<Action | null>(null);
  const [typed, setTyped] = useState('');
  const [result, setResult] = useState<RetentionBatch | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const batches = useQuery({ queryKey: retentionActionKeys.batches, queryFn: () => api('retention.batch.list') });
  const unfinished = (batches.data?.batches ?? []).filter((b) => b.status === 'stopped' || b.status === 'interrupted');
  const clientIds = [...new Set(props.selected.map((s) => s.clientId))];
  const word = action === 'anonymise' ? ANONYMISE_CONFIRMATION : DESTROY_CONFIRMATION;

  async function finished(run: Promise<RetentionBatch | null>) {
    setProblem(null);
    setResult(null);
    try {
      const b = await run;
      if (b) setResult(b);
      setAction(null);
      setTyped('');
      // Only after a run: a refusal (a held client, a row not due) keeps the selection and the form, so the owner can change the selection and try again.
      props.onDone();
    } catch (err) {
      setProblem(messageOf(err));
    } finally {
      // Destroyed clients leave every list; the queue and the log change.
      void queryClient.invalidateQueries({ queryKey: retentionActionKeys.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.clients });
    }
  }

  function start() {
    if (action === 'destroy') void finished(call.run('retention.destroy', { items: props.selected, confirm: typed }));
    else void finished(call.run('retention.anonymise', { clientIds, confirm: typed }));
  }

  async function certificate(id: string) {
    try {
      const pdf = await api('retention.certificates.pdf', { id });
      downloadPdf(pdf.pdfBase64, pdf.fileName);
    } catch (err) {
      setProblem(messageOf(err));
    }
  }

  return (
    <section className="retention-batch" aria-label="Destroy or anonymise">
      {unfinished.map((b) => (
        <Alert key={b.id} kind="warning" title="A batch did not finish">
          <p>
            {b.kind === 'destroy' ? 'Destroying' : 'Anonymising'} {b.total} clients stopped after {b.done}
            {b.status === 'interrupted' ? ' (Clinic Vault was closed during it)' : ''}. The other {b.pending} are untouched.
          </p>
          <button type="button" className="button button--small" disabled={call.busy} onClick={() => void finished(call.run('retention.batch.resume', { batchId: b.id }))}>
            Resume
          </button>
        </Alert>
      ))}
      {result ? (
        <Alert kind={result.status === 'done' ? 'success' : 'warning'} title={result.status === 'done' ? 'Done' : 'Stopped'}>
          <p data-testid="batch-result">
            {resultText(result)}
            {result.status === 'done' ? '' : ` The other ${result.pending} are untouched: resume to finish.`}
          </p>
          {result.certificateId ? (
            <button type="button" className="button button--small" onClick={() => void certificate(result.certificateId!)}>
              Download the certificate (PDF)
            </button>
          ) : null}
        </Alert>
      ) : null}
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      {props.selected.length > 0 && !call.busy && action === null ? (
        <div className="form-actions">
          <span>
            {clientIds.length} {clientIds.length === 1 ? 'client' : 'clients'} selected
          </span>
          <button type="button" className="button button--danger" onClick={() => setAction('destroy')}>
            Destroy…
          </button>
          <button type="button" className="button" onClick={() => setAction('anonymise')}>
            Anonymise…
          </button>
        </div>
      ) : null}
      {action !== null ? (
        <div className="form-stack">
          <h3>
            {action === 'destroy' ? 'Destroy' : 'Anonymise'} {clientIds.length} {clientIds.length === 1 ? 'client' : 'clients'}
          </h3>
          <p>{EXPLAIN[action]}</p>
          <TextField label={`Type ${word} to confirm`} hint="This cannot be undone." value={typed} onChange={setTyped} />
          {call.busy ? <ProgressBar progress={call.progress} fallbackLabel="Starting…" /> : null}
          <div className="form-actions">
            {call.busy ? (
              <button type="button" className="button" onClick={call.stop}>
                Cancel
              </button>
            ) : (
              <button type="button" className="button" onClick={() => setAction(null)}>
                Back
              </button>
            )}
            <button type="button" className="button button--danger" disabled={call.busy || clientIds.length === 0 || typed.trim().toUpperCase() !== word} onClick={start}>
              {action === 'destroy' ? 'Destroy now' : 'Anonymise now'}
            </button>
          </div>
        </div>
      ) : null}
      {call.busy && action === null ? (
        <div className="form-stack">
          <ProgressBar progress={call.progress} fallbackLabel="Resuming…" />
          <button type="button" className="button" onClick={call.stop}>
            Cancel
          </button>
        </div>
      ) : null}
    </section>
  );
}
