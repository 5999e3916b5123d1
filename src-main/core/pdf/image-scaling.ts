/**
 * Photos scaled for print before they go into a PDF. A 4 MB camera JPEG is far
 * more than a page needs: an A4 page printed at 150-200 dpi is ~1600 px on its
 * long side, so a photo is resized to fit 1600 px and re-encoded at JPEG
 * quality 80 (about a tenth of the bytes). Keeping the embedded images small
 * is what keeps a 100-photo pack fast and its memory flat (bench/pdf.ts).
 */
import sharp from 'sharp';

export interface ScaledImage {
  data: Buffer;
  width: number;
  height: number;
}

export const PRINT_LONG_SIDE_PX = 1600;
export const PRINT_JPEG_QUALITY = 80;

/** Any image sharp reads (JPEG, PNG, WebP, TIFF) → a JPEG no larger than 1600 px, turned upright from its EXIF. */
export async function scaleImageForPrint(input: Buffer, longSide: number = PRINT_LONG_SIDE_PX): Promise<ScaledImage> {
  // JPEG shrink-on-load does the first halving while decoding; what is left is
  // a small step (2000 → 1600 px), where linear filtering looks the same in
  // print as lanczos and costs about half the time (bench/pdf.ts).
  const { data, info } = await sharp(input, { failOn: 'error', sequentialRead: true })
    .rotate()
    .resize({ width: longSide, height: longSide, fit: 'inside', withoutEnlargement: true, kernel: 'linear' })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: PRINT_JPEG_QUALITY, mozjpeg: false })
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}
