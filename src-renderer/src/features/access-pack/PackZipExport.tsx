/**
 * The full export from the window: the response PDF and the ZIP (data.json,
 * response.pdf and the original files) written to a folder, with progress and
 * Cancel, as `clinic-vault sar export` does (accessPack.export). A cancel, an
 * error or a full disk leaves nothing in the folder (the core writes both under
 * temporary names and renames them only when both are whole).
 *
 * The folder is picked in the system's folder window in the desktop app (the
 * app writes only to folders picked there) and typed in the browser host
 * (FolderField). The passphrase, when the pack is protected, is shown once.
 */
import { useState } from 'react';
import { messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { FolderField } from '../../components/FolderField';
import { ProgressBar } from '../../components/ProgressBar';
import { useLongCall } from '../../components/useLongCall';
import type { AccessPackExportResult, HealthCheck } from '../../../../src-main/contract/access-pack-schemas';

export interface PackZipExportProps {
  requestId: string;
  protect: boolean;
  restrictionOverride: string;
  /** The health check as the step's fields give it, or 'invalid' (the step's own message then says why). */
  healthCheck(): HealthCheck | null | 'invalid';
  disabled: boolean;
  onDone(): void;
}

export function PackZipExport(props: PackZipExportProps) {
  const long = useLongCall();
  const [folder, setFolder] = useState('');
  const [result, setResult] = useState<AccessPackExportResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function exportPack() {
    setProblem(null);
    setResult(null);
    const check = props.healthCheck();
    if (check === 'invalid') return setProblem('Enter the health professional’s name and the date of their opinion (DD/MM/YYYY).');
    if (!folder.trim()) return setProblem('Enter the folder to save the PDF and ZIP in.');
    try {
      const done = await long.run('accessPack.export', {
        requestId: props.requestId,
        outDir: folder.trim(),
        protect: props.protect,
        healthCheck: check,
        ...(props.restrictionOverride.trim() ? { restrictionOverride: props.restrictionOverride.trim() } : {}),
      });
      if (done) {
        setResult(done);
        props.onDone();
      }
    } catch (err) {
      setProblem(messageOf(err));
    }
  }

  return (
    <div className="access-pack__zip">
      <h3 className="access-pack__subtitle">PDF and ZIP</h3>
      <p className="muted">
        The ZIP holds the same data as machine-readable JSON (data.json), the response PDF and the original photos and forms.
        Send it when the person asks for their data in electronic form.
      </p>
      <FolderField
        label="Folder to save the PDF and ZIP in"
        hint="The full path of the folder, for example C:\Users\Sarah\Documents or /Users/sarah/Documents."
        value={folder}
        onChange={setFolder}
        purpose="export-destination"
      />
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      {long.busy ? (
        <div className="request-inline">
          <ProgressBar progress={long.progress} fallbackLabel="Making the PDF and ZIP" />
          <button type="button" className="button" onClick={long.stop}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className="button" onClick={() => void exportPack()} disabled={props.disabled}>
          Make the PDF and ZIP
        </button>
      )}
      {long.stopped ? <Alert kind="info">Stopped. Nothing was saved in the folder or recorded.</Alert> : null}
      {result ? (
        <Alert kind="success">
          Saved <code>{result.pdfFile}</code> ({result.pages} pages) and <code>{result.zipFile}</code> ({result.files} file
          {result.files === 1 ? '' : 's'}). SHA-256 of the ZIP <code>{result.zipSha256.slice(0, 16)}…</code>
          {result.passphrase ? (
            <>
              {' '}
              Passphrase: <strong className="access-pack__passphrase">{result.passphrase}</strong>. Tell the person by phone. It is not stored
              and will not be shown again.
            </>
          ) : null}
        </Alert>
      ) : null}
    </div>
  );
}
