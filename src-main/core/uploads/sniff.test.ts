import { describe, expect, it } from 'vitest';
import { kindOfMediaType, sniff } from './sniff';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

/** An ISO-BMFF ftyp box: size, 'ftyp', major brand, minor version, compatible brands. */
const ftyp = (major: string, ...compatible: string[]) => {
  const size = 16 + 4 * compatible.length;
  return bytes([0, 0, 0, size], 'ftyp', major, [0, 0, 0, 0], compatible.join(''), [0, 0, 0, 8], 'meta');
};

describe('sniff', () => {
  it.each([
    ['a PDF', bytes('%PDF-1.7\n%âãÏÓ'), 'pdf', 'application/pdf'],
    ['a JPEG (JFIF)', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF'), 'image', 'image/jpeg'],
    ['a JPEG (EXIF first)', bytes([0xff, 0xd8, 0xff, 0xe1, 0, 16], 'Exif'), 'image', 'image/jpeg'],
    ['a PNG', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR'), 'image', 'image/png'],
    ['a WebP', bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '), 'image', 'image/webp'],
    ['an iPhone HEIC', ftyp('heic', 'mif1', 'heic'), 'image', 'image/heic'],
    ['a HEIC sequence', ftyp('hevc', 'msf1', 'hevc'), 'image', 'image/heic'],
    ['a generic HEIF holding HEVC', ftyp('mif1', 'mif1', 'heic'), 'image', 'image/heic'],
  ])('recognises %s', (_label, head, kind, mediaType) => {
    expect(sniff(head)).toEqual({ kind, mediaType });
  });

  it.each([
    ['an executable renamed .jpg', bytes('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0])],
    ['an ELF binary', bytes([0x7f], 'ELF', [2, 1, 1])],
    ['a zip (docx)', bytes('PK', [3, 4, 20, 0])],
    ['a GIF', bytes('GIF89a', [1, 0, 1, 0])],
    ['AVIF (HEIF with AV1, not HEIC)', ftyp('avif', 'mif1', 'avif', 'miaf')],
    ['a generic HEIF holding AV1', ftyp('mif1', 'mif1', 'avif')],
    ['an MP4 video', ftyp('isom', 'isom', 'mp41')],
    ['RIFF that is not WebP (a WAV)', bytes('RIFF', [1, 2, 3, 4], 'WAVEfmt ')],
    ['text that mentions %PDF later', bytes('hello %PDF-1.7')],
    ['two bytes of JPEG', bytes([0xff, 0xd8])],
    ['nothing', bytes()],
  ])('does not take %s for a PDF or an image', (_label, head) => {
    expect(sniff(head)).toEqual({ kind: null, mediaType: 'application/octet-stream' });
  });

  it('maps stored media types back to kinds', () => {
    expect(kindOfMediaType('application/pdf')).toBe('pdf');
    expect(['image/jpeg', 'image/png', 'image/webp', 'image/heic'].map(kindOfMediaType)).toEqual([
      'image',
      'image',
      'image',
      'image',
    ]);
    expect(kindOfMediaType('application/octet-stream')).toBeNull();
    expect(kindOfMediaType('image/gif')).toBeNull();
  });
});
