/**
 * Staged uploads waiting to be claimed (stage-upload.ts puts them here): each
 * belongs to the member of staff who sent it and nobody else until the call
 * that uses it (photos.import, a treatment's consent form, consent evidence)
 * claims it; unclaimed ones are destroyed after an hour and when the vault locks.
 * Claiming needs no decryption (the stored blob is authenticated, so its
 * sniffed type still holds), so it can run inside the caller's transaction.
 */
import { AppError, type FieldIssue } from '../../contract/errors';
import type { ServiceContext } from '../service/service-context';
import { type SniffedKind, kindOfMediaType } from './sniff';

/** What destroying staged uploads touches: the rows, the file store and the previews (an open vault fits). */
type StagingStore = Pick<ServiceContext, 'db' | 'files' | 'stagedPreviews'>;

export interface StagedRow {
  id: string;
  file_id: string;
  file_name: string;
  size: number;
  created_at: string;
  created_by: string;
}

/** The signed-in member's own staged upload, or NOT_FOUND (another member's is not even acknowledged). */
export function ownStagedUpload(ctx: Pick<ServiceContext, 'db' | 'actor'>, uploadId: string): StagedRow {
  const row = ctx.db.prepare('SELECT * FROM staged_uploads WHERE id = ?').get(uploadId) as
    StagedRow | undefined;
  if (!row || row.created_by !== ctx.actor.id) {
    throw new AppError(
      'NOT_FOUND',
      'That upload could not be found. It may have expired: choose the file again.',
    );
  }
  return row;
}

function wrongTypeMessage(allow: readonly SniffedKind[]): string {
  if (allow.includes('pdf') && allow.includes('image')) {
    return 'That file is not a PDF or an image. Choose a PDF, JPEG, PNG, HEIC or WebP file.';
  }
  if (allow.includes('pdf')) return 'That file is not a PDF. Choose a PDF file.';
  return 'That file is not an image. Choose a JPEG, PNG, HEIC or WebP file.';
}

/**
 * Takes a staged upload for the caller to link (a treatment's consent form):
 * checks it is the signed-in member's, that its bytes are one of the allowed
 * kinds, and removes the staged row. Synchronous, so call it inside the
 * transaction that links the file: if that rolls back, the upload stays staged.
 * A wrong type leaves the upload staged too (it expires, or uploads.discard).
 */
export function claimStagedUpload(
  ctx: Pick<ServiceContext, 'db' | 'actor' | 'files' | 'stagedPreviews'>,
  uploadId: string,
  /**
   * `clinical`: the use is part of the clinical record (a treatment's consent form,
   * photo or treatment consent evidence), so the file's key is sealed under the
   * clinical key; otherwise (marketing consent evidence) it stays under the database key.
   */
  opts: { allow: ('pdf' | 'image')[]; field?: string; clinical: boolean },
): { fileId: string; mediaType: string } {
  const row = ownStagedUpload(ctx, uploadId);
  const { mediaType } = ctx.files.info(row.file_id);
  const kind = kindOfMediaType(mediaType);
  if (!kind || !opts.allow.includes(kind)) {
    const message = wrongTypeMessage(opts.allow);
    const issues: FieldIssue[] = [{ field: opts.field ?? 'uploadId', message }];
    throw new AppError('VALIDATION', message, { issues });
  }
  ctx.files.setClinical(row.file_id, opts.clinical);
  ctx.db.prepare('DELETE FROM staged_uploads WHERE id = ?').run(row.id);
  ctx.stagedPreviews.forget(row.id);
  return { fileId: row.file_id, mediaType };
}

/**
 * Destroys staged uploads: each staged row, then its file row (and with it the
 * file's key), all in one transaction that runs before this returns; only the
 * removal of the (by then unreadable) blobs continues after that.
 */
function destroy(store: StagingStore, rows: Pick<StagedRow, 'id' | 'file_id'>[]): Promise<void> {
  const removeStaged = store.db.prepare('DELETE FROM staged_uploads WHERE id = ?');
  const blobsGone = store.db.transaction(() =>
    rows.map((row) => {
      removeStaged.run(row.id);
      store.stagedPreviews.forget(row.id);
      // FileStore.delete drops the row before its first await, so inside this transaction.
      return store.files.delete(row.file_id).catch((err: unknown) => {
        if (!(err instanceof AppError && err.code === 'NOT_FOUND')) throw err;
      });
    }),
  )();
  return Promise.all(blobsGone).then(() => undefined);
}

/** Destroys one staged upload whoever it belongs to (the caller has checked); see destroy. */
export function destroyStagedUpload(
  store: StagingStore,
  upload: { id: string; file_id: string },
): Promise<void> {
  return destroy(store, [upload]);
}

/** uploads.discard: the member's own staged upload, file and row. */
export async function discardStagedUpload(ctx: StagingStore & Pick<ServiceContext, 'actor'>, uploadId: string): Promise<void> {
  await destroy(ctx, [ownStagedUpload(ctx, uploadId)]);
}

/**
 * Destroys every staged upload created before `olderThanIso` (pass the current
 * time, plus a millisecond, to destroy them all, as on sign-in and lock). The
 * database work is finished before the promise is returned, so a caller about
 * to close the vault (locking) may close it straight away; the promise settles
 * when the blobs are gone too. Resolves to how many uploads went.
 */
export function discardStaleUploads(store: StagingStore, olderThanIso: string): Promise<number> {
  const rows = store.db
    .prepare('SELECT id, file_id FROM staged_uploads WHERE created_at < ?')
    .all(olderThanIso) as Pick<StagedRow, 'id' | 'file_id'>[];
  if (rows.length === 0) return Promise.resolve(0);
  return destroy(store, rows).then(() => rows.length);
}
