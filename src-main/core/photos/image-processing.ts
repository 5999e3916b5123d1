/**
 * Turns an uploaded photo into what the vault keeps: the picture without any
 * EXIF, GPS, XMP or IPTC metadata (a phone photo's location is not clinical
 * data and must not ride along into an export or a subject-access response),
 * the right way up, plus a small JPEG thumbnail.
 *
 *  - JPEG: metadata stripped losslessly (jpeg-strip.ts); see there for why.
 *  - PNG, WebP: decoded and re-encoded by sharp, which writes no metadata.
 *  - HEIC: sharp's prebuilt libvips has no HEVC decoder, so heic-decode (libheif
 *    in WebAssembly) decodes it to RGBA and sharp encodes a JPEG (q92). Its
 *    declared size is checked against the pixel limit before anything is decoded,
 *    and the decode runs in a worker thread (heic-decoder.ts).
 *
 * Every picture is fully decoded once, for its thumbnail, with sharp set to fail
 * on truncated or corrupt data, so a damaged file is refused rather than stored.
 * For JPEG that decode runs on sharp's threads while the caller encrypts and
 * writes the stripped picture: the two costs overlap instead of adding up. A
 * JPEG staged through uploads/stage-upload.ts was stripped on its way in, so its
 * strip here changes nothing (`unchanged`) and there is nothing to write at all.
 */
import sharp, { type Sharp } from 'sharp';
import { JpegStructureError, stripJpegIfNeeded } from '../uploads/jpeg-strip';
import { HeicTooLargeError, decodeHeic } from './heic-decoder';
import { PRINT_COPY_LONG_SIDE_PX, type PrintCopy, encodePrintCopy } from './print-copies';

/** Anything that is not a picture we can read; the caller turns it into NOT_AN_IMAGE. */
export class NotAnImageError extends Error {
  override readonly name = 'NotAnImageError';
}

/** A picture over the pixel limit (declared or real): refused, and the person is told why. */
export class PhotoTooLargeError extends NotAnImageError {}

export interface PreparedPhoto {
  /** The cleaned picture, as pieces to be written in order (no extra copy of a large photo). */
  pieces: Buffer[];
  /**
   * The cleaned picture is the input byte for byte (a JPEG stripped as it was
   * staged, see uploads/stage-upload.ts), so the input's stored file can be kept as
   * the picture instead of storing the same bytes again.
   */
  unchanged: boolean;
  mediaType: 'image/jpeg' | 'image/png' | 'image/webp';
  /** As shown, after orientation. */
  width: number;
  height: number;
  /**
   * The thumbnail, made by fully decoding the picture. Rejects with NotAnImageError
   * if the picture does not decode cleanly, so nothing is final until it resolves.
   * It runs on sharp's threads while the caller stores the picture.
   */
  thumbnail: Promise<Buffer>;
  /**
   * The print-size copy (print-copies.ts), from the same decode as the
   * thumbnail: the import stores it beside the thumbnail at little extra cost.
   */
  printCopy: Promise<PrintCopy>;
}

export const THUMBNAIL_SIZE = 320;
export const THUMBNAIL_QUALITY = 80;
export const HEIC_JPEG_QUALITY = 92;
const WEBP_QUALITY = 92;

/**
 * The strictest level: libjpeg's "premature end of data segment" (a file cut
 * short, even one with an end marker patched on) is only a warning, and a
 * clinical photo that does not decode cleanly is refused rather than stored.
 */
const FAIL_ON = 'warning' as const;

/** Photos above 100 megapixels are not from a clinic camera; refusing them bounds memory. */
export const MAX_PIXELS = 100_000_000;

const SHARP_INPUT = { failOn: FAIL_ON, limitInputPixels: MAX_PIXELS, sequentialRead: true } as const;

function asNotAnImage(err: unknown): NotAnImageError {
  if (err instanceof NotAnImageError) return err;
  if (err instanceof JpegStructureError) return new NotAnImageError(err.message, { cause: err });
  if (err instanceof HeicTooLargeError) return new PhotoTooLargeError(err.message, { cause: err });
  // sharp's words for limitInputPixels, checked from the header before it decodes: the same message as HEIC's.
  if (err instanceof Error && err.message.includes('exceeds pixel limit')) return new PhotoTooLargeError('picture too large', { cause: err });
  // sharp and libheif report unreadable input as plain Errors; the detail goes to the log.
  return new NotAnImageError('the picture could not be decoded', { cause: err });
}

/** A promise whose rejection is marked handled, so it cannot crash the process before it is awaited. */
function handled<T>(pending: Promise<T>): Promise<T> {
  pending.catch(() => undefined);
  return pending;
}

/**
 * The thumbnail and the print copy, from ONE decode, started at once. Resizing a
 * JPEG this much lets libjpeg decode at 1/2, 1/4 or 1/8 scale (shrink-on-load),
 * but every block is still entropy-decoded, so truncation and bad data are
 * caught. The picture is decoded to print size (1000 px) once; the thumbnail is
 * made from those pixels, which costs a few milliseconds instead of a second
 * decode of the original (~50 ms for a 4 MB camera JPEG).
 */
