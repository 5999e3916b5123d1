/**
 * A JPEG's metadata (EXIF with GPS, XMP, IPTC, comments, trailers) stripped as
 * the bytes stream into the file store, by the same rules as photos.import
 * (jpeg-strip.ts), and the stored bytes gathered so the photo preview can
 * start without reading them back (stage-upload.ts).
 */
import type { Logger } from '../platform/ports';
import { JpegSegmentFilter, stripJpegStream } from './jpeg-strip';

/**
 * A stripped JPEG larger than this is not kept in memory for its preview (the
 * import reads it back instead). Far above any camera's photo; it only bounds
 * memory when the clinic's upload limit is set high.
 */
const PREVIEW_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Gathers the bytes a JPEG is stored as, while they stream to the encryptor,
 * so its preview (photos/staged-photo-previews.ts, through service/staged-previews.ts) needs no read-back.
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
export function cleaned<T extends Buffer | AsyncIterable<Buffer>>(
  mediaType: string,
  body: T,
  logger: Logger,
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
