/**
 * Staged uploads: the bytes of a photo or scanned form, streamed from the UI or
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
 * (photos/jpeg-strip.ts): it never reaches the disk, even encrypted, and the
 * staged file is already the picture photos.import keeps. A JPEG whose structure
 * the strip cannot follow is still staged, the rest of its bytes as they came
 * (photos.import refuses it; see JpegFilterOptions.onBadStructure). The limit
 * applies to the bytes as sent; the staged size is the size kept.
 */
import type { Readable } from 'node:stream';
import { AppError, type FieldIssue } from '../../contract/errors';
import type { UploadReceipt } from '../../contract/record-types';
import { withoutUnsafeLineCharacters } from '../../contract/text-rules';
import type { SignedInContext } from '../handler-types';
import { newId } from '../platform/ids';
import { JpegSegmentFilter, stripJpegStream } from '../photos/jpeg-strip';
import { previewStagedJpeg } from '../photos/staged-photo-previews';
import type { OpenVault } from '../vault/open-vault';
import { SNIFF_BYTES, type SniffedKind, kindOfMediaType, sniff } from './sniff';
import { fileTooLarge } from './upload-errors';

export { fileTooLarge };

/** Unclaimed uploads older than this are destroyed whenever another is staged. */
export const STAGED_UPLOAD_TTL_MS = 60 * 60 * 1000;

const MAX_FILE_NAME = 255;
export type UploadSource = Readable | Buffer | Uint8Array | AsyncIterable<Uint8Array>;

interface StagedRow {
  id: string;
  file_id: string;
  file_name: string;
  size: number;
  created_at: string;
  created_by: string;
}

/** The clinic's upload limit in bytes (Settings → maxUploadMB). */
export function maxUploadBytes(vault: OpenVault): number {
  return vault.settings.getClinic().maxUploadMB * 1024 * 1024;
}

/** Keeps only the last path segment, without control characters: a label, never a path. */
function cleanFileName(name: unknown): string {
  if (typeof name !== 'string' || name.length > MAX_FILE_NAME) {
    throw new AppError('VALIDATION', 'The file name is missing or too long.', {
      issues: [{ field: 'fileName', message: `Use a file name of at most ${MAX_FILE_NAME} characters.` }],
    });
  }
  const last = name.split(/[\\/]/).pop() ?? '';
  // Control characters (newlines, escapes) could forge lines in a CLI listing or a log, and a
  // right-to-left override makes "photo\u202egpj.exe" show as "photoexe.jpg" (docs/text-hygiene.md).
  const base = withoutUnsafeLineCharacters(last);
  return base.trim() || 'upload';
}

function asBuffer(piece: unknown): Buffer {
  if (Buffer.isBuffer(piece)) return piece;
  if (piece instanceof Uint8Array) return Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
  throw new TypeError('upload sources must yield bytes');
}

/** Counts as it goes and stops at the first piece over the limit, before reading any further. */
async function* limited(source: AsyncIterable<unknown>, maxBytes: number): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const piece of source) {
    const data = asBuffer(piece);
    total += data.length;
    if (total > maxBytes) throw fileTooLarge(maxBytes);
    yield data;
  }
}

/**
 * Reads just enough of a stream to sniff its type, then hands back a stream of
 * the whole file (head included). `close` ends the source if the write never
 * got as far as reading it all.
 */
async function peekHead(source: AsyncIterable<unknown>, maxBytes: number) {
  const it = limited(source, maxBytes);
  const buffered: Buffer[] = [];
  let have = 0;
  let ended = false;
  try {
    while (have < SNIFF_BYTES) {
      const step = await it.next();
      if (step.done) {
        ended = true;
        break;
      }
      buffered.push(step.value);
      have += step.value.length;
    }
  } catch (err) {
    await it.return(undefined).catch(() => undefined);
    throw err;
  }
  async function* body(): AsyncGenerator<Buffer> {
    yield* buffered;
    if (!ended) yield* it;
  }
  return {
    head: Buffer.concat(buffered).subarray(0, SNIFF_BYTES),
    body: body(),
    close: () =>
      it.return(undefined).then(
        () => undefined,
        () => undefined,
      ),
  };
}

