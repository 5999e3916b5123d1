import { useRef, useState } from 'react';
import { api, messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { downloadCsv } from '../../components/download-csv';
import { todayIso } from '../../dates';
import type { MethodInput } from '../../../../src-main/contract/schemas';

type Filter = MethodInput<'audit.exportCsv'>;

interface Progress {
  rows: number;
  /** 0 to 1, from how much of the log is still to be looked through. */
  fraction: number;
}

/**
 * "Export CSV" for the filtered view: the core sends it a piece at a time
 * (audit.exportCsv), so a long log shows progress and can be stopped, and
 * the window never waits on one long call. The file carries client names:
 * the export is in the audit log.
 */
export function AuditCsvExport(props: { filter: Filter; disabled?: boolean }) {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const stop = useRef(false);

  async function run() {
    stop.current = false;
    setProblem(null);
    setDone(null);
    setBusy(true);
    const parts: string[] = [];
    let rows = 0;
    let firstLeft: number | null = null;
    let beforeSeq: number | undefined;
    try {
      for (;;) {
        const piece = await api('audit.exportCsv', { ...props.filter, ...(beforeSeq === undefined ? {} : { beforeSeq }) });
        parts.push(piece.csv);
        rows += piece.rows;
        if (piece.nextBeforeSeq === null) break;
        // Only a long export (more than one piece) shows its progress.
        firstLeft ??= piece.seqsLeft + piece.rows;
        setProgress({ rows, fraction: firstLeft > 0 ? 1 - piece.seqsLeft / firstLeft : 1 });
        if (stop.current) {
          setDone('Export stopped: no file was saved.');
          return;
        }
        beforeSeq = piece.nextBeforeSeq;
      }
      downloadCsv(parts, `audit-log-${todayIso()}.csv`);
      setDone(`Exported ${rows.toLocaleString('en-GB')} ${rows === 1 ? 'entry' : 'entries'} as CSV.`);
    } catch (err) {
      setProblem(messageOf(err));
    } finally {
      setProgress(null);
      setBusy(false);
    }
  }

  return (
    <div className="audit-export">
      {progress ? (
        <div className="audit-export__progress">
          <p className="audit-export__label" aria-live="polite">
            Exporting: {progress.rows.toLocaleString('en-GB')} entries so far
          </p>
          <progress max={100} value={Math.round(progress.fraction * 100)} aria-label="Export progress" />
          <button type="button" className="button button--small" onClick={() => (stop.current = true)}>
            Stop
          </button>
        </div>
      ) : (
        <button type="button" className="button" disabled={props.disabled || busy} onClick={() => void run()}>
          {busy ? 'Exporting…' : 'Export CSV'}
        </button>
      )}
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      {done ? (
        <p className="muted audit-export__done" role="status">
          {done}
        </p>
      ) : null}
    </div>
  );
}
