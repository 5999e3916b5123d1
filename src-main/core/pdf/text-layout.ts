/**
 * Lines of mixed-script text: font fallback, line breaking and the bidi
 * visual order, drawn on a common baseline (docs/pdf.md, "Bidi").
 *
 * pdfkit lays text out word by word, left to right, which puts the words of
 * an Arabic or Hebrew phrase in the wrong order. So this module breaks lines
 * itself, gets each character's embedding level from bidi-js (the Unicode
 * Bidirectional Algorithm), cuts the line into runs of one level and one
 * font, orders the runs visually (UBA rule L2) and draws each run at its own
 * x. A right-to-left run in Arabic or Hebrew is handed to fontkit whole and in
 * logical order: fontkit shapes it (joining forms) and reverses its glyphs.
 */
import bidiFactory from 'bidi-js';
import type PDFDocument from 'pdfkit';
import { boldOf, breaksAround, faceChars, isRightToLeftScript, type FacedChar } from './font-fallback';
import type { FontFace } from './font-files';

type Doc = InstanceType<typeof PDFDocument>;

export interface TextStyle {
  size: number;
  bold?: boolean;
  color?: string;
}

interface LevelledChar extends FacedChar {
  level: number;
}

export interface VisualRun {
  face: FontFace;
  /** The characters in the order to hand to pdfkit. */
  text: string;
  /** fontkit reverses this run itself (an Arabic or Hebrew right-to-left run). */
  shapedRtl: boolean;
  /** The run's characters as written (logical order), for copy and search. */
  actual: string;
  width: number;
}

export interface TextLine {
  runs: VisualRun[];
  width: number;
  rtl: boolean;
}

const bidi = bidiFactory();
const SPACE = /\s/u;

function face(c: { face: FontFace }, style: TextStyle): FontFace {
  return style.bold ? boldOf(c.face) : c.face;
}

function widthOf(doc: Doc, faceName: FontFace, text: string, size: number, shaped: boolean): number {
  doc.font(faceName).fontSize(size);
  return doc.widthOfString(text, shaped ? { features: [] } : {});
}

/** Cut text (logical order) into break units: a word with its trailing spaces, or one ideograph or emoji. */
function breakUnits(chars: LevelledChar[]): LevelledChar[][] {
  const units: LevelledChar[][] = [];
  let current: LevelledChar[] = [];
  for (const c of chars) {
    const lastChar = current[current.length - 1];
    const afterSpace = lastChar !== undefined && SPACE.test(lastChar.ch) && !SPACE.test(c.ch);
    if (current.length > 0 && (afterSpace || breaksAround(c.ch) || (lastChar && breaksAround(lastChar.ch) && !SPACE.test(c.ch)))) {
      units.push(current);
      current = [];
    }
    current.push(c);
  }
  if (current.length > 0) units.push(current);
  return units;
}

function unitWidth(doc: Doc, unit: LevelledChar[], style: TextStyle): number {
  let width = 0;
  let start = 0;
  for (let i = 1; i <= unit.length; i++) {
    const a = unit[start] as LevelledChar;
    const b = unit[i];
    if (b && b.face === a.face) continue;
    const text = unit.slice(start, i).map((c) => c.out).join('');
    width += widthOf(doc, face(a, style), text, style.size, false);
    start = i;
  }
  return width;
}

