/**
 * The sizes a HEIC file declares, read from its boxes (ISO/IEC 23008-12)
 * without decoding anything, so a decompression bomb (a few kilobytes that
 * claim a 50,000 x 50,000 picture) is refused before libheif allocates for it.
 *
 * Every image item carries an `ispe` property (its width and height); a grid
 * or overlay item also states its output size in its own data, which libheif
 * uses to allocate the canvas. The largest of all of these is what decoding
 * could cost, so that is what the caller compares with its limit.
 */

export class HeifContainerError extends Error {
  override readonly name = 'HeifContainerError';
}

export interface DeclaredSize {
  width: number;
  height: number;
}

interface Box {
  type: string;
  /** Where the box's content starts (after the header) and ends. */
  start: number;
  end: number;
}

/** Reads big-endian fields with bounds checks: a damaged file throws, never reads past its end. */
class Reader {
  constructor(
    private readonly buf: Buffer,
    public at: number,
    private readonly end: number,
  ) {}

  private need(n: number): void {
    if (this.at + n > this.end) throw new HeifContainerError('a HEIF box ends early');
  }

  u8(): number {
    this.need(1);
    return this.buf.readUInt8(this.at++);
  }

  u16(): number {
    this.need(2);
    const v = this.buf.readUInt16BE(this.at);
    this.at += 2;
    return v;
  }

  u32(): number {
    this.need(4);
    const v = this.buf.readUInt32BE(this.at);
    this.at += 4;
    return v;
  }

  /** An unsigned field of 0, 4 or 8 bytes (iloc's sizes); beyond 2^53 is no real file. */
  uint(bytes: number): number {
    if (bytes === 0) return 0;
    if (bytes === 4) return this.u32();
    if (bytes === 8) {
      const high = this.u32();
      const low = this.u32();
      if (high > 0x1fffff) throw new HeifContainerError('a HEIF offset is out of range');
      return high * 2 ** 32 + low;
    }
    throw new HeifContainerError(`a HEIF field of ${bytes} bytes`);
  }

  fourcc(): string {
    this.need(4);
    const s = this.buf.toString('latin1', this.at, this.at + 4);
    this.at += 4;
    return s;
  }

  skip(n: number): void {
    this.need(n);
    this.at += n;
  }
}

/** The boxes between start and end (one level). */
function boxesIn(buf: Buffer, start: number, end: number): Box[] {
  const boxes: Box[] = [];
  let at = start;
  while (at + 8 <= end) {
    const r = new Reader(buf, at, end);
    let size = r.u32();
    const type = r.fourcc();
    if (size === 1) size = r.uint(8);
    else if (size === 0) size = end - at; // to the end of the enclosing box
    const contentStart = r.at;
    if (size < contentStart - at || at + size > end) throw new HeifContainerError(`the HEIF box ${JSON.stringify(type)} has a bad size`);
    boxes.push({ type, start: contentStart, end: at + size });
    at += size;
  }
  return boxes;
}

const child = (boxes: Box[], type: string) => boxes.find((b) => b.type === type);

/** item_ID -> item_type, from iinf's infe entries (version 2 and 3 carry the type). */
function itemTypes(buf: Buffer, iinf: Box): Map<number, string> {
  const r = new Reader(buf, iinf.start, iinf.end);
  const version = r.u8();
  r.skip(3);
  r.skip(version === 0 ? 2 : 4); // entry_count: the boxes that follow are the entries
  const types = new Map<number, string>();
  for (const infe of boxesIn(buf, r.at, iinf.end).filter((b) => b.type === 'infe')) {
    const e = new Reader(buf, infe.start, infe.end);
    const v = e.u8();
    e.skip(3);
    if (v < 2) continue; // older entries name no type, and HEIC writes version 2 or 3
    const id = v === 2 ? e.u16() : e.u32();
    e.skip(2); // item_protection_index
    types.set(id, e.fourcc());
  }
  return types;
}

interface ItemLocation {
  constructionMethod: number;
  extents: { offset: number; length: number }[];
}