/**
 * A stripped JPEG larger than this is not kept in memory for its preview (the
 * import reads it back instead). Far above any camera's photo; it only bounds
 * memory when the clinic's upload limit is set high.
 */
const PREVIEW_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Gathers the bytes a JPEG is stored as, while they stream to the encryptor,
 * so its preview (photos/staged-photo-previews.ts) needs no read-back.
 */
class PictureBytes {
  private readonly pieces: Buffer[] = [];
  private total = 0;
  private overflowed = false;

  /** `borrowed`: the piece's buffer may be reused by its source, so it is copied. */
  add(piece: Buffer, borrowed: boolean): void {
    if (this.overflowed) return;
    this.total += piece.length;
    if (this.total > PREVIEW_MAX_BYTES) {
      this.overflowed = true;
      this.pieces.length = 0;
      return;
    }
    this.pieces.push(borrowed ? Buffer.from(piece) : piece);
  }

  whole(): Buffer | null {
    return this.overflowed ? null : Buffer.concat(this.pieces, this.total);
  }
}

/**
 * What goes into the store for a file of this type: a JPEG without its
 * metadata, anything else as it is. Once a JPEG has streamed through cleanly,
 * `onPicture` gets its stored bytes whole (before they are durable: the
 * caller uses them only if the write succeeds).
 */
function cleaned<T extends Buffer | AsyncIterable<Buffer>>(
  mediaType: string,
  body: T,
  logger: SignedInContext['core']['logger'],
  onPicture: (bytes: Buffer) => void,
): T | AsyncGenerator<Buffer> {
  if (mediaType !== 'image/jpeg') return body;
  const borrowed = !Buffer.isBuffer(body);
  // Buffers the source lends us are reused once it is asked for more: held header segments are copied.
  const filter = new JpegSegmentFilter({ orientation: 'auto', onBadStructure: 'pass', copyHeld: borrowed });
  const picture = new PictureBytes();
  return (async function* () {
    for await (const piece of stripJpegStream(Buffer.isBuffer(body) ? [body] : body, filter)) {
      picture.add(piece, borrowed);
      yield piece;
    }
    if (filter.failure) {
      logger.info('staged JPEG not stripped', { reason: filter.failure.message });
      return;
    }
    const bytes = picture.whole();
    if (bytes) onPicture(bytes);
  })();
}

