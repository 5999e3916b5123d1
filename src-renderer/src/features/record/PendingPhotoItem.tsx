import { DateField, SelectField } from '../../components/Field';
import type { PhotoStage } from '../../../../src-main/contract/record-types';
import { sizeText, STAGE_OPTIONS, type PendingFile } from './photo-import-files';

/** One photo waiting to be imported: its preview, stage, date taken, and how its upload is going. */
export function PendingPhotoItem(props: {
  file: PendingFile;
  error: string | undefined;
  running: boolean;
  onStage: (stage: PhotoStage) => void;
  onTakenOn: (takenOn: string) => void;
  onRemove: () => void;
}) {
  const f = props.file;
  return (
    <li className={`import-item import-item--${f.status}`} aria-label={f.file.name}>
      <div className="import-item__preview">
        {f.preview ? <img src={f.preview} alt="" /> : <span aria-hidden="true">Photo</span>}
      </div>
      <div className="import-item__name">
        <span className="import-item__file" dir="auto">
          {f.file.name}
        </span>
        <span className="import-item__size">{sizeText(f.file.size)}</span>
      </div>
      <SelectField label="Stage" value={f.stage} onChange={(v) => props.onStage(v)} options={STAGE_OPTIONS} />
      <DateField label="Taken on" value={f.takenOn} onChange={props.onTakenOn} error={props.error} />
      <div className="import-item__status" aria-live="polite">
        <FileStatusView file={f} />
      </div>
      {f.status === 'ready' || f.status === 'failed' ? (
        <button
          type="button"
          className="button button--small button--danger-quiet"
          aria-label={`Remove ${f.file.name}`}
          onClick={props.onRemove}
          disabled={props.running}
        >
          Remove
        </button>
      ) : (
        <span />
      )}
    </li>
  );
}

function FileStatusView(props: { file: PendingFile }) {
  const f = props.file;
  switch (f.status) {
    case 'ready':
      return <span className="muted">Ready</span>;
    case 'uploading':
      return (
        <span className="import-progress">
          <progress max={1} value={f.progress} aria-label={`Uploading ${f.file.name}`} />
          <span>Uploading…</span>
        </span>
      );
    case 'saving':
      return <span className="muted">Encrypting and saving…</span>;
    case 'done':
      return <span className="result result--ok">Imported</span>;
    case 'failed':
      return (
        <span className="import-item__error" role="alert">
          {f.error}
        </span>
      );
  }
}
