/**
 * Staging an upload: the bytes of a photo or scanned form, streamed from the UI or
 * the CLI straight into the encrypted file store, then claimed by the call that
 * uses them (photos.import, a treatment's consent form). Until claimed they
 * belong to the member of staff who sent them and nobody else; unclaimed ones
 * are destroyed after an hour and when the vault locks.
 *
 * The type of a file is sniffed here, from its first plaintext bytes as they go
 * into the store, and kept as the file's media type. The stored blob is
 * authenticated, so the bytes a claim relies on are the bytes that were sniffed,
 * and claiming needs no decryption: it can run inside the caller's transaction.
 *
 * A JPEG's metadata (EXIF with GPS, XMP, IPTC, comments, trailers) is stripped
 * here, as the bytes stream through, by the same rules as photos.import
 * (uploads/jpeg-strip.ts): it never reaches the disk, even encrypted, and the
 * staged file is already the picture photos.import keeps. A JPEG whose structure
 * the strip cannot follow is still staged, the rest of its bytes as they came
 * (photos.import refuses it; see JpegFilterOptions.onBadStructure). The limit
 * applies to the bytes as sent; the staged size is the size kept.
 */

import type { UploadReceipt } from '../../contract/record-types';
import { newId } from '../platform/ids';
import type { ServiceContext } from '../service/service-context';
import { cleaned } from './jpeg-cleaning';
import { discardStaleUploads } from './staged-uploads';
import { SNIFF_BYTES, sniff } from './sniff';
import { fileTooLarge } from './upload-errors';
import { cleanFileName } from './upload-file-name';
import { type UploadSource, asBuffer, peekHead } from './upload-source';

/** Unclaimed uploads older than this are destroyed whenever another is staged. */
export const STAGED_UPLOAD_TTL_MS = 60 * 60 * 1000;

/** The clinic's upload limit in bytes (Settings → maxUploadMB). */
export function maxUploadBytes(ctx: Pick<ServiceContext, 'settings'>): number {
  return ctx.settings.getClinic().maxUploadMB * 1024 * 1024;
}

/** Streams the source into the file store as a staged upload of the signed-in member. */
export async function stageUpload(
  ctx: ServiceContext,
  source: UploadSource,
  meta: { fileName: string },
): Promise<UploadReceipt> {
  const fileName = cleanFileName(meta?.fileName);
  const maxBytes = maxUploadBytes(ctx);
  const now = ctx.clock.now();
  try {
    await discardStaleUploads(ctx, new Date(now.getTime() - STAGED_UPLOAD_TTL_MS).toISOString());
  } catch (err) {
    // Housekeeping must not stop the upload in hand; the next lock tries again.
    ctx.logger.warn('stale upload clean-up failed', {
      error: err instanceof Error ? err.message : String(err),
    });
  }

  // A JPEG's decode and thumbnail start as soon as all its bytes have gone by.
  const picture: { preview: Promise<unknown> | null } = { preview: null };
  const onPicture = (bytes: Buffer) => {
    picture.preview = ctx.stagedPreviews.start(bytes);
  };
  // Sealed from the start when the sender holds the clinical key: most of what
  // practitioners stage is photos, and a copy of the vault folder taken while one
  // waits to be claimed must not open it with the database key alone. The claim
  // settles it for the file's use (claimStagedUpload's `clinical`).
  const clinical = ctx.keys.clinical !== null;
  let stored;
  if (source instanceof Uint8Array) {
    const bytes = asBuffer(source);
    if (bytes.length > maxBytes) throw fileTooLarge(maxBytes);
    const { mediaType } = sniff(bytes.subarray(0, SNIFF_BYTES));
    stored = await ctx.files.write(cleaned(mediaType, bytes, ctx.logger, onPicture), {
      mediaType,
      createdBy: ctx.actor.id,
      maxBytes,
      clinical,
    });
  } else {
    const peeked = await peekHead(source, maxBytes);
    try {
      const { mediaType } = sniff(peeked.head);
      stored = await ctx.files.write(cleaned(mediaType, peeked.body, ctx.logger, onPicture), {
        mediaType,
        createdBy: ctx.actor.id,
        maxBytes,
        clinical,
      });
    } finally {
      // Not awaited: a source stalled mid-read would hold the answer back until it woke.
      void peeked.close();
    }
  }

  const id = newId('up');
  try {
    ctx.db
      .prepare(
        `INSERT INTO staged_uploads (id, file_id, file_name, size, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(id, stored.id, fileName, stored.size, now.toISOString(), ctx.actor.id);
  } catch (err) {
    await ctx.files.delete(stored.id).catch(() => undefined);
    throw err;
  }
  if (picture.preview) ctx.stagedPreviews.keep(id, stored.id, picture.preview);
  return { uploadId: id, size: stored.size };
}
