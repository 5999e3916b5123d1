import { describe, expect, it } from 'vitest';
import { deletionVariants, withinOneEdit } from './edit-distance';

describe('withinOneEdit (Damerau: an adjacent swap is one edit)', () => {
  it.each([
    ['smith', 'smith', true],
    ['smiht', 'smith', true], // two neighbours swapped
    ['brian', 'briain', true], // a letter added
    ['briain', 'brian', true], // a letter dropped
    ['smyth', 'smith', true], // a letter changed
    ['ashwroth', 'ashworth', true],
    ['thompsom', 'thompson', true],
    ['brian', 'brioa', false], // two changes
    ['smith', 'smithers', false],
    ['mtish', 'smith', false],
    ['abcde', 'bcdxe', false], // share "bcde" after one deletion each, but two edits apart
    ['łukasz', 'lukasz', true],
    ['😀abcde', '😀abcdf', true], // a letter outside the BMP counts once
    ['😀abcde', 'abcde', true],
  ])('%s ~ %s: %s', (a, b, near) => {
    expect(withinOneEdit(a, b)).toBe(near);
  });
});

describe('deletionVariants', () => {
  it('leaves out each letter in turn, once each', () => {
    expect(deletionVariants('smith')).toEqual(['mith', 'sith', 'smth', 'smih', 'smit']);
    expect(deletionVariants('anna')).toEqual(['nna', 'ana', 'ann']);
  });

  it('makes a typed word and the word it misspells share a key', () => {
    for (const [typed, word] of [['smiht', 'smith'], ['brian', 'briain'], ['smyth', 'smith'], ['jonse', 'jones']] as const) {
      const keys = new Set([word, ...deletionVariants(word)]);
      expect([typed, ...deletionVariants(typed)].some((k) => keys.has(k))).toBe(true);
    }
  });
});
