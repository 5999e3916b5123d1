import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { TextField } from '../../components/Field';
import { ProgressBar } from '../../components/ProgressBar';
import { useLongCall } from '../../components/useLongCall';
import { formatDay } from '../../dates';
import type { ErasureResult } from '../../../../src-main/contract/erasure-types';
import { ERASURE_CONFIRMATION } from '../../../../src-main/contract/erasure-schemas';
import type { SubjectRequest } from '../../../../src-main/contract/request-types';
import { rightsKeys } from './useRecordRights';

/**
 * The erasure step of a request (UK GDPR Art 17): exactly what goes and what
 * stays until when, and why; the owner types ERASE to confirm. The erasure
 * shows its progress and can be stopped, which leaves the client untouched.
 * Then the reply letter's text, to copy; the step is recorded on the request.
 */
export function ErasureStep(props: { request: SubjectRequest; onChanged(): void }) {
  const { request } = props;
  if (!request.clientId) return <Alert kind="info">Match this request to a client first: then the erasure can be previewed.</Alert>;
  return (
    <section className="erasure-step" aria-labelledby="erasure-step-heading">
      <h2 id="erasure-step-heading">Erasure</h2>
      <ErasurePanel clientId={request.clientId} requestId={request.id} onChanged={props.onChanged} />
    </section>
  );
}

/** The same erasure for a client, with or without a request (the record view's owner action has none). */
export function ErasurePanel(props: { clientId: string; requestId: string | null; onChanged(): void }) {
  const { clientId, requestId } = props;
  const queries = useQueryClient();
  const previewKey = ['erasure.preview', clientId, requestId] as const;
  const preview = useQuery({ queryKey: previewKey, queryFn: () => api('erasure.preview', { clientId, requestId }) });
  const [typed, setTyped] = useState('');
  const [done, setDone] = useState<ErasureResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const call = useLongCall();

  async function erase() {
    setProblem(null);
    try {
      const result = await call.run('erasure.apply', { clientId, requestId, confirmation: typed });
      if (!result) return;
      setDone(result);
      void queries.invalidateQueries({ queryKey: rightsKeys.erasure(clientId) });
      void queries.invalidateQueries({ queryKey: previewKey });
      void queries.invalidateQueries({ queryKey: rightsKeys.restriction(clientId) });
      props.onChanged();
    } catch (err) {
      setProblem(messageOf(err));
    }
  }

  const p = preview.data;
  return (
    <div className="erasure-panel">
      {preview.error ? <Alert kind="error">{messageOf(preview.error)}</Alert> : null}
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      {call.stopped ? <Alert kind="info">Stopped. Nothing was erased.</Alert> : null}
      {done ? (
        <Alert kind="success" title="Erased">
          <p>
            {done.clientRemoved
              ? 'The whole record was removed: nothing clinical was held.'
              : `The clinical record is kept until ${formatDay(done.preview.keptUntil)}. ${done.filesDestroyed} file(s) destroyed.`}
          </p>
          <label className="field__label" htmlFor="erasure-letter">
            Reply letter ({done.reference}): copy it into an email, or print it from the request’s letters
          </label>
          <textarea id="erasure-letter" className="input erasure-step__letter" readOnly rows={12} value={done.letterText} />
        </Alert>
      ) : null}
      {p && !done ? (
        p.alreadyErased ? (
          <Alert kind="info">This client’s contact details have already been erased. The clinical record is kept until {formatDay(p.keptUntil)}.</Alert>
        ) : (
          <>
            <h3>What will be erased</h3>
            <ul data-testid="erasure-goes">
              {p.goes.map((g) => (
                <li key={g.category}>
                  {g.label} <span className="muted">({g.count})</span>
                </li>
              ))}
            </ul>
            <h3>What stays, and until when</h3>
            {p.removesWholeRecord ? (
              <p>Nothing: no clinical record is held, so the whole record is removed.</p>
            ) : (
              <>
                <table className="table" data-testid="erasure-stays">
                  <thead>
                    <tr>
                      <th scope="col">Kept</th>
                      <th scope="col">Items</th>
                      <th scope="col">Until</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.stays.map((s) => (
                      <tr key={s.what}>
                        <td>{s.what}</td>
                        <td>{s.count}</td>
                        <td>{formatDay(s.keptUntil)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <h3>Why it is kept</h3>
                <ul>
                  {p.legalBasis.map((b) => (
                    <li key={b}>{b}</li>
                  ))}
                </ul>
              </>
            )}
            <TextField
              label={`Type ${ERASURE_CONFIRMATION} to confirm`}
              hint="This cannot be undone."
              value={typed}
              onChange={setTyped}
            />
            {call.busy ? <ProgressBar progress={call.progress} fallbackLabel="Erasing…" /> : null}
            <div className="form-actions">
              {call.busy ? (
                <button type="button" className="button" onClick={call.stop}>
                  Stop
                </button>
              ) : null}
              <button
                type="button"
                className="button button--danger"
                disabled={call.busy || typed.trim().toUpperCase() !== ERASURE_CONFIRMATION}
                onClick={() => void erase()}
              >
                Erase now
              </button>
            </div>
          </>
        )
      ) : null}
    </div>
  );
}
