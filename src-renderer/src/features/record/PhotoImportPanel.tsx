import { useEffect, useId, useRef, useState, type DragEvent, type FormEvent } from 'react';
import { inFlight } from '../../../../src-main/contract/in-flight';
import { api, messageOf, upload } from '../../api';
import { Alert } from '../../components/Alert';
import { Checkbox } from '../../components/Checkbox';
import { DateField, SelectField, TextField } from '../../components/Field';
import { formatDay, parseUkDate, todayIso } from '../../dates';
import {
  PHOTO_CONSENT_SCOPES,
  PHOTO_IMPORTS_IN_FLIGHT,
  PHOTO_STAGES,
  type ClientRecord,
  type PhotoConsentScope,
  type PhotoStage,
  type Treatment,
} from '../../../../src-main/contract/record-types';
import { AREA_SUGGESTIONS } from './areas';
import { SCOPE_LABELS, STAGE_LABELS, defaultStages } from './photo-labels';
import { newestFirst } from './TreatmentsTab';

type FileStatus = 'ready' | 'uploading' | 'saving' | 'done' | 'failed';

interface PendingFile {
  key: number;
  file: File;
  stage: PhotoStage;
  /** As typed: DD/MM/YYYY. */
  takenOn: string;
  status: FileStatus;
  progress: number;
  error: string | null;
  /** A small data: URL preview, where the browser can read the format. */
  preview: string | null;
}

const STAGE_OPTIONS = PHOTO_STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }));
let nextKey = 1;
const PREVIEW_PX = 112;

/**
 * A small square preview drawn on a canvas, as a data: URL. Not a blob: URL:
 * those are fetched like connections by some tools, and the CSP allows
 * connections to the app only. Null when the browser cannot read the file
 * (HEIC, or not a photo at all): the app decides that on import.
 */
async function previewOf(file: File): Promise<string | null> {
  if (!file.type.startsWith('image/')) return null;
  let bitmap: ImageBitmap | null = null;
  try {
    bitmap = await createImageBitmap(file);
    const side = Math.min(bitmap.width, bitmap.height);
    const canvas = document.createElement('canvas');
    canvas.width = PREVIEW_PX;
    canvas.height = PREVIEW_PX;
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    ctx.drawImage(
      bitmap,
      (bitmap.width - side) / 2,
      (bitmap.height - side) / 2,
      side,
      side,
      0,
      0,
      PREVIEW_PX,
      PREVIEW_PX,
    );
    return canvas.toDataURL('image/jpeg', 0.8);
  } catch {
    return null;
  } finally {
    bitmap?.close();
  }
}

function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Import photos: choose them or drag them in (several at once), say what each
 * shows, then each is uploaded and imported on its own, so one bad file (not a
 * photo, too large) is reported against that file without losing the others.
 */
