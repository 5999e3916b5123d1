/**
 * Lossless metadata removal for JPEG: the picture's compressed data is copied
 * byte for byte and only the segments that carry metadata are dropped. A phone
 * photo keeps its exact quality (no second generation of JPEG loss on a clinical
 * before/after photo) and the strip costs a scan of the bytes instead of a
 * decode and re-encode, which is what makes bulk imports fast.
 *
 * Kept: the segments needed to show the picture correctly, namely JFIF (APP0),
 * the ICC colour profile (APP2 "ICC_PROFILE") and Adobe's colour-transform flag
 * (APP14 "Adobe"), plus the tables, frame and scans. Dropped: every other APPn
 * (EXIF and GPS, XMP, IPTC/Photoshop, MPF, maker notes), comments, and anything
 * after the end-of-image marker (phone trailers, appended preview pictures).
 * If the picture needs turning (EXIF orientation 2-8), a minimal EXIF holding the
 * orientation tag and nothing else is written, so viewers still show it upright.
 *
 * One rule set, two ways in: JpegSegmentFilter takes the bytes in pieces of any
 * size (an upload as it streams in, so GPS and the rest never reach the disk, even
 * encrypted) and stripJpegSegments runs the same filter over a whole buffer. Both
 * give the same bytes for the same file however it is cut into pieces.
 */

export class JpegStructureError extends Error {
  override readonly name = 'JpegStructureError';
}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const COM = 0xfe;

function startsWithAscii(buf: Buffer, text: string): boolean {
  return buf.length >= text.length && buf.toString('latin1', 0, text.length) === text;
}

/** Whether an APPn/COM segment (given its payload) is one a decoder needs. */
function keepAppSegment(marker: number, payload: Buffer): boolean {
  if (marker === 0xe0) return startsWithAscii(payload, 'JFIF\0') || startsWithAscii(payload, 'JFXX\0');
  if (marker === 0xe2) return startsWithAscii(payload, 'ICC_PROFILE\0');
  if (marker === 0xee) return startsWithAscii(payload, 'Adobe');
  return false;
}

const isAppOrComment = (marker: number) => (marker >= 0xe0 && marker <= 0xef) || marker === COM;
/** Markers with no length field: TEM and the restart markers. */
const isStandalone = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);

/** An APP1 EXIF segment holding only IFD0 with one tag: Orientation (0x0112, SHORT). */
export function minimalExifSegment(orientation: number): Buffer {
  if (!Number.isInteger(orientation) || orientation < 1 || orientation > 8) {
    throw new RangeError('EXIF orientation must be 1-8');
  }
  // prettier-ignore
  const tiff = Buffer.from([
    0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, // big-endian TIFF header, IFD0 at offset 8
    0x00, 0x01, // one entry
    0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, // Orientation, SHORT, count 1
    0x00, orientation, 0x00, 0x00, // the value, left-justified in 4 bytes
    0x00, 0x00, 0x00, 0x00, // no next IFD
  ]);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

const isFrameHeader = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
/** After 0xFF inside entropy-coded data: a stuffed zero or a restart marker, both part of the data. */
const continuesScan = (next: number) => next === 0x00 || (next >= 0xd0 && next <= 0xd7);

/**
 * The orientation (1-8) in an APP1 EXIF payload ("Exif\0\0" + TIFF): IFD0's tag
 * 0x0112 as a SHORT, as libvips reads it; 1 when absent or out of range.
 */
export function exifOrientation(payload: Buffer): number {
  const t = 6; // the TIFF header follows "Exif\0\0"
  if (payload.length < t + 8 || !startsWithAscii(payload, 'Exif\0\0')) return 1;
  const order = payload.toString('latin1', t, t + 2);
  if (order !== 'II' && order !== 'MM') return 1;
  const le = order === 'II';
  const u16 = (at: number) => (le ? payload.readUInt16LE(at) : payload.readUInt16BE(at));
  const u32 = (at: number) => (le ? payload.readUInt32LE(at) : payload.readUInt32BE(at));
  if (u16(t + 2) !== 42) return 1;
  const ifd = t + u32(t + 4);
  if (ifd + 2 > payload.length) return 1;
  const entries = u16(ifd);
  for (let i = 0; i < entries; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > payload.length) return 1;
    if (u16(entry) !== 0x0112) continue;
    const value = u16(entry + 8);
    return u16(entry + 2) === 3 && u32(entry + 4) >= 1 && value >= 1 && value <= 8 ? value : 1;
  }
  return 1;
}

