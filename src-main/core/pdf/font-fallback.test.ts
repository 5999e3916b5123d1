import { describe, expect, it } from 'vitest';
import { NAME_CORPUS } from '../test-support/pdf-tools';
import { boldOf, faceCovers, fontRuns } from './font-fallback';

describe('font fallback', () => {
  it('gives every code point of every corpus name a font that has a glyph for it (no .notdef)', () => {
    for (const { name } of NAME_CORPUS) {
      const runs = fontRuns(name);
      expect(runs.map((r) => r.text).join('')).toBe(name.normalize('NFC'));
      for (const run of runs) {
        for (const ch of run.text) {
          const cp = ch.codePointAt(0) as number;
          expect(faceCovers(run.face, cp), `${name}: U+${cp.toString(16)} in ${run.face}`).toBe(true);
          expect(faceCovers(boldOf(run.face), cp), `${name}: U+${cp.toString(16)} in bold ${run.face}`).toBe(true);
        }
      }
    }
  });

  it('picks the script font for each part of a mixed string, and keeps spaces with their neighbours', () => {
    const runs = fontRuns('Zoë فاطمة الزهراء שרה 王秀英 さくら 😀');
    expect(runs).toEqual([
      { face: 'sans', text: 'Zoë ' },
      { face: 'arabic', text: 'فاطمة الزهراء ' },
      { face: 'hebrew', text: 'שרה ' },
      { face: 'cjk', text: '王秀英 さくら ' },
      { face: 'emoji', text: '😀' },
    ]);
  });

  it('replaces a character no font has with U+FFFD rather than an empty box', () => {
    const linearB = String.fromCodePoint(0x10000);
    expect([0x10000].some((cp) => ['sans', 'arabic', 'hebrew', 'cjk', 'emoji'].some((f) => faceCovers(f as never, cp)))).toBe(false);
    expect(fontRuns(`A${linearB}B`)).toEqual([{ face: 'sans', text: 'A\ufffdB' }]);
  });

  it('drops an invisible selector the neighbouring font lacks, and keeps it with an emoji', () => {
    expect(fontRuns('Anna\ufe0f')).toEqual([{ face: 'sans', text: 'Anna' }]);
    expect(fontRuns('\u2764\ufe0f')).toEqual([{ face: 'emoji', text: '\u2764\ufe0f' }]);
  });
});
