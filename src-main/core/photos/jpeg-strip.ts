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
 */

export class JpegStructureError extends Error {
  override readonly name = 'JpegStructureError';
}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const COM = 0xfe;

function startsWithAscii(buf: Buffer, offset: number, text: string): boolean {
  return buf.length >= offset + text.length && buf.toString('latin1', offset, offset + text.length) === text;
}

/** Whether an APPn/COM segment (payload starting at `at`) is one a decoder needs. */
function keepAppSegment(marker: number, buf: Buffer, at: number): boolean {
  if (marker === 0xe0) return startsWithAscii(buf, at, 'JFIF\0') || startsWithAscii(buf, at, 'JFXX\0');
  if (marker === 0xe2) return startsWithAscii(buf, at, 'ICC_PROFILE\0');
  if (marker === 0xee) return startsWithAscii(buf, at, 'Adobe');
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

/**
 * Returns the end of the entropy-coded data that starts at `from`: the offset of
 * the next real marker (0xFF followed by something other than a stuffed zero, a
 * restart marker or a fill byte). Throws if the file ends first (truncated).
 */
function endOfScan(buf: Buffer, from: number): number {
  let p = from;
  for (;;) {
    const ff = buf.indexOf(0xff, p);
    if (ff < 0 || ff + 1 >= buf.length) throw new JpegStructureError('the picture data ends early');
    const next = buf[ff + 1]!;
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) p = ff + 2;
    else if (next === 0xff) p = ff + 1;
    else return ff;
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
  if (input.length < 4 || input[0] !== 0xff || input[1] !== SOI) throw new JpegStructureError('not a JPEG');
  const kept: Buffer[] = [input.subarray(0, 2)];
  let exifAt = 1; // where the orientation segment goes: after SOI, or after JFIF if that comes first
  let sawFrame = false;
  let p = 2;
  for (;;) {
    if (p >= input.length) throw new JpegStructureError('the file ends before the end of the picture');
    if (input[p] !== 0xff) throw new JpegStructureError('expected a marker');
    while (input[p] === 0xff) p += 1; // fill bytes
    if (p >= input.length) throw new JpegStructureError('the file ends inside a marker');
    const marker = input[p]!;
    const start = p - 1;
    p += 1;
    if (marker === EOI) {
      kept.push(input.subarray(start, p));
      break;
    }
    if (isStandalone(marker)) {
      kept.push(input.subarray(start, p));
      continue;
    }
    if (p + 2 > input.length) throw new JpegStructureError('the file ends inside a segment');
    const end = p + input.readUInt16BE(p);
    if (end > input.length || end < p + 2)
      throw new JpegStructureError('a segment runs past the end of the file');
    if (isAppOrComment(marker)) {
      if (keepAppSegment(marker, input, p + 2)) {
        kept.push(input.subarray(start, end));
        if (marker === 0xe0 && kept.length === 2) exifAt = 2;
      }
      p = end;
      continue;
    }
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      sawFrame = true;
    if (marker === SOS) {
      if (!sawFrame) throw new JpegStructureError('a scan comes before the frame header');
      const scanEnd = endOfScan(input, end);
      kept.push(input.subarray(start, scanEnd));
      p = scanEnd;
      continue;
    }
    kept.push(input.subarray(start, end));
    p = end;
  }
  if (orientation !== 1) kept.splice(exifAt, 0, minimalExifSegment(orientation));
  return kept;
}

/** stripJpegSegments joined into one buffer. */
export function stripJpegMetadata(input: Buffer, orientation = 1): Buffer {
  return Buffer.concat(stripJpegSegments(input, orientation));
}
