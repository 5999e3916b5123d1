import { useState } from 'react';
import { api, messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { SelectField, TextAreaField } from '../../components/Field';
import { downloadPdf } from '../../components/download-pdf';
import type { FeeReason, RequestLetter, RequestLetterKind, SubjectRequest } from '../../../../src-main/contract/request-types';
import { useQueryClient } from '@tanstack/react-query';
import { REQUESTS_KEY } from './request-queries';

const GROUNDS: { value: FeeReason; label: string }[] = [
  { value: 'manifestly_unfounded', label: 'Manifestly unfounded' },
  { value: 'manifestly_excessive', label: 'Manifestly excessive' },
];

/**
 * The letters (owner only): the acknowledgement when a request is logged, and
 * for a manifestly unfounded or excessive request the refusal or the fee
 * letter, with the reasons. Each as a PDF to save and as text to copy.
 */
export function RequestLettersPanel(props: { request: SubjectRequest }) {
  const r = props.request;
  const client = useQueryClient();
  const [reasons, setReasons] = useState('');
  const [ground, setGround] = useState<FeeReason>(r.fee?.reason ?? 'manifestly_excessive');
  const [letter, setLetter] = useState<RequestLetter | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function make(kind: RequestLetterKind) {
    setProblem(null);
    setBusy(true);
    try {
      const made = await api('requests.letter', { id: r.id, kind, reasons, ...(kind === 'refusal' ? { ground } : {}) });
      setLetter(made);
      downloadPdf(made.pdfBase64, made.fileName);
      await client.invalidateQueries({ queryKey: REQUESTS_KEY });
    } catch (err) {
      setProblem(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="letters-title">
      <h2 id="letters-title" className="card__title">
        Letters
      </h2>
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      <div className="form-actions form-actions--start">
        <button type="button" className="button" disabled={busy} onClick={() => void make('acknowledgement')}>
          Acknowledgement letter (PDF)
        </button>
      </div>
      <h3 className="request-subtitle">Manifestly unfounded or excessive</h3>
      <TextAreaField label="Reasons (given to the person)" value={reasons} onChange={setReasons} rows={3} />
      <div className="request-inline">
        <SelectField label="The request is" value={ground} onChange={setGround} options={GROUNDS} />
        <button type="button" className="button" disabled={busy} onClick={() => void make('refusal')}>
          Refusal letter (PDF)
        </button>
        <button type="button" className="button" disabled={busy || !r.fee} onClick={() => void make('fee')}>
          Fee letter (PDF)
        </button>
      </div>
      {letter ? (
        <>
          {letter.warnings.map((w) => (
            <Alert key={w} kind="warning">
              {w}
            </Alert>
          ))}
          <p className="muted">Saved as {letter.fileName}. The same letter as text, to paste into an email:</p>
          <textarea className="input input--multiline request-letter-text" readOnly rows={10} value={letter.text} aria-label="Letter text" dir="auto" />
          <div className="form-actions form-actions--start">
            <button type="button" className="button" onClick={() => void navigator.clipboard?.writeText(letter.text)}>
              Copy the text
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}
