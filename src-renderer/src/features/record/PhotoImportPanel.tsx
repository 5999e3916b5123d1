import { useId } from 'react';
import { Alert } from '../../components/Alert';
import { Checkbox } from '../../components/Checkbox';
import { SelectField, TextField } from '../../components/Field';
import { formatDay } from '../../dates';
import {
  PHOTO_CONSENT_SCOPES,
  type ClientRecord,
  type PhotoStage,
} from '../../../../src-main/contract/record-types';
import { AREA_SUGGESTIONS } from './areas';
import { PendingPhotoItem } from './PendingPhotoItem';
import { PhotoDropZone } from './PhotoDropZone';
import { STAGE_OPTIONS } from './photo-import-files';
import { SCOPE_LABELS } from './photo-labels';
import { usePhotoImport } from './usePhotoImport';

/**
 * Import photos: choose them or drag them in (several at once), say what each
 * shows, then each is uploaded and imported on its own (usePhotoImport), so one
 * bad file (not a photo, too large) is reported against that file without
 * losing the others.
 */
export function PhotoImportPanel(props: {
  client: ClientRecord;
  knownAreas: string[];
  onImported: (count: number) => void;
}) {
  const imp = usePhotoImport(props.client.id, props.onImported);
  const {
    files,
    area,
    scopes,
    treatmentId,
    treatments,
    errors,
    running,
    addFiles,
    toImport,
    commonStage,
    failed,
  } = imp;
  const ids = useId();

  return (
    <section className="card import-panel" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`} className="card__title">
        Import photos
      </h3>
      <PhotoDropZone disabled={running} onFiles={addFiles} />

      {files.length > 0 ? (
        <form onSubmit={imp.importAll} noValidate className="import-form" data-guard>
          <div className="form-grid">
            <TextField
              label="Area photographed"
              hint="The same area lets photos be compared, like Forehead."
              list={`${ids}-areas`}
              value={area}
              onChange={imp.setArea}
              error={errors.area}
              dir="auto"
            />
            <SelectField
              label="Link to a treatment"
              value={treatmentId}
              onChange={imp.setTreatmentId}
              options={[
                { value: '', label: treatments === null ? 'Loading treatments…' : 'No treatment (optional)' },
                ...(treatments ?? []).map((t) => ({
                  value: t.id,
                  label: `${formatDay(t.treatedOn)} ${t.typeName}`,
                })),
              ]}
            />
          </div>
          {imp.treatmentsProblem ? <Alert kind="warning">{imp.treatmentsProblem}</Alert> : null}
          <datalist id={`${ids}-areas`}>
            {[...new Set([...props.knownAreas, ...AREA_SUGGESTIONS])].map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>

          <fieldset className={`scopes${errors.scopes ? ' scopes--invalid' : ''}`}>
            <legend className="field__label">The client has consented to these uses</legend>
            <div className="scopes__list">
              {PHOTO_CONSENT_SCOPES.map((s) => (
                <Checkbox key={s} checked={scopes.includes(s)} onChange={(on) => imp.toggleScope(s, on)}>
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
              onChange={(v) => v && imp.setAllStages(v)}
              options={[
                ...(commonStage === '' ? [{ value: '' as const, label: 'Mixed' }] : []),
                ...STAGE_OPTIONS,
              ]}
            />
          ) : null}

          <ul className="import-list" aria-label="Photos to import">
            {files.map((f) => (
              <PendingPhotoItem
                key={f.key}
                file={f}
                error={errors[`takenOn-${f.key}`]}
                running={running}
                onStage={(v) => imp.setStage(f.key, v)}
                onTakenOn={(v) => imp.setTakenOn(f.key, v)}
                onRemove={() => imp.remove(f.key)}
              />
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
            <button type="button" className="button" disabled={running} onClick={imp.clear}>
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
