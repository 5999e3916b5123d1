import { useState, type FormEvent } from 'react';
import { api, ApiError, messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { TextField } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { formatDay } from '../../dates';
import type { RecallHit } from '../../../../src-main/shared/record-types';
import { formatUkPhone } from '../../../../src-main/shared/uk-formats';
import { issuesToFieldErrors } from '../../validation';

/** A manufacturer's recall: every client who received a batch, with how to contact them. */
export function RecallPage(props: { onOpenClient: (clientId: string) => void }) {
  const [batch, setBatch] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<{ batchNumber: string; hits: RecallHit[] } | null>(null);
  const [busy, setBusy] = useState(false);

  async function find(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    if (!batch.trim()) {
      setError('Enter the batch or lot number from the recall notice.');
      return;
    }
    setBusy(true);
    try {
      setResult(await api('recall.byBatch', { batchNumber: batch }));
    } catch (err) {
      if (err instanceof ApiError && err.issues.length > 0)
        setError(issuesToFieldErrors(err.issues).batchNumber);
      setProblem(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  const clients = result ? new Set(result.hits.map((h) => h.clientId)).size : 0;

  return (
    <>
      <PageHeader title="Recall">
        When a manufacturer recalls a batch, find every client who received it. Spaces, dashes and capitals do
        not matter.
      </PageHeader>
      <form className="card recall-form" onSubmit={find} noValidate>
        <TextField
          label="Batch or lot number"
          inputClassName="input--mono"
          value={batch}
          onChange={(v) => {
            setBatch(v);
            setError(undefined);
          }}
          error={error}
          autoFocus
        />
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Searching…' : 'Find clients'}
        </button>
      </form>
      {problem ? <Alert kind="error">{problem}</Alert> : null}

      {result ? (
        <section className="card card--table" aria-labelledby="recall-results">
          <h2 id="recall-results" className="client-results__title" aria-live="polite">
            {result.hits.length === 0
              ? `No treatments used batch ${result.batchNumber}.`
              : `${clients} ${clients === 1 ? 'client' : 'clients'} received batch ${result.batchNumber}`}
          </h2>
          {result.hits.length > 0 ? (
            <table className="table">
              <caption className="visually-hidden">Clients who received batch {result.batchNumber}</caption>
              <thead>
                <tr>
                  <th scope="col">Client</th>
                  <th scope="col">Date of birth</th>
                  <th scope="col">Mobile</th>
                  <th scope="col">Email</th>
                  <th scope="col">Treated on</th>
                  <th scope="col">Product</th>
                  <th scope="col">Batch</th>
                  <th scope="col">Practitioner</th>
                </tr>
              </thead>
              <tbody>
                {result.hits.map((h) => (
                  <tr key={h.treatmentId}>
                    <th scope="row" className="table__name">
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => props.onOpenClient(h.clientId)}
                      >
                        <bdi dir="auto">{h.clientName}</bdi>
                      </button>
                    </th>
                    <td>{formatDay(h.dateOfBirth)}</td>
                    <td className="nowrap">{formatUkPhone(h.mobile) || <span className="muted">—</span>}</td>
                    <td className="break">{h.email || <span className="muted">—</span>}</td>
                    <td>{formatDay(h.treatedOn)}</td>
                    <td>{h.product}</td>
                    <td className="mono">{h.batchNumber}</td>
                    <td>{h.practitionerName}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="empty">Check the number against the recall notice, including any letters.</p>
          )}
        </section>
      ) : null}
    </>
  );
}
