/**
 * Clinical photos: import (from a staged upload), list, view and update. Every
 * read and write is recorded in the audit log with ids only.
 *
 * Import keeps nothing of the upload as it arrived. A JPEG lost its EXIF, GPS
 * and the rest while it was staged (uploads/stage-upload.ts), so its staged file,
 * once checked, becomes the photo's file as it is: the claim and the photo row
 * are one transaction. Anything else (PNG, WebP, HEIC, or a JPEG that the strip
 * still changes) is stored cleaned as a new file and the original destroyed.
 * A file that turns out not to be a picture is destroyed at once. A staged JPEG
 * was usually decoded and thumbnailed while it was staged (staged-photo-previews.ts),
 * so its import reads nothing back.
 */
import { AppError } from '../../contract/errors';
import { londonToday } from '../../contract/field-schemas';
import type { PhotoImage, PhotoSummary } from '../../contract/record-types';
import type { ParsedInput } from '../../contract/schemas';
import { recordInteraction } from '../clients/interactions';
import { allowedPhotoScopes } from '../consent/photo-consent';
import type { ServiceContext } from '../service/service-context';
import { newId } from '../platform/ids';
import { destroyStagedUpload, ownStagedUpload } from '../uploads/staged-uploads';
import { MAX_PIXELS, NotAnImageError, PhotoTooLargeError, preparePhoto, type PreparedPhoto } from './image-processing';
import { insertPrintCopyRow } from './print-copies';
import { photoPreviewsOf } from './staged-photo-previews';
import {
  type PhotoRow,
  checkTreatmentLink,
  dataUrl,
  getPhotoRow,
  insertPhotoRow,
  listPhotoRows,
  requireClient,
  storedPhotoText,
  toSummary,
} from './photo-rows';

type ImportInput = ParsedInput<'photos.import'>;
type UpdateInput = ParsedInput<'photos.update'>;

function checkTakenOn(ctx: ServiceContext, takenOn: string): void {
  if (takenOn > londonToday(ctx.clock.now())) {
    const message = 'The date the photo was taken cannot be in the future.';
    throw new AppError('VALIDATION', message, { issues: [{ field: 'takenOn', message }] });
  }
}

/** Best effort: a blob left behind by a failed delete holds nothing readable once its row is gone. */
async function deleteQuietly(ctx: ServiceContext, fileIds: string[]): Promise<void> {
  for (const id of fileIds) {
    await ctx.files.delete(id).catch((err: unknown) => {
      ctx.logger.warn('photo file clean-up failed', {
        fileId: id,
        error: err instanceof Error ? err.message : String(err),
      });
    });
  }
}

/** The staged row and the file's key go at once; a blob that fails to go is only logged. */
async function destroyStaged(ctx: ServiceContext, upload: { id: string; file_id: string }): Promise<void> {
  await destroyStagedUpload(ctx, upload).catch((err: unknown) => {
    ctx.logger.warn('staged upload clean-up failed', {
      error: err instanceof Error ? err.message : String(err),
    });
  });
}

/**
 * NOT_AN_IMAGE for a file that is not a readable picture, after destroying the
 * upload (of no use to anyone: now, not in an hour); any other error unchanged.
 */
async function refuseIfNotAnImage(
  ctx: ServiceContext,
  upload: { id: string; file_id: string },
  err: unknown,
): Promise<unknown> {
  if (!(err instanceof NotAnImageError)) return err;
  const cause = err.cause instanceof Error ? err.cause.message : undefined;
  ctx.logger.info('photo refused', { reason: err.message, cause });
  await destroyStaged(ctx, upload);
  if (err instanceof PhotoTooLargeError) {
    return new AppError(
      'NOT_AN_IMAGE',
      `That photo is too large: Clinic Vault takes photos of up to ${MAX_PIXELS / 1_000_000} megapixels. Use a smaller copy of it.`,
    );
  }
  return new AppError('NOT_AN_IMAGE');
}

