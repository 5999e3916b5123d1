/**
 * What staging an upload needs from whoever turns a staged JPEG into a photo
 * preview (photos/staged-photo-previews.ts implements it; the open vault holds
 * one). Staging starts the preview while the bytes stream by and files it
 * under the upload; photos.import takes it. The port lives here, below both
 * folders, so uploads/ never imports photos/ (docs/core-structure.md).
 */
export interface StagedPreviews {
  /** Starts preparing the preview of a JPEG's stored bytes, now (photos decode on sharp's threads). */
  start(storedJpeg: Buffer): Promise<unknown>;
  /** Files a started preview under the upload and its file, for the import that claims them. */
  keep(uploadId: string, fileId: string, preview: Promise<unknown>): void;
  /** Drops the preview of an upload that was claimed by another use, discarded or expired. */
  forget(uploadId: string): void;
}
