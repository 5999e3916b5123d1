/**
 * Photos prepared while they were being staged, waiting for photos.import.
 *
 * A JPEG's plaintext passes through memory on its way into the file store (its
 * metadata already stripped, uploads/stage-upload.ts), so its full decode and
 * thumbnail start right there, on sharp's threads, while the staged file is
 * still being made durable. The import that claims the upload then has nothing
 * to read back, decrypt or decode: on a 2-core front-desk PC that is what lets
 * a folder of 4 MB photos go in at over 20 a second (bench/photo-import.ts).
 *
 * A preview is of exactly the bytes stored (the bytes that were fed to the
 * encryptor) and is filed under both the upload and the file id, so only the
 * import of that upload, by its owner (checked before take), can use it. It
 * lives in memory only while the vault is open. Anything not found here (the
 * store is full, or the upload came from before a restart) is prepared from
 * the staged file instead, with the same result.
 */
import type { StagedPreviews } from '../service/staged-previews';
import { preparePhoto, type PreparedPhoto } from './image-processing';

/** A prepared photo without its pieces: the staged file is the picture, so the bytes are not held. */
export type StagedPhotoPreview = Omit<PreparedPhoto, 'pieces'>;

/** Null when staging's preparation cannot stand for photos.import's (then the import prepares its own). */
type PreviewResult = Promise<StagedPhotoPreview | null>;

/**
 * Enough for a large drop of photos staged ahead of their imports. A preview
 * still decoding holds its photo (a few MB); a finished one holds a ~30 KB thumbnail.
 */
const CAPACITY = 48;

export class StagedPhotoPreviews implements StagedPreviews {
  private readonly entries = new Map<string, { fileId: string; preview: PreviewResult }>();

  /** Staging's hook (service/staged-previews.ts): the preview photos.import would prepare, started now. */
  start(storedJpeg: Buffer): PreviewResult {
    return previewStagedJpeg(storedJpeg);
  }

  keep(uploadId: string, fileId: string, preview: PreviewResult): void {
    // A rejection is the import's to report (NOT_AN_IMAGE); until then it must not crash the process.
    preview.catch(() => undefined);
    if (this.entries.size >= CAPACITY) {
      // The oldest goes (Maps iterate in insertion order); its import prepares from the file.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(uploadId, { fileId, preview });
  }

  /** The preview for this upload of this file, removed as it is taken; null if there is none. */
  take(uploadId: string, fileId: string): PreviewResult | null {
    const entry = this.entries.get(uploadId);
    if (!entry) return null;
    this.entries.delete(uploadId);
    return entry.fileId === fileId ? entry.preview : null;
  }

  forget(uploadId: string): void {
    this.entries.delete(uploadId);
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * The previews photos.import can take from a service context's store: the
 * open vault always holds a StagedPhotoPreviews; any other store (a test's
 * stand-in) has none, and the import prepares the photo from its file.
 */
export function photoPreviewsOf(store: StagedPreviews): StagedPhotoPreviews | null {
  return store instanceof StagedPhotoPreviews ? store : null;
}

/**
 * What photos.import would prepare from this staged JPEG, started now. Null if
 * stripping it again would change it (it then cannot be kept as it is, and the
 * import prepares it the usual way); rejects with NotAnImageError if it is not
 * a readable picture.
 */
export function previewStagedJpeg(bytes: Buffer): PreviewResult {
  const pending = preparePhoto(bytes, 'image/jpeg').then(({ pieces: _views, ...preview }) =>
    preview.unchanged ? preview : null,
  );
  pending.catch(() => undefined);
  return pending;
}
