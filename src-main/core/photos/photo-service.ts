/**
 * Clinical photos: import (from a staged upload), list, view and update. Every
 * read and write is recorded in the audit log with ids only.
 *
 * Import keeps nothing of the upload as it arrived. A JPEG lost its EXIF, GPS
 * and the rest while it was staged (uploads/staging.ts), so its staged file,
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
import type { SignedInContext } from '../handler-types';
import { newId } from '../platform/ids';
import { destroyStagedUpload, ownStagedUpload } from '../uploads/staging';
import { MAX_PIXELS, NotAnImageError, PhotoTooLargeError, preparePhoto, type PreparedPhoto } from './image-processing';
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

function checkTakenOn(ctx: SignedInContext, takenOn: string): void {
  if (takenOn > londonToday(ctx.core.clock.now())) {
    const message = 'The date the photo was taken cannot be in the future.';
    throw new AppError('VALIDATION', message, { issues: [{ field: 'takenOn', message }] });
  }
}

/** Best effort: a blob left behind by a failed delete holds nothing readable once its row is gone. */
async function deleteQuietly(ctx: SignedInContext, fileIds: string[]): Promise<void> {
  for (const id of fileIds) {
    await ctx.vault.files.delete(id).catch((err: unknown) => {
      ctx.core.logger.warn('photo file clean-up failed', {
        fileId: id,
        error: err instanceof Error ? err.message : String(err),
      });
    });
  }
}

/** The staged row and the file's key go at once; a blob that fails to go is only logged. */
async function destroyStaged(ctx: SignedInContext, upload: { id: string; file_id: string }): Promise<void> {
  await destroyStagedUpload(ctx.vault, upload).catch((err: unknown) => {
    ctx.core.logger.warn('staged upload clean-up failed', {
      error: err instanceof Error ? err.message : String(err),
    });
  });
}

/**
 * NOT_AN_IMAGE for a file that is not a readable picture, after destroying the
 * upload (of no use to anyone: now, not in an hour); any other error unchanged.
 */
async function refuseIfNotAnImage(
  ctx: SignedInContext,
  upload: { id: string; file_id: string },
  err: unknown,
): Promise<unknown> {
  if (!(err instanceof NotAnImageError)) return err;
  const cause = err.cause instanceof Error ? err.cause.message : undefined;
  ctx.core.logger.info('photo refused', { reason: err.message, cause });
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

export async function importPhoto(ctx: SignedInContext, input: ImportInput): Promise<PhotoSummary> {
  const { vault, session, core } = ctx;
  // Mistakes in the form leave the upload staged, so the user can correct them and try again.
  requireClient(vault.db, input.clientId);
  checkTakenOn(ctx, input.takenOn);
  checkTreatmentLink(vault.db, input.clientId, input.treatmentId);
  const upload = ownStagedUpload(ctx, input.uploadId);

  let prepared: PreparedPhoto;
  try {
    // Prepared while it was staged if it could be; otherwise from the staged file, to the same result.
    const preview = await vault.stagedPreviews.take(upload.id, upload.file_id);
    if (preview) prepared = { ...preview, pieces: [] };
    else {
      const original = await vault.files.readToBuffer(upload.file_id);
      prepared = await preparePhoto(original, vault.files.info(upload.file_id).mediaType);
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
      const image = await vault.files.write(asSource(prepared.pieces), {
        mediaType: prepared.mediaType,
        createdBy: session.staff.id,
        clinical: true,
      });
      created.push(image.id);
      imageId = image.id;
    }
    thumbnail = await prepared.thumbnail;
    const thumb = await vault.files.write(thumbnail, {
      mediaType: 'image/jpeg',
      createdBy: session.staff.id,
      clinical: true,
    });
    created.push(thumb.id);
    const now = core.clock.now().toISOString();
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
      created_by: session.staff.id,
    };
    const photo = row;
    vault.db.transaction(() => {
      // Re-checked inside the transaction: the awaits above gave other calls time to run.
      requireClient(vault.db, photo.client_id);
      checkTreatmentLink(vault.db, photo.client_id, photo.treatment_id);
      // While the staged row exists so does its file (they are destroyed together), and
      // once the row is gone nothing else destroys the file: keeping it is safe.
      const claimed = vault.db
        .prepare('DELETE FROM staged_uploads WHERE id = ? AND created_by = ?')
        .run(upload.id, session.staff.id);
      if (claimed.changes !== 1)
        throw new AppError('NOT_FOUND', 'That upload has already been used or has expired.');
      // A photo's key is sealed under the clinical key (docs/clinical-sealing.md), the kept staged file's too.
      vault.files.setClinical(photo.file_id, true);
      insertPhotoRow(vault.db, photo, vault.keys);
      recordInteraction(vault.db, photo.client_id, now);
      vault.audit.append({
        staffId: session.staff.id,
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
  return toSummary(row, thumbnail, allowedPhotoScopes(vault.db, row.client_id));
}

export async function listPhotos(ctx: SignedInContext, clientId: string): Promise<PhotoSummary[]> {
  const { vault, session } = ctx;
  requireClient(vault.db, clientId);
  const rows = listPhotoRows(vault.db, clientId, vault.keys);
  const summaries: PhotoSummary[] = [];
  const allowed = allowedPhotoScopes(vault.db, clientId);
  for (const row of rows) summaries.push(toSummary(row, await vault.files.readToBuffer(row.thumb_file_id), allowed));
  vault.audit.append({
    staffId: session.staff.id,
    action: 'client.photos_viewed',
    subjectType: 'client',
    subjectId: clientId,
    detail: { count: rows.length },
  });
  return summaries;
}

export async function getPhoto(ctx: SignedInContext, photoId: string): Promise<PhotoImage> {
  const { vault, session } = ctx;
  const row = getPhotoRow(vault.db, photoId, vault.keys);
  const [image, thumbnail] = [
    await vault.files.readToBuffer(row.file_id),
    await vault.files.readToBuffer(row.thumb_file_id),
  ];
  vault.audit.append({
    staffId: session.staff.id,
    action: 'photo.viewed',
    subjectType: 'photo',
    subjectId: row.id,
    detail: { clientId: row.client_id },
  });
  return { photo: toSummary(row, thumbnail, allowedPhotoScopes(vault.db, row.client_id)), imageDataUrl: dataUrl(row.media_type, image) };
}

const UPDATABLE = ['treatmentId', 'area', 'stage', 'consentScopes', 'consentReference'] as const;

export async function updatePhoto(ctx: SignedInContext, input: UpdateInput): Promise<PhotoSummary> {
  const { vault, session, core } = ctx;
  const before = getPhotoRow(vault.db, input.photoId, vault.keys);
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
  vault.db.transaction(() => {
    checkTreatmentLink(vault.db, next.client_id, next.treatment_id);
    const sealed = storedPhotoText(vault.keys, next);
    vault.db
      .prepare(
        `UPDATE photos SET treatment_id = ?, area = ?, stage = ?, consent_scopes = ?, consent_reference = ?
         WHERE id = ?`,
      )
      .run(next.treatment_id, sealed.area, next.stage, next.consent_scopes, sealed.consent_reference, next.id);
    // A change to what the client consented to is an interaction with them (retention).
    recordInteraction(vault.db, next.client_id, core.clock.now().toISOString());
    vault.audit.append({
      staffId: session.staff.id,
      action: 'photo.updated',
      subjectType: 'photo',
      subjectId: next.id,
      detail: { clientId: next.client_id, fields: changed },
    });
  })();
  return toSummary(next, await vault.files.readToBuffer(next.thumb_file_id), allowedPhotoScopes(vault.db, next.client_id));
}
