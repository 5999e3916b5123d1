import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { JpegStructureError, minimalExifSegment, stripJpegMetadata } from './jpeg-strip';
import {
  SECRET_DESCRIPTION,
  SECRET_MAKE,
  SECRET_XMP,
  jpegSegment,
  makeJpeg,
  withExtraSegments,
} from './test-images';

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