export interface JpegFilterOptions {
  /**
   * The EXIF orientation to write back (1: none), or 'auto' to use the one the
   * picture's own EXIF carries (the last EXIF segment before the first scan, as
   * libvips reads it).
   */
  orientation?: number | 'auto';
  /**
   * What to do with a file whose structure cannot be followed. 'throw' (the
   * default): JpegStructureError. 'pass': the rest of the bytes are passed on
   * as they come and `failure` says why; used while staging, where a damaged
   * JPEG must still be staged (photos.import refuses it later, as before).
   */
  onBadStructure?: 'throw' | 'pass';
  /**
   * The header segments are held back until the first scan (the orientation is
   * only known then). Set when the caller reuses its buffers after each push:
   * held segments are then copied. Everything push() returns is a view of the
   * pushed buffer (or a fresh buffer) and is valid until the next push.
   */
  copyHeld?: boolean;
}

type FilterState = 'soi' | 'marker' | 'length' | 'body' | 'scan' | 'done' | 'failed';

/**
 * The segment filter, fed the file in pieces of any size. push() returns the
 * bytes to keep so far, end() the rest (or throws if the picture is incomplete).
 * The compressed picture is passed on as views of the input, never copied.
 */
export class JpegSegmentFilter {
  /** Why the structure could not be followed (onBadStructure 'pass'), else null. */
  failure: JpegStructureError | null = null;
  private state: FilterState = 'soi';
  private readonly fixedOrientation: number | null;
  private readonly lenient: boolean;
  private readonly copyHeld: boolean;
  /** SOI and the kept header segments, until the first scan; then null. */
  private held: Buffer[] | null = [];
  /** Where in `held` the orientation segment goes: after SOI, or after JFIF if that comes first. */
  private exifAt = 1;
  private sawFrame = false;
  private orientationSeen = 1;
  /** In 'marker': a 0xFF has been read. In 'scan': the previous piece ended with a 0xFF. */
  private sawFF = false;
  private marker = 0;
  private segmentLength = 0;
  /** Where the current segment's 0xFF is in the piece being pushed, or -1 if it began in an earlier one. */
  private segmentStart = -1;
  /** Bytes of a header item that straddles pieces. */
  private carry: Buffer | null = null;
  private carryFill = 0;
  private out: Buffer[] = [];

  constructor(opts: JpegFilterOptions = {}) {
    const orientation = opts.orientation ?? 1;
    if (orientation !== 'auto' && (!Number.isInteger(orientation) || orientation < 1 || orientation > 8))
      throw new RangeError('EXIF orientation must be 1-8');
    this.fixedOrientation = orientation === 'auto' ? null : orientation;
    this.lenient = opts.onBadStructure === 'pass';
    this.copyHeld = opts.copyHeld ?? false;
  }

  /** The orientation written back (or to be written), 1 for none. */
  get orientation(): number {
    return this.fixedOrientation ?? this.orientationSeen;
  }

  push(piece: Buffer): Buffer[] {
    this.out = [];
    if (this.state === 'failed') {
      if (piece.length > 0) this.out.push(piece);
      return this.out;
    }
    this.segmentStart = -1;
    let p = 0;
    try {
      while (p < piece.length && this.state !== 'done') p = this.step(piece, p);
    } catch (err) {
      if (!(err instanceof JpegStructureError) || !this.lenient) throw err;
      this.fail(err, piece.subarray(p));
    }
    return this.out;
  }

  end(): Buffer[] {
    this.out = [];
    if (this.state === 'done' || this.state === 'failed') return this.out;
    const err = new JpegStructureError(
      this.state === 'scan'
        ? 'the picture data ends early'
        : this.state === 'length' || this.state === 'body'
          ? 'a segment runs past the end of the file'
          : this.state === 'soi'
            ? 'not a JPEG'
            : 'the file ends before the end of the picture',
    );
    if (!this.lenient) throw err;
    this.fail(err, Buffer.alloc(0));
    return this.out;
  }

  /** Lenient mode: what was held back, the partial item and the rest go out as they are. */
  private fail(err: JpegStructureError, rest: Buffer): void {
    this.failure = err;
    if (this.held) this.out.push(...this.held);
    this.held = null;
    if (this.state === 'scan' && this.sawFF) this.out.push(Buffer.from([0xff]));
    if (this.carry) this.out.push(this.carry.subarray(0, this.carryFill));
    this.carry = null;
    if (rest.length > 0) this.out.push(rest);
    this.state = 'failed';
  }

