import { useRef, useState, type FormEvent } from 'react';
import { inFlight } from '../../../../src-main/contract/in-flight';
import { api, messageOf, upload } from '../../api';
import { formatDay, parseUkDate, todayIso } from '../../dates';
import {
  PHOTO_IMPORTS_IN_FLIGHT,
  type PhotoConsentScope,
  type PhotoStage,
} from '../../../../src-main/contract/record-types';
import { defaultStages } from './photo-labels';
import { previewOf, type PendingFile } from './photo-import-files';
import { useTreatments } from './useTreatments';

let nextKey = 1;

/**
 * The photo import's state and its run: the files chosen or dropped (each with
 * its stage, date, progress and error), what they show (area, uses, treatment),
 * and the import itself, where each file is uploaded and imported on its own so
 * one bad file is reported against that file without losing the others.
 */
export function usePhotoImport(clientId: string, onImported: (count: number) => void) {
  const [files, setFiles] = useState<PendingFile[]>([]);
  const [area, setArea] = useState('');
  const [scopes, setScopes] = useState<PhotoConsentScope[]>(['clinical-record']);
  const [treatmentId, setTreatmentId] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [running, setRunning] = useState(false);
  /** Drops or choices so far in this panel: the first is Before, later ones After (photo-labels.ts). */
  const batches = useRef(0);
  // Treatments to link to, read once the panel has something to import.
  const treatments = useTreatments(clientId, files.length > 0);

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
          clientId,
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
    if (imported > 0) onImported(imported);
    // Imported files leave the list; failed ones stay, with their reasons.
    setFiles((prev) => prev.filter((f) => f.status !== 'done'));
  }

  const pending = files.filter((f) => f.status !== 'done');
  const stagesShown = new Set(pending.map((f) => f.stage));

  return {
    files,
    area,
    setArea: (v: string) => {
      setArea(v);
      setErrors(({ area: _a, ...rest }) => rest);
    },
    scopes,
    toggleScope: (s: PhotoConsentScope, on: boolean) => {
      setScopes((prev) => (on ? [...prev, s] : prev.filter((x) => x !== s)));
      setErrors(({ scopes: _s, ...rest }) => rest);
    },
    treatmentId,
    setTreatmentId,
    treatments: treatments.data ?? null,
    /** Why the treatments could not be read (the photos can still be imported, unlinked). */
    treatmentsProblem: treatments.error ? messageOf(treatments.error) : null,
    errors,
    running,
    addFiles,
    setStage: (key: number, stage: PhotoStage) => update(key, { stage }),
    setTakenOn: (key: number, takenOn: string) => {
      update(key, { takenOn });
      setErrors(({ [`takenOn-${key}`]: _t, ...rest }) => rest);
    },
    setAllStages,
    remove,
    clear: () => {
      setFiles([]);
      setErrors({});
    },
    importAll,
    toImport: pending.length,
    commonStage: stagesShown.size === 1 ? [...stagesShown][0]! : ('' as const),
    failed: files.filter((f) => f.status === 'failed').length,
  };
}