/** item_ID -> where its data is, from iloc. */
function itemLocations(buf: Buffer, iloc: Box): Map<number, ItemLocation> {
  const r = new Reader(buf, iloc.start, iloc.end);
  const version = r.u8();
  r.skip(3);
  const sizes = r.u8();
  const offsetSize = sizes >> 4;
  const lengthSize = sizes & 0xf;
  const sizes2 = r.u8();
  const baseOffsetSize = sizes2 >> 4;
  const indexSize = version === 1 || version === 2 ? sizes2 & 0xf : 0;
  const count = version < 2 ? r.u16() : r.u32();
  const locations = new Map<number, ItemLocation>();
  for (let i = 0; i < count; i++) {
    const id = version < 2 ? r.u16() : r.u32();
    const constructionMethod = version === 1 || version === 2 ? r.u16() & 0xf : 0;
    r.skip(2); // data_reference_index
    const base = r.uint(baseOffsetSize);
    const extentCount = r.u16();
    const extents: ItemLocation['extents'] = [];
    for (let j = 0; j < extentCount; j++) {
      r.uint(indexSize);
      const offset = base + r.uint(offsetSize);
      extents.push({ offset, length: r.uint(lengthSize) });
    }
    locations.set(id, { constructionMethod, extents });
  }
  return locations;
}

/** The first bytes of an item's data: enough for a grid or overlay header. */
function itemDataHead(buf: Buffer, location: ItemLocation, idat: Box | undefined): Buffer {
  const first = location.extents[0];
  if (!first) throw new HeifContainerError('a HEIF item has no data');
  // 0: offsets into the file; 1: offsets into idat. 2 (from another item) is not used by HEIC writers.
  const [from, end] =
    location.constructionMethod === 0
      ? [first.offset, buf.length]
      : location.constructionMethod === 1 && idat
        ? [idat.start + first.offset, idat.end]
        : [-1, -1];
  if (from < 0) throw new HeifContainerError('a HEIF item is stored in a way this reader does not follow');
  const length = first.length === 0 ? end - from : first.length;
  if (from + length > end) throw new HeifContainerError('a HEIF item runs past the end of the file');
  return buf.subarray(from, from + Math.min(length, 32));
}

/** A grid's or overlay's output size: 16-bit fields, or 32-bit when flag bit 0 is set. */
function canvasSize(head: Buffer, type: 'grid' | 'iovl'): DeclaredSize {
  const r = new Reader(head, 0, head.length);
  r.u8(); // version
  const flags = r.u8();
  if (type === 'grid') r.skip(2); // rows_minus_one, columns_minus_one
  else r.skip(8); // canvas_fill_value, four 16-bit values
  const wide = (flags & 1) === 1;
  const width = wide ? r.u32() : r.u16();
  const height = wide ? r.u32() : r.u16();
  return { width, height };
}

/**
 * Every size the file declares: each ispe property, and each grid's and
 * overlay's canvas. Throws HeifContainerError if the boxes cannot be read, or if
 * no image declares a size (libheif would have nothing to check it against).
 */
export function declaredHeifSizes(buf: Buffer): DeclaredSize[] {
  const meta = child(boxesIn(buf, 0, buf.length), 'meta');
  if (!meta) throw new HeifContainerError('the HEIF file has no meta box');
  const inMeta = boxesIn(buf, meta.start + 4, meta.end); // meta is a full box: skip version and flags
  const ipco = child(boxesIn(buf, child(inMeta, 'iprp')?.start ?? 0, child(inMeta, 'iprp')?.end ?? 0), 'ipco');
  const sizes: DeclaredSize[] = [];
  for (const ispe of boxesIn(buf, ipco?.start ?? 0, ipco?.end ?? 0).filter((b) => b.type === 'ispe')) {
    const r = new Reader(buf, ispe.start + 4, ispe.end);
    sizes.push({ width: r.u32(), height: r.u32() });
  }
  if (sizes.length === 0) throw new HeifContainerError('the HEIF file declares no image size');

  const iinf = child(inMeta, 'iinf');
  const iloc = child(inMeta, 'iloc');
  if (iinf && iloc) {
    const locations = itemLocations(buf, iloc);
    for (const [id, type] of itemTypes(buf, iinf)) {
      if (type !== 'grid' && type !== 'iovl') continue;
      const location = locations.get(id);
      if (!location) throw new HeifContainerError(`the HEIF ${type} item has no data`);
      sizes.push(canvasSize(itemDataHead(buf, location, child(inMeta, 'idat')), type));
    }
  }
  return sizes;
}

/** The largest picture the file says it holds, in pixels. */
export function largestDeclaredPixels(buf: Buffer): number {
  return Math.max(...declaredHeifSizes(buf).map((s) => s.width * s.height));
}