  /** Consumes some of `piece` from `p`; returns where it stopped. */
  private step(piece: Buffer, p: number): number {
    switch (this.state) {
      case 'soi': {
        const [soi, next, isView] = this.take(piece, p, 2);
        if (soi && (soi[0] !== 0xff || soi[1] !== SOI)) throw new JpegStructureError('not a JPEG');
        if (soi) {
          this.keep(soi, isView);
          this.state = 'marker';
        }
        return next;
      }
      case 'marker':
        return this.readMarker(piece, p);
      case 'length': {
        const [bytes, next] = this.take(piece, p, 2);
        if (bytes) {
          this.segmentLength = bytes.readUInt16BE(0);
          if (this.segmentLength < 2) throw new JpegStructureError('a segment runs past the end of the file');
          this.state = 'body';
          // An empty payload completes at once, even at the very end of a piece.
          if (this.segmentLength === 2) return this.step(piece, next);
        }
        return next;
      }
      case 'body': {
        const [payload, next] = this.take(piece, p, this.segmentLength - 2);
        if (payload) this.segment(piece, next, payload);
        return next;
      }
      case 'scan':
        return this.scan(piece, p);
      default:
        return piece.length;
    }
  }

  /** Fill bytes, then the marker; standalone markers and EOI are handled here. */
  private readMarker(piece: Buffer, p: number): number {
    const byte = piece[p]!;
    if (!this.sawFF) {
      if (byte !== 0xff) throw new JpegStructureError('expected a marker');
      this.sawFF = true;
      return p + 1;
    }
    if (byte === 0xff) return p + 1; // a fill byte: dropped
    this.sawFF = false;
    this.marker = byte;
    this.segmentStart = p - 1; // -1 when the 0xFF was in the previous piece
    if (byte === EOI || isStandalone(byte)) {
      this.keepMarkerOnly(piece, p + 1);
      if (byte === EOI) {
        this.flushHeld();
        this.state = 'done';
      }
      return p + 1;
    }
    this.state = 'length';
    return p + 1;
  }

  private keepMarkerOnly(piece: Buffer, end: number): void {
    if (this.segmentStart >= 0) this.keep(piece.subarray(this.segmentStart, end), true);
    else this.keep(Buffer.from([0xff, this.marker]), false);
  }

  /** A complete segment (marker, length, payload) whose payload ended at `end` of `piece`. */
  private segment(piece: Buffer, end: number, payload: Buffer): void {
    const marker = this.marker;
    this.state = 'marker';
    const whole = (): [Buffer, boolean] => {
      if (this.segmentStart >= 0) return [piece.subarray(this.segmentStart, end), true];
      const header = Buffer.from([0xff, marker, this.segmentLength >> 8, this.segmentLength & 0xff]);
      return [Buffer.concat([header, payload]), false];
    };
    if (isAppOrComment(marker)) {
      if (this.held && marker === 0xe1 && startsWithAscii(payload, 'Exif\0\0'))
        this.orientationSeen = exifOrientation(payload);
      if (keepAppSegment(marker, payload)) {
        if (marker === 0xe0 && this.held?.length === 1) this.exifAt = 2;
        this.keep(...whole());
      }
      return;
    }
    if (isFrameHeader(marker)) this.sawFrame = true;
    if (marker === SOS) {
      if (!this.sawFrame) throw new JpegStructureError('a scan comes before the frame header');
      this.keep(...whole());
      this.flushHeld();
      this.state = 'scan';
      this.sawFF = false;
      return;
    }
    this.keep(...whole());
  }

  /** Entropy-coded data, passed on as views, up to the next real marker. */
  private scan(piece: Buffer, from: number): number {
    let p = from;
    if (this.sawFF) {
      // The previous piece ended with a 0xFF that was held back to see what follows it.
      this.sawFF = false;
      const next = piece[p]!;
      if (next !== 0xff && !continuesScan(next)) {
        this.state = 'marker';
        this.sawFF = true;
        return p;
      }
      this.out.push(Buffer.from([0xff]));
    }
    const runStart = p;
    for (;;) {
      const ff = piece.indexOf(0xff, p);
      if (ff < 0) {
        if (runStart < piece.length) this.out.push(piece.subarray(runStart));
        return piece.length;
      }
      if (ff + 1 >= piece.length) {
        if (runStart < ff) this.out.push(piece.subarray(runStart, ff));
        this.sawFF = true;
        return piece.length;
      }
      const next = piece[ff + 1]!;
      if (continuesScan(next)) p = ff + 2;
      else if (next === 0xff) p = ff + 1;
      else {
        if (runStart < ff) this.out.push(piece.subarray(runStart, ff));
        this.state = 'marker';
        this.sawFF = true;
        return ff + 1;
      }
    }
  }