/** One piece is written as it is; several are streamed in order without joining them. */
function asSource(pieces: Buffer[]): Buffer | AsyncIterable<Buffer> {
  if (pieces.length === 1) return pieces[0]!;
  return (async function* () {
    yield* pieces;
  })();
}

export async function importPhoto(ctx: ServiceContext, input: ImportInput): Promise<PhotoSummary> {
  // Mistakes in the form leave the upload staged, so the user can correct them and try again.
  requireClient(ctx.db, input.clientId);
  checkTakenOn(ctx, input.takenOn);
  checkTreatmentLink(ctx.db, input.clientId, input.treatmentId);
  const upload = ownStagedUpload(ctx, input.uploadId);

  let prepared: PreparedPhoto;
  try {
    // Prepared while it was staged if it could be; otherwise from the staged file, to the same result.
    const preview = await photoPreviewsOf(ctx.stagedPreviews)?.take(upload.id, upload.file_id);
    if (preview) prepared = { ...preview, pieces: [] };
    else {
      const original = await ctx.files.readToBuffer(upload.file_id);
      prepared = await preparePhoto(original, ctx.files.info(upload.file_id).mediaType);
    }
  } catch (err) {
    throw await refuseIfNotAnImage(ctx, upload, err);
  }

  const created: string[] = [];
  // Already clean: the staged file is kept as the picture (linked by the claim below).
  const keepStaged = prepared.unchanged;
  let row: PhotoRow;
  let thumbnail: Buffer;
  try {
    let imageId = upload.file_id;
    if (!keepStaged) {
      // The picture is encrypted and written while sharp decodes it for the thumbnail.
      const image = await ctx.files.write(asSource(prepared.pieces), {
        mediaType: prepared.mediaType,
        createdBy: ctx.actor.id,
        clinical: true,
      });
      created.push(image.id);
      imageId = image.id;
    }
    thumbnail = await prepared.thumbnail;
    const thumb = await ctx.files.write(thumbnail, {
      mediaType: 'image/jpeg',
      createdBy: ctx.actor.id,
      clinical: true,
    });
    created.push(thumb.id);
    // The print-size copy for the access pack's PDF, from the thumbnail's decode (print-copies.ts).
    const printCopy = await prepared.printCopy;
    const print = await ctx.files.write(printCopy.jpeg, { mediaType: 'image/jpeg', createdBy: ctx.actor.id, clinical: true });
    created.push(print.id);
    const now = ctx.clock.now().toISOString();
    row = {
      id: newId('ph'),
      client_id: input.clientId,
      treatment_id: input.treatmentId,
      file_id: imageId,
      thumb_file_id: thumb.id,
      area: input.area,
      stage: input.stage,
      taken_on: input.takenOn,
      width: prepared.width,
      height: prepared.height,
      media_type: prepared.mediaType,
      consent_scopes: JSON.stringify([...new Set(input.consentScopes)]),
      consent_reference: input.consentReference,
      created_at: now,
      created_by: ctx.actor.id,
    };
    const photo = row;
    ctx.db.transaction(() => {
      // Re-checked inside the transaction: the awaits above gave other calls time to run.
      requireClient(ctx.db, photo.client_id);
      checkTreatmentLink(ctx.db, photo.client_id, photo.treatment_id);
      // While the staged row exists so does its file (they are destroyed together), and
      // once the row is gone nothing else destroys the file: keeping it is safe.
      const claimed = ctx.db
        .prepare('DELETE FROM staged_uploads WHERE id = ? AND created_by = ?')
        .run(upload.id, ctx.actor.id);
      if (claimed.changes !== 1)
        throw new AppError('NOT_FOUND', 'That upload has already been used or has expired.');
      // A photo's key is sealed under the clinical key (docs/clinical-sealing.md), the kept staged file's too.
      ctx.files.setClinical(photo.file_id, true);
      insertPhotoRow(ctx.db, photo, ctx.keys);
      insertPrintCopyRow(ctx.db, { photoId: photo.id, fileId: print.id, width: printCopy.width, height: printCopy.height, createdAt: now });
      recordInteraction(ctx.db, photo.client_id, now);
      ctx.audit.append({
        staffId: ctx.actor.id,
        action: 'photo.imported',
        subjectType: 'photo',
        subjectId: photo.id,
        detail: { clientId: photo.client_id },
      });
    })();
  } catch (err) {
    await deleteQuietly(ctx, created);
    throw await refuseIfNotAnImage(ctx, upload, err);
  }
  // The original, metadata and all, is no longer needed by anything.
  if (!keepStaged) await deleteQuietly(ctx, [upload.file_id]);
  return toSummary(row, thumbnail, allowedPhotoScopes(ctx.db, row.client_id));
}

