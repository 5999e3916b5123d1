/**
 * Font fallback: which embedded font draws each character.
 *
 * No single font covers every script a client's name can be written in, so a
 * string is split into runs and each run gets the first font that has glyphs
 * for it (docs/pdf.md, "Fallback"). A character no font has would print as
 * the empty box (.notdef); it is replaced by U+FFFD so the gap is visible, and
 * invisible joiners or selectors the chosen font lacks are dropped.
 */
import * as fontkit from 'fontkit';
import { fontBytes, type FontFace } from './font-files';

export interface FontRun {
  face: FontFace;
  text: string;
}

/** One character of a string with the face that draws it (`out` differs from `ch` only for U+FFFD). */
export interface FacedChar {
  ch: string;
  out: string;
  face: FontFace;
  /** Index of `ch` in the NFC-normalised string (UTF-16 units), for the bidi levels. */
  index: number;
}

const REGULAR_ORDER: readonly FontFace[] = ['sans', 'arabic', 'hebrew', 'cjk', 'emoji'];
const BOLD_OF: Partial<Record<FontFace, FontFace>> = { sans: 'sans-bold', arabic: 'arabic-bold', hebrew: 'hebrew-bold' };

const fonts = new Map<FontFace, fontkit.FontkitFont>();
function font(face: FontFace): fontkit.FontkitFont {
  let f = fonts.get(face);
  if (!f) {
    f = fontkit.create(fontBytes(face));
    fonts.set(face, f);
  }
  return f;
}

export function faceCovers(face: FontFace, codePoint: number): boolean {
  return font(face).hasGlyphForCodePoint(codePoint);
}

const EMOJI = /\p{Emoji_Presentation}|\p{Extended_Pictographic}/u;
const ARABIC = /\p{Script=Arabic}/u;
const HEBREW = /\p{Script=Hebrew}/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\u3000-\u303f\uff00-\uffef]/u;
/** Digits, spaces, punctuation and combining marks take the font of what they sit beside. */
const NEUTRAL = /[\p{Script=Common}\p{Script=Inherited}]/u;
/** Invisible: variation selectors, joiners, bidi marks. Dropped when the chosen font lacks them. */
const INVISIBLE_RANGES: ReadonlyArray<[number, number]> = [
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x2064],
  [0x2066, 0x2069],
  [0xfe00, 0xfe0f],
  [0xe0100, 0xe01ef],
];
function isInvisible(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return INVISIBLE_RANGES.some(([from, to]) => cp >= from && cp <= to);
}
const REPLACEMENT = '\ufffd';

/** The face a script prefers before the general order; © and ✓ stay in Noto Sans, which has them. */
function preferred(ch: string, cp: number): FontFace | null {
  if (EMOJI.test(ch) && !faceCovers('sans', cp)) return 'emoji';
  if (ARABIC.test(ch)) return 'arabic';
  if (HEBREW.test(ch)) return 'hebrew';
  if (CJK.test(ch)) return 'cjk';
  return null;
}

/** The regular face that draws this character, given the face of the character before it; null if none has it. */
export function faceFor(ch: string, previous: FontFace | null): FontFace | null {
  const cp = ch.codePointAt(0) ?? 0;
  const first = preferred(ch, cp);
  if (first && faceCovers(first, cp)) return first;
  if (previous && NEUTRAL.test(ch) && faceCovers(previous, cp)) return previous;
  for (const face of REGULAR_ORDER) if (faceCovers(face, cp)) return face;
  return null;
}

/** The bold face for a regular one (CJK and emoji have none here: their regular draws bold text). */
export function boldOf(face: FontFace): FontFace {
  return BOLD_OF[face] ?? face;
}

/** Every drawable character of an NFC string with its face; line breaks are the caller's. */
export function faceChars(nfcText: string): FacedChar[] {
  const out: FacedChar[] = [];
  let previous: FontFace | null = null;
  let index = 0;
  for (const ch of nfcText) {
    const at = index;
    index += ch.length;
    const face = faceFor(ch, previous);
    if (isInvisible(ch) && (face === null || (previous !== null && face !== previous))) continue;
    if (face === null) {
      out.push({ ch, out: REPLACEMENT, face: 'sans', index: at });
      previous = 'sans';
      continue;
    }
    out.push({ ch, out: ch, face, index: at });
    previous = face;
  }
  return out;
}

/**
 * Split text into runs of one font each, in logical order. Every character of
 * every run is covered by the run's face (the test corpus checks it with fontkit).
 */
export function fontRuns(text: string): FontRun[] {
  const runs: FontRun[] = [];
  for (const c of faceChars(text.normalize('NFC'))) {
    const last = runs[runs.length - 1];
    if (last && last.face === c.face) last.text += c.out;
    else runs.push({ face: c.face, text: c.out });
  }
  return runs;
}

export function isRightToLeftScript(ch: string): boolean {
  return ARABIC.test(ch) || HEBREW.test(ch);
}

/** A place a line may break before: ideographs and emoji have no spaces between them. */
export function breaksAround(ch: string): boolean {
  return CJK.test(ch) || EMOJI.test(ch);
}
