import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  JpegSegmentFilter,
  JpegStructureError,
  exifOrientation,
  minimalExifSegment,
  stripJpegIfNeeded,
  stripJpegMetadata,
  stripJpegStream,
} from './jpeg-strip';
import {
  SECRET_DESCRIPTION,
  SECRET_MAKE,
  SECRET_XMP,
  jpegSegment,
  makeJpeg,
  withExtraSegments,
} from '../test-support/test-images';

const ascii = (s: string) => Buffer.from(s, 'latin1');

/** The markers of a JPEG's header segments, in order, up to the first scan. */
function markers(jpeg: Buffer): string[] {
  const out: string[] = [];
  let p = 2;
  while (p < jpeg.length && jpeg[p] === 0xff) {
    const marker = jpeg[p + 1]!;
    out.push(marker.toString(16));
    if (marker === 0xda) break;
    p += 2 + jpeg.readUInt16BE(p + 2);
  }
  return out;
}

describe('stripJpegMetadata', () => {
  it('drops EXIF (with GPS), XMP, IPTC, comments and trailing data, and keeps the picture byte for byte', async () => {
    const original = withExtraSegments(
      await makeJpeg(),
      [
        jpegSegment(0xed, ascii('Photoshop 3.0\0IPTC-city-Bristol')),
        jpegSegment(0xfe, ascii('comment: client 42')),
      ],
      ascii('TRAILER-after-EOI'),
    );
    const stripped = stripJpegMetadata(original);
    for (const secret of [
      SECRET_MAKE,
      SECRET_DESCRIPTION,
      SECRET_XMP,
      'Exif\0\0',
      'IPTC-city',
      'client 42',
      'TRAILER',
    ]) {
      expect(original.includes(ascii(secret)), secret).toBe(true);
      expect(stripped.includes(ascii(secret)), secret).toBe(false);
    }
    expect(markers(stripped)).not.toContain('e1');
    // The compressed picture is untouched: everything from the first scan on is identical.
    const scan = (b: Buffer) =>
      b.subarray(b.indexOf(Buffer.from([0xff, 0xda])), b.lastIndexOf(Buffer.from([0xff, 0xd9])) + 2);
    expect(scan(stripped).equals(scan(original))).toBe(true);
    const meta = await sharp(stripped).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 120, height: 80 });
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.iptc).toBeUndefined();
  });

  it('copies every scan of a progressive JPEG, with the tables between them', async () => {
    const progressive = await sharp(await makeJpeg({ width: 300, height: 200 }))
      .keepExif()
      .jpeg({ progressive: true })
      .toBuffer();
    const stripped = stripJpegMetadata(progressive);
    expect(progressive.includes(ascii(SECRET_MAKE))).toBe(true);
    expect(stripped.includes(ascii(SECRET_MAKE))).toBe(false);
    const count = (b: Buffer, m: number) =>
      b.toString('latin1').split(String.fromCharCode(0xff, m)).length - 1;
    expect(count(stripped, 0xda)).toBeGreaterThan(1);
    expect(count(stripped, 0xda)).toBe(count(progressive, 0xda));
    const [a, b] = await Promise.all([progressive, stripped].map((x) => sharp(x).raw().toBuffer()));
    expect(a!.equals(b!)).toBe(true);
  });

  it('keeps JFIF, the ICC profile and the Adobe colour segment', async () => {
    const icc = jpegSegment(0xe2, ascii('ICC_PROFILE\0\x01\x01profile-bytes'));
    const adobe = jpegSegment(0xee, Buffer.concat([ascii('Adobe'), Buffer.from([0, 100, 0, 0, 0, 0, 1])]));
    const plain = await makeJpeg({ metadata: false });
    const stripped = stripJpegMetadata(withExtraSegments(plain, [icc, adobe]));
    expect(stripped.includes(icc)).toBe(true);
    expect(stripped.includes(adobe)).toBe(true);
    expect(markers(stripped).slice(0, 3)).toEqual(['e2', 'ee', 'db']);
  });

  it('writes back a non-default orientation as a minimal EXIF and nothing else', async () => {
    const turned = await makeJpeg({ orientation: 6 });
    const stripped = stripJpegMetadata(turned, 6);
    const meta = await sharp(stripped).metadata();
    expect(meta.orientation).toBe(6);
    expect(meta.exif?.length).toBe(minimalExifSegment(6).length - 4);
    expect(stripped.includes(ascii(SECRET_MAKE))).toBe(false);
    expect(markers(stripped).filter((m) => m === 'e1')).toHaveLength(1);
  });

  it.each([
    ['a truncated file', async () => (await makeJpeg()).subarray(0, 600)],
    ['a file that is not a JPEG', async () => ascii('MZ this is not a picture')],
    [
      'a segment whose length runs past the end',
      async () => Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff, 0, 0]),
    ],
    [
      'a scan before any frame header',
      async () => Buffer.from([0xff, 0xd8, 0xff, 0xda, 0, 2, 1, 2, 0xff, 0xd9]),
    ],
  ])('refuses %s', async (_label, make) => {
    const input = await make();
    expect(() => stripJpegMetadata(input)).toThrow(JpegStructureError);
  });
});

