import { describe, expect, it } from 'vitest';
import { HEIC_SAMPLE, HEIC_SAMPLE_HEIGHT, HEIC_SAMPLE_WIDTH, heicDeclaring } from './heic-sample';
import { HeifContainerError, declaredHeifSizes, largestDeclaredPixels } from './heif-declared-size';

describe('the sizes a HEIC declares', () => {
  it('reads the grid tile, the picture and the grid canvas of a real HEIC', () => {
    // 64x64 is the one HEVC tile; the picture (and its grid canvas) is cropped to 64x48.
    expect(declaredHeifSizes(HEIC_SAMPLE)).toEqual([
      { width: 64, height: 64 },
      { width: HEIC_SAMPLE_WIDTH, height: HEIC_SAMPLE_HEIGHT },
      { width: HEIC_SAMPLE_WIDTH, height: HEIC_SAMPLE_HEIGHT },
    ]);
  });

  it('sees a huge size claimed in the ispe properties', () => {
    expect(largestDeclaredPixels(heicDeclaring({ width: 60_000, height: 60_000 }, 'ispe'))).toBe(3_600_000_000);
  });

  it('sees a huge canvas claimed by the grid while its ispe stays small', () => {
    const bomb = heicDeclaring({ width: 65_535, height: 65_535 }, 'grid');
    expect(declaredHeifSizes(bomb).slice(0, 2)).toEqual(declaredHeifSizes(HEIC_SAMPLE).slice(0, 2));
    expect(largestDeclaredPixels(bomb)).toBe(65_535 * 65_535);
  });

  it.each([
    ['a file cut inside its boxes', HEIC_SAMPLE.subarray(0, 300)],
    ['a box claiming to run past the end', Buffer.concat([Buffer.from([0, 0, 0x10, 0]), Buffer.from('meta'), Buffer.alloc(8)])],
    ['bytes with no meta box', Buffer.from('not a HEIC at all, just some text')],
    ['a container whose ispe boxes are renamed away', Buffer.from(HEIC_SAMPLE.toString('latin1').replaceAll('ispe', 'xxxx'), 'latin1')],
  ])('refuses %s', (_label, bytes) => {
    expect(() => declaredHeifSizes(bytes)).toThrow(HeifContainerError);
  });
});