export function PhotoImportPanel(props: {
  client: ClientRecord;
  knownAreas: string[];
  onImported: (count: number) => void;
}) {
  const [files, setFiles] = useState<PendingFile[]>([]);
  const [area, setArea] = useState('');
  const [scopes, setScopes] = useState<PhotoConsentScope[]>(['clinical-record']);
  const [treatmentId, setTreatmentId] = useState('');
  const [treatments, setTreatments] = useState<Treatment[] | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [running, setRunning] = useState(false);
  const [dragging, setDragging] = useState(false);
  /** Drops or choices so far in this panel: the first is Before, later ones After (photo-labels.ts). */
  const batches = useRef(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const ids = useId();

  // Treatments to link to, loaded once the panel has something to import.
  const hasFiles = files.length > 0;
  useEffect(() => {
    if (!hasFiles || treatments !== null) return;
    let live = true;
    api('treatments.list', { clientId: props.client.id }).then(
      (list) => live && setTreatments(newestFirst(list)),
      () => live && setTreatments([]),
    );
    return () => {
      live = false;
    };
  }, [hasFiles, treatments, props.client.id]);

  function addFiles(list: FileList | null) {
    if (!list || list.length === 0) return;
    const today = formatDay(todayIso());
    const stages = defaultStages(
      [...list].map((f) => f.name),
      batches.current,
    );
    batches.current += 1;
    const added = [...list].map((file, i): PendingFile => ({
      key: nextKey++,
      file,
      stage: stages[i] ?? 'before',
      takenOn: today,
      status: 'ready',
      progress: 0,
      error: null,
      preview: null,
    }));
    setFiles((prev) => [...prev.filter((f) => f.status !== 'done'), ...added]);
    for (const f of added) {
      void previewOf(f.file).then((preview) => preview && update(f.key, { preview }));
    }
  }

  function update(key: number, patch: Partial<PendingFile>) {
    setFiles((prev) => prev.map((f) => (f.key === key ? { ...f, ...patch } : f)));
  }

  /** One control for every photo still to import. */
  function setAllStages(stage: PhotoStage) {
    setFiles((prev) => prev.map((f) => (f.status === 'done' ? f : { ...f, stage })));
  }

  function remove(key: number) {
    setFiles((prev) => prev.filter((f) => f.key !== key));
  }

  async function importAll(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!area.trim()) found.area = 'Enter the area photographed, like Forehead.';
    if (scopes.length === 0) found.scopes = 'Choose at least one use.';
    for (const f of files) {
      if (f.status === 'done') continue;
      if (!parseUkDate(f.takenOn))
        found[`takenOn-${f.key}`] = 'Enter the date it was taken, like 25/12/2026.';
      else if ((parseUkDate(f.takenOn) ?? '') > todayIso())
        found[`takenOn-${f.key}`] = 'That date is in the future.';
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;

    setRunning(true);
    let imported = 0;
    const pending = files.filter((f) => f.status !== 'done');
    // A few at once: the app decodes one photo while it encrypts the next.
    await inFlight(pending, PHOTO_IMPORTS_IN_FLIGHT, async (f) => {
      update(f.key, { status: 'uploading', progress: 0, error: null });
      let uploadId: string | null = null;
      try {
        const receipt = await upload(f.file, { onProgress: (p) => update(f.key, { progress: p }) });
        uploadId = receipt.uploadId;
        update(f.key, { status: 'saving', progress: 1 });
        await api('photos.import', {
          clientId: props.client.id,
          uploadId,
          treatmentId: treatmentId || null,
          area: area.trim(),
          stage: f.stage,
          takenOn: parseUkDate(f.takenOn)!,
          consentScopes: scopes,
        });
        update(f.key, { status: 'done' });
        imported++;
      } catch (err) {
        update(f.key, { status: 'failed', error: messageOf(err) });
        if (uploadId) void api('uploads.discard', { uploadId }).catch(() => undefined);
      }
    });
    setRunning(false);
    if (imported > 0) props.onImported(imported);
    // Imported files leave the list; failed ones stay, with their reasons.
    setFiles((prev) => prev.filter((f) => f.status !== 'done'));
  }

  function onDrop(e: DragEvent<HTMLDivElement>) {
    e.preventDefault();
    setDragging(false);
    if (!running) addFiles(e.dataTransfer.files);
  }

  const toImport = files.filter((f) => f.status !== 'done').length;
  const stagesShown = new Set(files.filter((f) => f.status !== 'done').map((f) => f.stage));
  const commonStage = stagesShown.size === 1 ? [...stagesShown][0]! : '';
  const failed = files.filter((f) => f.status === 'failed').length;

  return (
    <section className="card import-panel" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`} className="card__title">
        Import photos
      </h3>
      <div
        className={`drop-zone${dragging ? ' drop-zone--over' : ''}`}
        onDragEnter={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
        }}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={onDrop}
        data-testid="photo-drop-zone"
      >
        <p className="drop-zone__text">Drag photos here, several at once if you like.</p>
        <p className="drop-zone__hint">
          JPEG, PNG, HEIC or WebP. Location and camera details are removed on import.
        </p>
        <button type="button" className="button" onClick={() => inputRef.current?.click()} disabled={running}>
          Choose photos
        </button>
        <input
          ref={inputRef}
          type="file"
          multiple
          accept="image/*,.heic,.heif"
          className="visually-hidden"
          tabIndex={-1}
          aria-label="Choose photos"
          data-testid="photo-file-input"
          onChange={(e) => {
            addFiles(e.target.files);
            e.target.value = '';
          }}
        />
      </div>

      {files.length > 0 ? (
        <form onSubmit={importAll} noValidate className="import-form" data-guard>
          <div className="form-grid">
            <TextField
              label="Area photographed"
              hint="The same area lets photos be compared, like Forehead."
              list={`${ids}-areas`}
              value={area}
              onChange={(v) => {
                setArea(v);
                setErrors(({ area: _a, ...rest }) => rest);
              }}
              error={errors.area}
              dir="auto"
            />
            <SelectField
              label="Link to a treatment"
              value={treatmentId}
              onChange={setTreatmentId}
              options={[
                { value: '', label: treatments === null ? 'Loading treatments…' : 'No treatment (optional)' },
                ...(treatments ?? []).map((t) => ({
                  value: t.id,
                  label: `${formatDay(t.treatedOn)} ${t.typeName}`,
                })),
              ]}
            />
          </div>
          <datalist id={`${ids}-areas`}>
            {[...new Set([...props.knownAreas, ...AREA_SUGGESTIONS])].map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>

          <fieldset className={`scopes${errors.scopes ? ' scopes--invalid' : ''}`}>
            <legend className="field__label">The client has consented to these uses</legend>
            <div className="scopes__list">
              {PHOTO_CONSENT_SCOPES.map((s) => (
                <Checkbox
                  key={s}
                  checked={scopes.includes(s)}
                  onChange={(on) => {
                    setScopes((prev) => (on ? [...prev, s] : prev.filter((x) => x !== s)));
                    setErrors(({ scopes: _s, ...rest }) => rest);
                  }}
                >
                  {SCOPE_LABELS[s]}
                </Checkbox>
              ))}
            </div>
            {errors.scopes ? <p className="field__error">{errors.scopes}</p> : null}
          </fieldset>

          {toImport > 1 ? (
            <SelectField<PhotoStage | ''>
              className="import-form__all-stages"
              label="Stage of every photo"
              hint="Each photo's stage is guessed from its name (before, after, pre, post) or the order it was added; change them all here, or one by one below."
              value={commonStage}
              onChange={(v) => v && setAllStages(v)}
              options={[...(commonStage === '' ? [{ value: '' as const, label: 'Mixed' }] : []), ...STAGE_OPTIONS]}
            />
          ) : null}

          <ul className="import-list" aria-label="Photos to import">
            {files.map((f) => (
              <li key={f.key} className={`import-item import-item--${f.status}`} aria-label={f.file.name}>
                <div className="import-item__preview">
                  {f.preview ? <img src={f.preview} alt="" /> : <span aria-hidden="true">Photo</span>}
                </div>
                <div className="import-item__name">
                  <span className="import-item__file" dir="auto">
                    {f.file.name}
                  </span>
                  <span className="import-item__size">{sizeText(f.file.size)}</span>
                </div>
                <SelectField
                  label="Stage"
                  value={f.stage}
                  onChange={(v) => update(f.key, { stage: v })}
                  options={STAGE_OPTIONS}
                />
                <DateField
                  label="Taken on"
                  value={f.takenOn}
                  onChange={(v) => {
                    update(f.key, { takenOn: v });
                    setErrors(({ [`takenOn-${f.key}`]: _t, ...rest }) => rest);
                  }}
                  error={errors[`takenOn-${f.key}`]}
                />
                <div className="import-item__status" aria-live="polite">
                  <FileStatusView file={f} />
                </div>
                {f.status === 'ready' || f.status === 'failed' ? (
                  <button
                    type="button"
                    className="button button--small button--danger-quiet"
                    aria-label={`Remove ${f.file.name}`}
                    onClick={() => remove(f.key)}
                    disabled={running}
                  >
                    Remove
                  </button>
                ) : (
                  <span />
                )}
              </li>
            ))}
          </ul>

          <div className="form-actions form-actions--start">
            <button type="submit" className="button button--primary" disabled={running || toImport === 0}>
              {running
                ? 'Importing…'
                : failed > 0 && failed === toImport
                  ? 'Try again'
                  : `Import ${toImport} ${toImport === 1 ? 'photo' : 'photos'}`}
            </button>
            <button
              type="button"
              className="button"
              disabled={running}
              onClick={() => {
                setFiles([]);
                setErrors({});
              }}
            >
              Clear
            </button>
          </div>
          {failed > 0 && !running ? (
            <Alert kind="warning">
              {failed === 1 ? 'One file was' : `${failed} files were`} not imported. The reason is shown next
              to each; remove it, or fix it and try again.
            </Alert>
          ) : null}
        </form>
      ) : null}
    </section>
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
