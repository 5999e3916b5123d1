import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { FONT_FILES, fontBytes, type FontFace } from './font-files';
import { layoutText } from './text-layout';

function doc(): InstanceType<typeof PDFDocument> {
  const d = new PDFDocument({ size: 'A4' });
  for (const face of Object.keys(FONT_FILES) as FontFace[]) d.registerFont(face, fontBytes(face));
  return d;
}
const BODY = { size: 10 };
const runsOf = (text: string, width = 1000) => layoutText(doc(), text, BODY, width).map((l) => ({ rtl: l.rtl, runs: l.runs.map((r) => [r.face, r.text, r.shapedRtl]) }));

describe('text layout (bidi and font runs)', () => {
  it('keeps an Arabic name whole inside English text, for fontkit to shape and reverse', () => {
    expect(runsOf('Dear فاطمة الزهراء, welcome')).toEqual([
      // The comma is left-to-right (level 0) but keeps the Arabic font it follows: a neutral takes its neighbour's font.
      { rtl: false, runs: [['sans', 'Dear ', false], ['arabic', 'فاطمة الزهراء', true], ['arabic', ', ', false], ['sans', 'welcome', false]] },
    ]);
  });

  it('orders a right-to-left paragraph right to left: the Latin word that follows the Arabic one is drawn to its left', () => {
    expect(runsOf('مرحبا Anna 12')).toEqual([{ rtl: true, runs: [['sans', 'Anna 12', false], ['arabic', 'مرحبا ', true]] }]);
    expect(runsOf('שרה לוי')).toEqual([{ rtl: true, runs: [['hebrew', 'שרה לוי', true]] }]);
  });

  it('mirrors brackets in right-to-left text', () => {
    const [line] = layoutText(doc(), 'مهم (جدا)', BODY, 1000);
    expect(line?.runs.map((r) => r.text)).toEqual(['مهم )جدا(']);
  });

  it('hands fontkit the run whole, so the letters join (initial, medial and final forms)', () => {
    const [line] = layoutText(doc(), 'فاطمة', BODY, 1000);
    const run = line?.runs[0];
    const arabic = fontkit.create(fontBytes('arabic')) as unknown as { layout(t: string): { glyphs: Array<{ name: string }> } };
    const names = arabic.layout(run?.text ?? '').glyphs.map((g) => g.name);
    expect(names.some((n) => n.endsWith('.init'))).toBe(true);
    expect(names.some((n) => n.endsWith('.medi'))).toBe(true);
    expect(names.some((n) => n.endsWith('.fina'))).toBe(true);
  });

  it('wraps long text, Chinese without spaces included, within the width', () => {
    const d = doc();
    const latin = layoutText(d, 'Małgorzata Wójcik attended for a review of anti-wrinkle injections to the forehead.', BODY, 120);
    expect(latin.length).toBeGreaterThan(2);
    for (const l of latin) expect(l.width).toBeLessThanOrEqual(120);
    const chinese = layoutText(d, '王秀英'.repeat(20), BODY, 100);
    expect(chinese.length).toBeGreaterThan(2);
    for (const l of chinese) expect(l.width).toBeLessThanOrEqual(100);
    expect(chinese.flatMap((l) => l.runs.map((r) => r.text)).join('')).toBe('王秀英'.repeat(20));
  });
});
