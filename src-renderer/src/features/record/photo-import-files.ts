import { PHOTO_STAGES, type PhotoStage } from '../../../../src-main/contract/record-types';
import { STAGE_LABELS } from './photo-labels';

type FileStatus = 'ready' | 'uploading' | 'saving' | 'done' | 'failed';

export interface PendingFile {
  key: number;
  file: File;
  stage: PhotoStage;
  /** As typed: DD/MM/YYYY. */
  takenOn: string;
  status: FileStatus;
  progress: number;
  error: string | null;
  /** A small data: URL preview, where the browser can read the format. */
  preview: string | null;
}

export const STAGE_OPTIONS = PHOTO_STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }));
const PREVIEW_PX = 112;

/**
 * A small square preview drawn on a canvas, as a data: URL. Not a blob: URL:
 * those are fetched like connections by some tools, and the CSP allows
 * connections to the app only. Null when the browser cannot read the file
 * (HEIC, or not a photo at all): the app decides that on import.
 */
export async function previewOf(file: File): Promise<string | null> {
  if (!file.type.startsWith('image/')) return null;
  let bitmap: ImageBitmap | null = null;
  try {
    bitmap = await createImageBitmap(file);
    const side = Math.min(bitmap.width, bitmap.height);
    const canvas = document.createElement('canvas');
    canvas.width = PREVIEW_PX;
    canvas.height = PREVIEW_PX;
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    ctx.drawImage(
      bitmap,
      (bitmap.width - side) / 2,
      (bitmap.height - side) / 2,
      side,
      side,
      0,
      0,
      PREVIEW_PX,
      PREVIEW_PX,
    );
    return canvas.toDataURL('image/jpeg', 0.8);
  } catch {
    return null;
  } finally {
    bitmap?.close();
  }
}

export function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