export async function listPhotos(ctx: ServiceContext, clientId: string): Promise<PhotoSummary[]> {
  requireClient(ctx.db, clientId);
  const rows = listPhotoRows(ctx.db, clientId, ctx.keys);
  const summaries: PhotoSummary[] = [];
  const allowed = allowedPhotoScopes(ctx.db, clientId);
  for (const row of rows) summaries.push(toSummary(row, await ctx.files.readToBuffer(row.thumb_file_id), allowed));
  ctx.audit.append({
    staffId: ctx.actor.id,
    action: 'client.photos_viewed',
    subjectType: 'client',
    subjectId: clientId,
    detail: { count: rows.length },
  });
  return summaries;
}

export async function getPhoto(ctx: ServiceContext, photoId: string): Promise<PhotoImage> {
  const row = getPhotoRow(ctx.db, photoId, ctx.keys);
  const [image, thumbnail] = [
    await ctx.files.readToBuffer(row.file_id),
    await ctx.files.readToBuffer(row.thumb_file_id),
  ];
  ctx.audit.append({
    staffId: ctx.actor.id,
    action: 'photo.viewed',
    subjectType: 'photo',
    subjectId: row.id,
    detail: { clientId: row.client_id },
  });
  return { photo: toSummary(row, thumbnail, allowedPhotoScopes(ctx.db, row.client_id)), imageDataUrl: dataUrl(row.media_type, image) };
}

const UPDATABLE = ['treatmentId', 'area', 'stage', 'consentScopes', 'consentReference'] as const;

export async function updatePhoto(ctx: ServiceContext, input: UpdateInput): Promise<PhotoSummary> {
  const before = getPhotoRow(ctx.db, input.photoId, ctx.keys);
  const next: PhotoRow = {
    ...before,
    treatment_id: input.treatmentId !== undefined ? input.treatmentId : before.treatment_id,
    area: input.area ?? before.area,
    stage: input.stage ?? before.stage,
    consent_scopes: input.consentScopes
      ? JSON.stringify([...new Set(input.consentScopes)])
      : before.consent_scopes,
    consent_reference: input.consentReference ?? before.consent_reference,
  };
  const changed = UPDATABLE.filter((k) => input[k] !== undefined).join(',');
  ctx.db.transaction(() => {
    checkTreatmentLink(ctx.db, next.client_id, next.treatment_id);
    const sealed = storedPhotoText(ctx.keys, next);
    ctx.db
      .prepare(
        `UPDATE photos SET treatment_id = ?, area = ?, stage = ?, consent_scopes = ?, consent_reference = ?
         WHERE id = ?`,
      )
      .run(next.treatment_id, sealed.area, next.stage, next.consent_scopes, sealed.consent_reference, next.id);
    // A change to what the client consented to is an interaction with them (retention).
    recordInteraction(ctx.db, next.client_id, ctx.clock.now().toISOString());
    ctx.audit.append({
      staffId: ctx.actor.id,
      action: 'photo.updated',
      subjectType: 'photo',
      subjectId: next.id,
      detail: { clientId: next.client_id, fields: changed },
    });
  })();
  return toSummary(next, await ctx.files.readToBuffer(next.thumb_file_id), allowedPhotoScopes(ctx.db, next.client_id));
}