function derivativesOf(image: Buffer): Pick<PreparedPhoto, 'thumbnail' | 'printCopy'> {
  const decoded = handled(
    sharp(image, SHARP_INPUT)
      .autoOrient()
      .resize({ width: PRINT_COPY_LONG_SIDE_PX, height: PRINT_COPY_LONG_SIDE_PX, fit: 'inside', withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true })
      .catch((err: unknown) => {
        throw asNotAnImage(err);
      }),
  );
  const raw = (info: { width: number; height: number; channels: number }) => ({
    width: info.width,
    height: info.height,
    channels: info.channels as 1 | 2 | 3 | 4,
  });
  const thumbnail = handled(
    decoded.then(({ data, info }) =>
      sharp(data, { raw: raw(info) })
        .resize({ width: THUMBNAIL_SIZE, height: THUMBNAIL_SIZE, fit: 'inside', withoutEnlargement: true })
        .jpeg({ quality: THUMBNAIL_QUALITY })
        .toBuffer(),
    ),
  );
  const printCopy = handled(decoded.then(({ data, info }) => encodePrintCopy(data, raw(info))));
  return { thumbnail, printCopy };
}

async function prepareJpeg(input: Buffer): Promise<PreparedPhoto> {
  const meta = await sharp(input, SHARP_INPUT).metadata();
  if (meta.format !== 'jpeg' || !meta.width || !meta.height) throw new NotAnImageError('not a readable JPEG');
  const orientation = meta.orientation ?? 1;
  const { pieces, unchanged } = stripJpegIfNeeded(input, orientation);
  const turned = orientation >= 5; // 5-8 swap the sides
  return {
    pieces,
    unchanged,
    mediaType: 'image/jpeg',
    width: turned ? meta.height : meta.width,
    height: turned ? meta.width : meta.height,
    // The original's picture data is the stored one byte for byte, and its EXIF
    // orientation is the one kept, so decoding it gives the same thumbnail and print copy.
    ...derivativesOf(input),
  };
}

async function reencode(pipeline: Sharp, format: 'png' | 'webp' | 'jpeg'): Promise<PreparedPhoto> {
  const encoded =
    format === 'png'
      ? pipeline.png()
      : format === 'webp'
        ? pipeline.webp({ quality: WEBP_QUALITY })
        : pipeline.jpeg({ quality: HEIC_JPEG_QUALITY });
  // sharp writes no metadata unless asked to (keepExif, withMetadata...): nothing carries over.
  const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
  return {
    pieces: [data],
    unchanged: false,
    mediaType: `image/${format}`,
    width: info.width,
    height: info.height,
    ...derivativesOf(data),
  };
}

async function prepareHeic(input: Buffer): Promise<PreparedPhoto> {
  // libheif applies the HEIF rotation and mirror boxes while decoding, so the pixels come out upright.
  const decoded = await decodeHeic(input, MAX_PIXELS);
  const rgba = Buffer.from(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength);
  const pipeline = sharp(rgba, {
    raw: { width: decoded.width, height: decoded.height, channels: 4 },
  }).removeAlpha();
  return reencode(pipeline, 'jpeg');
}

/**
 * Cleans one photo whose type was sniffed from its bytes when it was staged.
 * Throws (or its thumbnail rejects) NotAnImageError for anything that is not a
 * readable picture.
 */
export async function preparePhoto(input: Buffer, sniffedType: string): Promise<PreparedPhoto> {
  try {
    switch (sniffedType) {
      case 'image/jpeg':
        return await prepareJpeg(input);
      case 'image/png':
        return await reencode(sharp(input, SHARP_INPUT).autoOrient(), 'png');
      case 'image/webp':
        return await reencode(sharp(input, SHARP_INPUT).autoOrient(), 'webp');
      case 'image/heic':
        return await prepareHeic(input);
      default:
        throw new NotAnImageError(`not a photo type we read: ${sniffedType}`);
    }
  } catch (err) {
    throw asNotAnImage(err);
  }
}

/** A cleaned photo and its thumbnail, whole (for callers that store pictures outside photos.import). */
export interface ProcessedPhoto {
  image: Buffer;
  mediaType: PreparedPhoto['mediaType'];
  width: number;
  height: number;
  thumbnail: Buffer;
}

/** preparePhoto, waited for in full: one buffer for the picture and the finished thumbnail. */
export async function processPhoto(input: Buffer, sniffedType: string): Promise<ProcessedPhoto> {
  const prepared = await preparePhoto(input, sniffedType);
  const thumbnail = await prepared.thumbnail;
  const { pieces, mediaType, width, height } = prepared;
  return {
    image: pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces),
    mediaType,
    width,
    height,
    thumbnail,
  };
}