/** Feeds `input` to a streaming filter in pieces of the given sizes (cycled), through one reused buffer. */
function stripInPieces(
  input: Buffer,
  sizes: number[],
  opts: ConstructorParameters<typeof JpegSegmentFilter>[0] = {},
) {
  const filter = new JpegSegmentFilter({ orientation: 'auto', copyHeld: true, ...opts });
  const scratch = Buffer.alloc(Math.max(...sizes));
  const out: Buffer[] = [];
  for (let at = 0, i = 0; at < input.length; i++) {
    const n = Math.min(sizes[i % sizes.length]!, input.length - at);
    input.copy(scratch, 0, at, at + n);
    // Copied on receipt; the scratch buffer is then overwritten, as a stream's buffers may be.
    for (const piece of filter.push(scratch.subarray(0, n))) out.push(Buffer.from(piece));
    scratch.fill(0xaa);
    at += n;
  }
  for (const piece of filter.end()) out.push(Buffer.from(piece));
  return { bytes: Buffer.concat(out), filter };
}

describe('JpegSegmentFilter (the streaming strip)', () => {
  const cases = async (): Promise<[string, Buffer, number][]> => [
    [
      'EXIF, GPS, XMP, IPTC, a comment and a trailer',
      withExtraSegments(
        await makeJpeg({ width: 300, height: 200 }),
        [
          jpegSegment(0xed, ascii('Photoshop 3.0\0IPTC-city-Bristol')),
          jpegSegment(0xfe, ascii('comment: client 42')),
          jpegSegment(0xe2, ascii('ICC_PROFILE\0\x01\x01profile-bytes')),
        ],
        ascii('TRAILER-after-EOI'),
      ),
      1,
    ],
    ['orientation 6', await makeJpeg({ width: 160, height: 90, orientation: 6 }), 6],
    [
      'progressive',
      await sharp(await makeJpeg({ width: 300, height: 200, orientation: 3 }))
        .keepExif()
        .jpeg({ progressive: true })
        .toBuffer(),
      3,
    ],
  ];

  it.each([[[1]], [[7]], [[3, 1, 64, 5]], [[4096]]])(
    'strips a JPEG cut into pieces of %j exactly as the buffer version does',
    async (sizes) => {
      for (const [label, original, orientation] of await cases()) {
        expect((await sharp(original).metadata()).orientation ?? 1, label).toBe(orientation);
        const whole = stripJpegMetadata(original, orientation);
        const { bytes, filter } = stripInPieces(original, sizes);
        expect(bytes.equals(whole), label).toBe(true);
        expect(filter.orientation, label).toBe(orientation);
        expect(filter.failure).toBeNull();
        expect(bytes.includes(ascii(SECRET_MAKE)), label).toBe(false);
        // Stripping again changes nothing: what photos.import checks before keeping a staged file.
        expect(stripJpegIfNeeded(bytes, orientation).unchanged, label).toBe(true);
      }
    },
  );

  it('handles a 0xFF in the picture data falling at every possible piece boundary', async () => {
    // Noise makes the entropy-coded data full of stuffed 0xFF 0x00 pairs.
    const noise = Buffer.from(Array.from({ length: 64 * 48 * 3 }, (_, i) => (i * 7919) % 251));
    const original = withExtraSegments(
      await sharp(noise, { raw: { width: 64, height: 48, channels: 3 } })
        .jpeg({ quality: 95 })
        .toBuffer(),
      [jpegSegment(0xe1, ascii('Exif\0\0not-really'))],
    );
    const scan = original.subarray(original.indexOf(Buffer.from([0xff, 0xda])));
    expect(scan.indexOf(Buffer.from([0xff, 0x00]))).toBeGreaterThan(0);
    const whole = stripJpegMetadata(original);
    for (let first = 1; first < 40; first++) {
      expect(stripInPieces(original, [first, 2, 1, 3]).bytes.equals(whole)).toBe(true);
    }
  });

  it('streams from an async source, keeping only the held header and passing the picture data as views', async () => {
    const original = await makeJpeg({ width: 400, height: 300 });
    const pieces: Buffer[] = [];
    for (let at = 0; at < original.length; at += 1000) pieces.push(original.subarray(at, at + 1000));
    const out: Buffer[] = [];
    for await (const piece of stripJpegStream(
      (async function* () {
        yield* pieces;
      })(),
    ))
      out.push(piece);
    expect(Buffer.concat(out).equals(stripJpegMetadata(original))).toBe(true);
    const views = out.filter((piece) => pieces.some((p) => p.buffer === piece.buffer));
    expect(views.reduce((n, v) => n + v.length, 0)).toBeGreaterThan(original.length / 2);
  });

  it('reads the orientation from big- and little-endian EXIF, and 1 for anything unusable', () => {
    const be = minimalExifSegment(8).subarray(4);
    expect(exifOrientation(be)).toBe(8);
    const le = Buffer.from(be);
    le.write('II', 6, 'latin1');
    le.writeUInt16LE(42, 8);
    le.writeUInt32LE(8, 10);
    le.writeUInt16LE(1, 14);
    le.writeUInt16LE(0x0112, 16);
    le.writeUInt16LE(3, 18);
    le.writeUInt32LE(1, 20);
    le.writeUInt16LE(5, 24);
    expect(exifOrientation(le)).toBe(5);
    const outOfRange = Buffer.from(be);
    outOfRange.writeUInt16BE(9, 24);
    expect(exifOrientation(outOfRange)).toBe(1);
    expect(exifOrientation(be.subarray(0, 20))).toBe(1);
    expect(exifOrientation(ascii('Exif\0\0MM'))).toBe(1);
  });

  it('refuses a damaged file by default, and in pass mode hands on the rest as it came', async () => {
    const truncated = (await makeJpeg({ width: 400, height: 300 })).subarray(0, 3000);
    expect(() => stripInPieces(truncated, [7], { onBadStructure: 'throw' })).toThrow(JpegStructureError);
    const passed = stripInPieces(truncated, [7], { onBadStructure: 'pass' });
    expect(passed.filter.failure).toBeInstanceOf(JpegStructureError);
    // Everything from the first scan on is there, as sent.
    const scanAt = truncated.indexOf(Buffer.from([0xff, 0xda]));
    expect(
      passed.bytes
        .subarray(passed.bytes.length - (truncated.length - scanAt))
        .equals(truncated.subarray(scanAt)),
    ).toBe(true);
    const notJpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]), ascii('rest of the file')]);
    const rest = stripInPieces(notJpeg, [1], { onBadStructure: 'pass' });
    expect(rest.filter.failure).toBeInstanceOf(JpegStructureError);
    expect(rest.bytes.includes(ascii('rest of the file'))).toBe(true);
  });
});