/** Greedy line filling in logical order; a unit wider than the line is cut between characters. */
function fillLines(doc: Doc, chars: LevelledChar[], style: TextStyle, maxWidth: number): LevelledChar[][] {
  const lines: LevelledChar[][] = [];
  let line: LevelledChar[] = [];
  let lineWidth = 0;
  for (const unit of breakUnits(chars)) {
    const w = unitWidth(doc, unit, style);
    const trimmed = unit.filter((c) => !SPACE.test(c.ch));
    const fitWidth = trimmed.length === unit.length ? w : unitWidth(doc, trimmed, style);
    if (lineWidth + fitWidth <= maxWidth || line.length === 0) {
      if (line.length === 0 && fitWidth > maxWidth) {
        // One word wider than the column (a long email address): cut it where it overflows.
        for (const c of unit) {
          const cw = unitWidth(doc, [c], style);
          if (lineWidth + cw > maxWidth && line.length > 0) {
            lines.push(line);
            line = [];
            lineWidth = 0;
          }
          line.push(c);
          lineWidth += cw;
        }
        continue;
      }
      line.push(...unit);
      lineWidth += w;
    } else {
      lines.push(line);
      line = [...unit];
      lineWidth = w;
    }
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

/** UBA rule L2 on runs: from the highest level down to the lowest odd one, reverse every stretch at or above it. */
function visualOrder<T extends { level: number }>(runs: T[]): T[] {
  const out = [...runs];
  if (out.length === 0) return out;
  const levels = out.map((r) => r.level);
  const max = Math.max(...levels);
  const minOdd = Math.min(...levels.map((l) => (l % 2 === 1 ? l : l + 1)));
  for (let level = max; level >= minOdd; level--) {
    let i = 0;
    while (i < out.length) {
      if ((out[i] as T).level >= level) {
        let j = i;
        while (j < out.length && (out[j] as T).level >= level) j++;
        const reversed = out.slice(i, j).reverse();
        out.splice(i, j - i, ...reversed);
        i = j;
      } else i++;
    }
  }
  return out;
}

function lineRuns(doc: Doc, chars: LevelledChar[], style: TextStyle): VisualRun[] {
  // Trailing spaces take no room at the line's end, whichever side that is.
  let end = chars.length;
  while (end > 0 && SPACE.test((chars[end - 1] as LevelledChar).ch)) end--;
  const logical: Array<{ level: number; face: FontFace; chars: LevelledChar[] }> = [];
  for (const c of chars.slice(0, end)) {
    const last = logical[logical.length - 1];
    if (last && last.level === c.level && last.face === c.face) last.chars.push(c);
    else logical.push({ level: c.level, face: c.face, chars: [c] });
  }
  return visualOrder(logical).map((run) => {
    const rtl = run.level % 2 === 1;
    const shapedRtl = rtl && run.chars.some((c) => isRightToLeftScript(c.ch));
    const ordered = rtl && !shapedRtl ? [...run.chars].reverse() : run.chars;
    const text = ordered.map((c) => c.out).join('');
    const faceName = face(run, style);
    const actual = [...run.chars].reverse().map((c) => (c.out === '\ufffd' ? c.out : c.ch)).join('');
    return { face: faceName, text, shapedRtl, actual, width: widthOf(doc, faceName, text, style.size, shapedRtl) };
  });
}

/**
 * Lay out text in lines no wider than maxWidth. Each hard line ("\n") is its
 * own bidi paragraph, whose direction comes from its first strong character.
 */
export function layoutText(doc: Doc, text: string, style: TextStyle, maxWidth: number): TextLine[] {
  const lines: TextLine[] = [];
  for (const hardLine of text.normalize('NFC').split(/\r?\n/)) {
    if (hardLine.trim() === '') {
      lines.push({ runs: [], width: 0, rtl: false });
      continue;
    }
    const embedding = bidi.getEmbeddingLevels(hardLine, 'auto');
    const rtl = (embedding.paragraphs[0]?.level ?? 0) % 2 === 1;
    const mirrored = bidi.getMirroredCharactersMap(hardLine, embedding.levels);
    const chars: LevelledChar[] = faceChars(hardLine).map((c) => ({
      ...c,
      // A bracket in right-to-left text is drawn mirrored, so "(" still opens the phrase.
      out: mirrored.get(c.index) ?? c.out,
      level: embedding.levels[c.index] ?? 0,
    }));
    for (const line of fillLines(doc, chars, style, maxWidth)) {
      const runs = lineRuns(doc, line, style);
      lines.push({ runs, width: runs.reduce((sum, r) => sum + r.width, 0), rtl });
    }
  }
  return lines;
}

/** Draw one laid-out line with its baseline at y; right-to-left paragraphs align right unless told. */
export function drawLine(
  doc: Doc,
  line: TextLine,
  x: number,
  baselineY: number,
  width: number,
  style: TextStyle,
  align?: 'left' | 'right' | 'center',
): void {
  const side = align ?? (line.rtl ? 'right' : 'left');
  let cursor = side === 'right' ? x + width - line.width : side === 'center' ? x + (width - line.width) / 2 : x;
  for (const run of line.runs) {
    doc.font(run.face).fontSize(style.size).fillColor(style.color ?? '#000000');
    // Shaped Arabic shares one glyph between letters that differ only by dots
    // (reh/zain, feh/qaf), so the font's glyph-to-text map cannot say which was
    // written: ActualText carries the real letters for copy, search and pdftotext.
    if (run.shapedRtl) doc.markContent('Span', { actual: run.actual } as never);
    doc.text(run.text, cursor, baselineY, {
      lineBreak: false,
      baseline: 'alphabetic',
      ...(run.shapedRtl ? { features: [] } : {}),
    });
    if (run.shapedRtl) doc.endMarkedContent();
    cursor += run.width;
  }
}

/** The height one line of this style takes: room for Arabic marks above and below Latin. */
export function lineHeight(style: TextStyle): number {
  return style.size * 1.45;
}
