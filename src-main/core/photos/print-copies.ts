/**
 * Print-size copies of photos (migration 0023): a 1000 px JPEG of each photo,
 * encrypted in the file store with a clinical key like the photo itself, for
 * the subject-access pack's PDF. A page draws a photo at most 481 x 360 pt, so
 * 1000 px on the long side is 150 dpi there; the pack embeds the copy as it is
 * and decodes no original (bench/access-pack.ts: about 50 ms a 4 MB original).
 *
 * Made at import from the same decode as the thumbnail (image-processing.ts),
 * or later by print-copy-job.ts for photos held from before. The row goes with
 * its photo (ON DELETE CASCADE); the file is destroyed with the photo's other
 * files (destruction/client-scope.ts clinicalFileIds).
 */
import sharp from 'sharp';
import type { Db } from '../db/types';
import type { FileStore } from '../files/file-store';

export const PRINT_COPY_LONG_SIDE_PX = 1000;
export const PRINT_COPY_QUALITY = 80;

export interface PrintCopy {
  jpeg: Buffer;
  width: number;
  height: number;
}

/** Encodes decoded pixels (already upright and no larger than PRINT_COPY_LONG_SIDE_PX) as the print copy. */
export async function encodePrintCopy(pixels: Buffer, raw: { width: number; height: number; channels: 1 | 2 | 3 | 4 }): Promise<PrintCopy> {
  const { data, info } = await sharp(pixels, { raw })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: PRINT_COPY_QUALITY })
    .toBuffer({ resolveWithObject: true });
  return { jpeg: data, width: info.width, height: info.height };
}

/** A print copy made from a stored photo (the job's path; import makes it from the thumbnail's decode). */
export async function printCopyOf(image: Buffer): Promise<PrintCopy> {
  // 100 megapixels: image-processing.ts's MAX_PIXELS (not imported: that file imports this one).
  const { data, info } = await sharp(image, { failOn: 'error', sequentialRead: true, limitInputPixels: 100_000_000 })
    .autoOrient()
    .resize({ width: PRINT_COPY_LONG_SIDE_PX, height: PRINT_COPY_LONG_SIDE_PX, fit: 'inside', withoutEnlargement: true, kernel: 'linear' })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: PRINT_COPY_QUALITY })
    .toBuffer({ resolveWithObject: true });
  return { jpeg: data, width: info.width, height: info.height };
}

/** Records a stored copy for a photo, inside the caller's transaction. False if the photo has gone or already has one. */
export function insertPrintCopyRow(db: Db, row: { photoId: string; fileId: string; width: number; height: number; createdAt: string }): boolean {
  const photo = db.prepare('SELECT 1 FROM photos WHERE id = ?').get(row.photoId);
  if (!photo) return false;
  return (
    db
      .prepare('INSERT OR IGNORE INTO photo_print_copies (photo_id, file_id, width, height, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(row.photoId, row.fileId, row.width, row.height, row.createdAt).changes === 1
  );
}

/** The print copies of a client's photos, by photo id. */
export function printCopyFileIds(db: Db, clientId: string): Map<string, string> {
  const rows = db
    .prepare('SELECT c.photo_id, c.file_id FROM photo_print_copies c JOIN photos p ON p.id = c.photo_id WHERE p.client_id = ?')
    .all(clientId) as { photo_id: string; file_id: string }[];
  return new Map(rows.map((r) => [r.photo_id, r.file_id]));
}

/**
 * Stores a copy made outside import (the job, or a pack that had to scale the
 * original): the file is written, then recorded in one transaction that checks
 * the photo is still there. If it has gone (destroyed meanwhile) or another
 * copy won the race, the file just written is deleted again. Returns whether
 * this copy was kept.
 */
export async function storePrintCopy(
  db: Db,
  files: FileStore,
  o: { photoId: string; copy: PrintCopy; createdBy: string; now: () => Date },
): Promise<boolean> {
  const file = await files.write(o.copy.jpeg, { mediaType: 'image/jpeg', createdBy: o.createdBy, clinical: true });
  const kept = db.transaction(() =>
    insertPrintCopyRow(db, { photoId: o.photoId, fileId: file.id, width: o.copy.width, height: o.copy.height, createdAt: o.now().toISOString() }),
  )();
  if (!kept) await files.delete(file.id);
  return kept;
}
