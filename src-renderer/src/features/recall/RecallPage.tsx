import { useState, type FormEvent } from 'react';
import { api, ApiError, messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { TextField } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime, formatDay } from '../../dates';
import type { RecallHit } from '../../../../src-main/contract/record-types';
import { formatUkPhone } from '../../../../src-main/contract/uk-formats';
import { issuesToFieldErrors } from '../../validation';
import '../../styles/recall-print.css';

/** recall-AB1234-2026-11-22.csv: the batch and the day, so two recalls' files do not overwrite each other. */
export function recallFileName(batchKey: string, now: Date = new Date()): string {
  const day = now.toISOString().slice(0, 10);
  return `recall-${batchKey.replace(/[^A-Za-z0-9]/g, '') || 'batch'}-${day}.csv`;
}

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

  /** The CSV comes from the app, which logs the export (a list of contact details leaving it). */
  async function downloadCsv() {
    if (!result) return;
    setProblem(null);
    try {
      const r = await api('recall.csv', { batchNumber: result.batchNumber });
      const blob = new Blob([r.csv], { type: 'text/csv;charset=utf-8' });
      const href = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = href;
      link.download = recallFileName(r.batchNumber);
      link.click();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
    } catch (err) {
      setProblem(messageOf(err));
    }
  }

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
            <div className="recall-actions">
              <button type="button" className="button" onClick={() => void downloadCsv()}>
                Download CSV
              </button>
              <button type="button" className="button" onClick={() => window.print()}>
                Print
              </button>
            </div>
          ) : null}
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

      {result && result.hits.length > 0 ? <RecallPrintSheet batchNumber={result.batchNumber} hits={result.hits} /> : null}
    </>
  );
}

/** What Print puts on paper: the list alone, black on white, with the batch and when it was printed. */
function RecallPrintSheet(props: { batchNumber: string; hits: RecallHit[] }) {
  return (
    // Hidden on screen by .print-sheet (so out of the accessibility tree there too); print.css shows it alone on paper.
    <div className="print-sheet recall-print" data-testid="recall-print">
      <p className="print-sheet__eyebrow">Recall: batch {props.batchNumber}</p>
      <p className="print-sheet__date">Printed {formatDateTime(new Date())}</p>
      <table className="recall-print__table">
        <thead>
          <tr>
            <th>Client</th>
            <th>Date of birth</th>
            <th>Mobile</th>
            <th>Email</th>
            <th>Treated on</th>
            <th>Product</th>
            <th>Batch</th>
            <th>Practitioner</th>
          </tr>
        </thead>
        <tbody>
          {props.hits.map((h) => (
            <tr key={h.treatmentId}>
              <td>
                <bdi dir="auto">{h.clientName}</bdi>
              </td>
              <td>{formatDay(h.dateOfBirth)}</td>
              <td>{h.mobile}</td>
              <td>{h.email}</td>
              <td>{formatDay(h.treatedOn)}</td>
              <td>{h.product}</td>
              <td>{h.batchNumber}</td>
              <td>{h.practitionerName}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
