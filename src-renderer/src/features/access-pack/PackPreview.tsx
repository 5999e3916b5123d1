import { useEffect, useMemo, useState } from 'react';
import { Alert } from '../../components/Alert';
import type { AccessPackPdf } from '../../../../src-main/contract/access-pack-schemas';
import { base64ToBytes, savePdf } from './pdf-pages';
import '../../styles/access-pack.css';

/**
 * The response PDF's pages drawn with pdf.js, before it is saved or printed.
 * A protected PDF is previewed from the unlocked pages pdf.js draws with the
 * passphrase; Save hands over the locked file. Print prints the drawn pages.
 */
export function PackPreview(props: { pdf: AccessPackPdf }) {
  const bytes = useMemo(() => base64ToBytes(props.pdf.pdfBase64), [props.pdf]);
  const [pages, setPages] = useState<string[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    // Drawn once per PDF: the step gives each new PDF a new key, so the state starts empty.
    const controller = new AbortController();
    // pdf.js takes its own copy: the worker is given the buffer, so Save keeps `bytes` intact.
    // pdf.js is fetched the first time a preview is drawn (pdf-render.ts).
    import('./pdf-render')
      .then(({ renderPdfPages }) => renderPdfPages(bytes.slice(), 1.3, props.pdf.passphrase, controller.signal))
      .then((p) => !controller.signal.aborted && setPages(p))
      .catch(() => !controller.signal.aborted && setProblem('The preview could not be drawn. Save the PDF and open it to check it.'));
    return () => controller.abort();
  }, [bytes, props.pdf.passphrase]);

  return (
    <div className="access-pack__preview">
      {props.pdf.passphrase ? (
        <Alert kind="warning">
          Passphrase: <strong className="access-pack__passphrase">{props.pdf.passphrase}</strong>. Tell the person by phone. It is not stored and
          will not be shown again.
        </Alert>
      ) : null}
      <div className="request-inline no-print">
        <p>
          {props.pdf.pages} pages · SHA-256 <code>{props.pdf.sha256.slice(0, 16)}…</code>
        </p>
        <button type="button" className="button button--primary" onClick={() => savePdf(bytes, props.pdf.fileName)}>
          Save
        </button>
        <button type="button" className="button" onClick={() => window.print()} disabled={!pages}>
          Print
        </button>
      </div>
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      {pages === null && !problem ? <p>Drawing the pages…</p> : null}
      {pages ? (
        <>
          <ol className="access-pack__pages" aria-label="Preview of the response">
            {pages.map((src, i) => (
              <li key={i} className="access-pack__page">
                <img src={src} alt={`Page ${i + 1} of ${pages.length}`} />
              </li>
            ))}
          </ol>
          {/* What Print prints: print.css shows only .print-sheet on paper, and hides it on screen. */}
          <div className="print-sheet access-pack__print" aria-hidden="true">
            {pages.map((src, i) => (
              <img key={i} src={src} alt="" className="access-pack__print-page" />
            ))}
          </div>
        </>
      ) : null}
    </div>
  );
}