  /** Keeps a piece: held back before the first scan (copied if asked), passed on after it. */
  private keep(bytes: Buffer, isView: boolean): void {
    if (!this.held) this.out.push(bytes);
    else this.held.push(isView && this.copyHeld ? Buffer.from(bytes) : bytes);
  }

  /** The header, with the orientation segment in its place, goes out at the first scan (or EOI). */
  private flushHeld(): void {
    if (!this.held) return;
    const orientation = this.orientation;
    if (orientation !== 1) this.held.splice(this.exifAt, 0, minimalExifSegment(orientation));
    this.out.push(...this.held);
    this.held = null;
  }

  /**
   * `n` contiguous bytes from `p`: a view when the piece holds them all, else
   * gathered across pieces (header items only, at most 64 KiB). Returns the
   * bytes once complete (else null), where reading stopped, and whether the
   * bytes are a view of `piece`.
   */
  private take(piece: Buffer, p: number, n: number): [Buffer | null, number, boolean] {
    if (this.carry === null && piece.length - p >= n) return [piece.subarray(p, p + n), p + n, true];
    if (this.carry === null) {
      this.carry = Buffer.allocUnsafe(n);
      this.carryFill = 0;
    }
    const copied = piece.copy(this.carry, this.carryFill, p, Math.min(piece.length, p + n - this.carryFill));
    this.carryFill += copied;
    if (this.carryFill < n) return [null, p + copied, false];
    const whole = this.carry;
    this.carry = null;
    this.segmentStart = -1; // the item spans pieces, so it is not one view
    return [whole, p + copied, false];
  }
}

/**
 * The JPEG with its metadata removed, as pieces (views of the input plus the
 * orientation segment) to be written one after another: no 4 MB copy is made.
 * `orientation` is the EXIF orientation the original carried (1 when none):
 * anything but 1 is written back as the only tag. Throws JpegStructureError on
 * anything that is not a complete JPEG.
 */
export function stripJpegSegments(input: Buffer, orientation = 1): Buffer[] {
  const filter = new JpegSegmentFilter({ orientation });
  const pieces = filter.push(input);
  for (const piece of filter.end()) pieces.push(piece);
  return pieces;
}

/** stripJpegSegments joined into one buffer. */
export function stripJpegMetadata(input: Buffer, orientation = 1): Buffer {
  return Buffer.concat(stripJpegSegments(input, orientation));
}

/** Whether pieces laid end to end are exactly `input` (views at their own place are not compared again). */
function sameBytes(pieces: Buffer[], input: Buffer): boolean {
  let at = 0;
  for (const piece of pieces) {
    const end = at + piece.length;
    if (end > input.length) return false;
    const inPlace = piece.buffer === input.buffer && piece.byteOffset === input.byteOffset + at;
    if (!inPlace && input.compare(piece, 0, piece.length, at, end) !== 0) return false;
    at = end;
  }
  return at === input.length;
}

/**
 * Strips `input` and says whether that changed anything: a JPEG stripped when
 * it was staged comes out byte for byte the same, so its stored file can be kept.
 */
export function stripJpegIfNeeded(input: Buffer, orientation = 1): { pieces: Buffer[]; unchanged: boolean } {
  const pieces = stripJpegSegments(input, orientation);
  return { pieces, unchanged: sameBytes(pieces, input) };
}

function asBuffer(piece: unknown): Buffer {
  if (Buffer.isBuffer(piece)) return piece;
  if (piece instanceof Uint8Array) return Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
  throw new TypeError('JPEG sources must yield bytes');
}

/**
 * The streaming strip: yields the kept bytes as the source's pieces arrive,
 * holding back only the header (until the first scan) and items that straddle
 * pieces. The source may reuse its buffers once asked for the next piece; each
 * yielded buffer must be used before asking for the next. With onBadStructure
 * 'pass' it never throws for a damaged file; `filter.failure` then says why.
 */
export async function* stripJpegStream(
  source: AsyncIterable<unknown> | Iterable<unknown>,
  filter: JpegSegmentFilter = new JpegSegmentFilter({ orientation: 'auto', copyHeld: true }),
): AsyncGenerator<Buffer, void, void> {
  for await (const piece of source) yield* filter.push(asBuffer(piece));
  yield* filter.end();
}