/** Streams the source into the file store as a staged upload of the signed-in member. */
export async function stageUpload(
  ctx: SignedInContext,
  source: UploadSource,
  meta: { fileName: string },
): Promise<UploadReceipt> {
  const { vault, session, core } = ctx;
  const fileName = cleanFileName(meta?.fileName);
  const maxBytes = maxUploadBytes(vault);
  const now = core.clock.now();
  try {
    await discardStaleUploads(vault, new Date(now.getTime() - STAGED_UPLOAD_TTL_MS).toISOString());
  } catch (err) {
    // Housekeeping must not stop the upload in hand; the next lock tries again.
    core.logger.warn('stale upload clean-up failed', {
      error: err instanceof Error ? err.message : String(err),
    });
  }

  // A JPEG's decode and thumbnail start as soon as all its bytes have gone by.
  const picture: { preview: ReturnType<typeof previewStagedJpeg> | null } = { preview: null };
  const onPicture = (bytes: Buffer) => {
    picture.preview = previewStagedJpeg(bytes);
  };
  // Sealed from the start when the sender holds the clinical key: most of what
  // practitioners stage is photos, and a copy of the vault folder taken while one
  // waits to be claimed must not open it with the database key alone. The claim
  // settles it for the file's use (claimStagedUpload's `clinical`).
  const clinical = vault.keys.clinical !== null;
  let stored;
  if (source instanceof Uint8Array) {
    const bytes = asBuffer(source);
    if (bytes.length > maxBytes) throw fileTooLarge(maxBytes);
    const { mediaType } = sniff(bytes.subarray(0, SNIFF_BYTES));
    stored = await vault.files.write(cleaned(mediaType, bytes, core.logger, onPicture), {
      mediaType,
      createdBy: session.staff.id,
      maxBytes,
      clinical,
    });
  } else {
    const peeked = await peekHead(source, maxBytes);
    try {
      const { mediaType } = sniff(peeked.head);
      stored = await vault.files.write(cleaned(mediaType, peeked.body, core.logger, onPicture), {
        mediaType,
        createdBy: session.staff.id,
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
    vault.db
      .prepare(
        `INSERT INTO staged_uploads (id, file_id, file_name, size, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(id, stored.id, fileName, stored.size, now.toISOString(), session.staff.id);
  } catch (err) {
    await vault.files.delete(stored.id).catch(() => undefined);
    throw err;
  }
  if (picture.preview) vault.stagedPreviews.keep(id, stored.id, picture.preview);
  return { uploadId: id, size: stored.size };
}

/** The signed-in member's own staged upload, or NOT_FOUND (another member's is not even acknowledged). */
export function ownStagedUpload(ctx: SignedInContext, uploadId: string): StagedRow {
  const row = ctx.vault.db.prepare('SELECT * FROM staged_uploads WHERE id = ?').get(uploadId) as
    StagedRow | undefined;
  if (!row || row.created_by !== ctx.session.staff.id) {
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
  ctx: SignedInContext,
  uploadId: string,
  /**
   * `clinical`: the use is part of the clinical record (a treatment's consent form,
   * photo or treatment consent evidence), so the file's key is sealed under the
   * clinical key; otherwise (marketing consent evidence) it stays under the database key.
   */
  opts: { allow: ('pdf' | 'image')[]; field?: string; clinical: boolean },
): { fileId: string; mediaType: string } {
  const row = ownStagedUpload(ctx, uploadId);
  const { mediaType } = ctx.vault.files.info(row.file_id);
  const kind = kindOfMediaType(mediaType);
  if (!kind || !opts.allow.includes(kind)) {
    const message = wrongTypeMessage(opts.allow);
    const issues: FieldIssue[] = [{ field: opts.field ?? 'uploadId', message }];
    throw new AppError('VALIDATION', message, { issues });
  }
  ctx.vault.files.setClinical(row.file_id, opts.clinical);
  ctx.vault.db.prepare('DELETE FROM staged_uploads WHERE id = ?').run(row.id);
  ctx.vault.stagedPreviews.forget(row.id);
  return { fileId: row.file_id, mediaType };
}

/**
 * Destroys staged uploads: each staged row, then its file row (and with it the
 * file's key), all in one transaction that runs before this returns; only the
 * removal of the (by then unreadable) blobs continues after that.
 */
function destroy(vault: OpenVault, rows: Pick<StagedRow, 'id' | 'file_id'>[]): Promise<void> {
  const removeStaged = vault.db.prepare('DELETE FROM staged_uploads WHERE id = ?');
  const blobsGone = vault.db.transaction(() =>
    rows.map((row) => {
      removeStaged.run(row.id);
      vault.stagedPreviews.forget(row.id);
      // FileStore.delete drops the row before its first await, so inside this transaction.
      return vault.files.delete(row.file_id).catch((err: unknown) => {
        if (!(err instanceof AppError && err.code === 'NOT_FOUND')) throw err;
      });
    }),
  )();
  return Promise.all(blobsGone).then(() => undefined);
}

/** Destroys one staged upload whoever it belongs to (the caller has checked); see destroy. */
export function destroyStagedUpload(
  vault: OpenVault,
  upload: { id: string; file_id: string },
): Promise<void> {
  return destroy(vault, [upload]);
}

/** uploads.discard: the member's own staged upload, file and row. */
export async function discardStagedUpload(ctx: SignedInContext, uploadId: string): Promise<void> {
  await destroy(ctx.vault, [ownStagedUpload(ctx, uploadId)]);
}

/**
 * Destroys every staged upload created before `olderThanIso` (pass the current
 * time, plus a millisecond, to destroy them all, as on sign-in and lock). The
 * database work is finished before the promise is returned, so a caller about
 * to close the vault (locking) may close it straight away; the promise settles
 * when the blobs are gone too. Resolves to how many uploads went.
 */
export function discardStaleUploads(vault: OpenVault, olderThanIso: string): Promise<number> {
  const rows = vault.db
    .prepare('SELECT id, file_id FROM staged_uploads WHERE created_at < ?')
    .all(olderThanIso) as Pick<StagedRow, 'id' | 'file_id'>[];
  if (rows.length === 0) return Promise.resolve(0);
  return destroy(vault, rows).then(() => rows.length);
}
