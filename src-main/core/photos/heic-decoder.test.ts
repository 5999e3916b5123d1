/**
 * The HEIC decoder as photos use it: decoded in its worker thread to the same
 * pixels as libheif gives in-process, and a decompression bomb refused from
 * its declared size before anything is decoded.
 */
import { describe, expect, it } from 'vitest';
import decodeInProcess from 'heic-decode';
import { HEIC_SAMPLE, HEIC_SAMPLE_HEIGHT, HEIC_SAMPLE_WIDTH, heicDeclaring } from './heic-sample';
import { HeicDecodeError, HeicTooLargeError, decodeHeic } from './heic-decoder';
import { HeifContainerError } from './heif-declared-size';

const LIMIT = 100_000_000;

describe('decodeHeic', () => {
  it('decodes in its worker to the very pixels libheif gives in-process', async () => {
    const expected = await decodeInProcess({ buffer: HEIC_SAMPLE });
    const decoded = await decodeHeic(HEIC_SAMPLE, LIMIT);
    expect([decoded.width, decoded.height]).toEqual([HEIC_SAMPLE_WIDTH, HEIC_SAMPLE_HEIGHT]);
    expect(Buffer.from(decoded.data).equals(Buffer.from(expected.data))).toBe(true);
  });

  it.each(['ispe', 'grid'] as const)('refuses a bomb declared in its %s, before decoding', async (where) => {
    const bomb = heicDeclaring({ width: 60_000, height: 60_000 }, where);
    await expect(decodeHeic(bomb, LIMIT)).rejects.toThrow(HeicTooLargeError);
  });

  it('takes a picture at the limit and refuses one a pixel over it', async () => {
    const pixels = HEIC_SAMPLE_WIDTH * 64; // the largest size it declares is its 64x64 tile
    await expect(decodeHeic(HEIC_SAMPLE, pixels)).resolves.toMatchObject({ width: HEIC_SAMPLE_WIDTH });
    await expect(decodeHeic(HEIC_SAMPLE, pixels - 1)).rejects.toThrow(HeicTooLargeError);
  });

  it('refuses damaged files, and keeps decoding after them', async () => {
    await expect(decodeHeic(HEIC_SAMPLE.subarray(0, 300), LIMIT)).rejects.toThrow(HeifContainerError);
    // Boxes intact, picture data garbage: it is libheif, in the worker, that refuses it.
    const garbled = Buffer.from(HEIC_SAMPLE);
    garbled.fill(0x55, garbled.indexOf('mdat') + 4);
    await expect(decodeHeic(garbled, LIMIT)).rejects.toThrow(HeicDecodeError);
    await expect(decodeHeic(HEIC_SAMPLE, LIMIT)).resolves.toMatchObject({ height: HEIC_SAMPLE_HEIGHT });
  });
});
