/**
 * What a file really is, from its first bytes. The name a file arrives with
 * (and the type a browser guesses from it) is never trusted: a `.exe` renamed
 * `photo.jpg` is still an executable. Pure: table-tested in sniff.test.ts.
 */

export type SniffedKind = 'pdf' | 'image';

export interface Sniffed {
  kind: SniffedKind | null;
  /** A real media type for known kinds, else application/octet-stream. */
  mediaType: string;
}

/** Enough bytes for every signature below, including an ftyp box's compatible brands. */
export const SNIFF_BYTES = 64;

export const UNKNOWN_MEDIA_TYPE = 'application/octet-stream';

/** HEIF brands whose pictures are HEVC-coded (HEIC): what iPhones write. */
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis']);
/** Generic HEIF brands: HEIC only if a compatible brand says so (AVIF also uses mif1). */
const GENERIC_HEIF_BRANDS = new Set(['mif1', 'msf1']);

function ascii(head: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...head.subarray(start, end));
}

function startsWith(head: Uint8Array, bytes: readonly number[], offset = 0): boolean {
  if (head.length < offset + bytes.length) return false;
  return bytes.every((b, i) => head[offset + i] === b);
}

/** ISO-BMFF `ftyp` box: major brand at 8, compatible brands from 16 to the box's end. */
function heifType(head: Uint8Array): string | null {
  if (head.length < 12 || ascii(head, 4, 8) !== 'ftyp') return null;
  const major = ascii(head, 8, 12);
  if (HEIC_BRANDS.has(major)) return 'image/heic';
  if (!GENERIC_HEIF_BRANDS.has(major)) return null;
  const boxSize = ((head[0]! << 24) | (head[1]! << 16) | (head[2]! << 8) | head[3]!) >>> 0;
  const end = Math.min(boxSize, head.length);
  for (let at = 16; at + 4 <= end; at += 4) {
    if (HEIC_BRANDS.has(ascii(head, at, at + 4))) return 'image/heic';
  }
  return null;
}

export function sniff(head: Uint8Array): Sniffed {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { kind: 'pdf', mediaType: 'application/pdf' }; // %PDF-
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { kind: 'image', mediaType: 'image/jpeg' };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { kind: 'image', mediaType: 'image/png' };
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8)) {
    return { kind: 'image', mediaType: 'image/webp' }; // RIFF....WEBP
  }
  const heif = heifType(head);
  if (heif) return { kind: 'image', mediaType: heif };
  return { kind: null, mediaType: UNKNOWN_MEDIA_TYPE };
}

/** The kind a stored media type names, for files sniffed when they were staged. */
export function kindOfMediaType(mediaType: string): SniffedKind | null {
  if (mediaType === 'application/pdf') return 'pdf';
  if (['image/jpeg', 'image/png', 'image/webp', 'image/heic'].includes(mediaType)) return 'image';
  return null;
}
