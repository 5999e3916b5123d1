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
  const { data, info } = await sharp(input, { failOn: 'error' })
    .rotate()
    .resize({ width: longSide, height: longSide, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: PRINT_JPEG_QUALITY, mozjpeg: false })
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}
