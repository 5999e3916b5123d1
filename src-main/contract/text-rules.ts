/**
 * Which characters text may hold (docs/text-hygiene.md). Control characters
 * (C0, DEL, C1) can drive a terminal or forge lines in a listing, and
 * text-direction characters can make "Smith" show as something else, so a
 * one-line field refuses both and a note refuses all but new lines and tabs.
 * Joiners (U+200C, U+200D) are never refused: Arabic, Indic scripts and emoji
 * sequences need them. Pure TypeScript: shared by the core, CLI and renderer.
 */

/**
 * Bidi overrides and embeddings (U+202A–U+202E) and isolates (U+2066–U+2069):
 * they reorder whatever follows them, so no field may hold them.
 */
const BIDI_CONTROLS = '\\u202a-\\u202e\\u2066-\\u2069';
/**
 * The invisible direction marks (LRM, RLM, ALM). A name written in one script
 * needs none (Arabic and Hebrew display right to left by themselves), and in a
 * one-line field their only effect is to move the digits and punctuation around
 * them; a note may hold them, where mixed-direction sentences can need them.
 */
const BIDI_MARKS = '\\u200e\\u200f\\u061c';
/** Line and paragraph separators: line breaks that a one-line field cannot show. */
const LINE_SEPARATORS = '\\u2028\\u2029';

const C0_C1 = '\\u0000-\\u001f\\u007f-\\u009f';
const C0_C1_BUT_TAB_AND_NEWLINE = '\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f';

const UNSAFE_IN_LINE = new RegExp(`[${C0_C1}${BIDI_CONTROLS}${BIDI_MARKS}${LINE_SEPARATORS}]`, 'u');
const UNSAFE_IN_NOTE = new RegExp(`[${C0_C1_BUT_TAB_AND_NEWLINE}${BIDI_CONTROLS}]`, 'u');
/** Everything the CLI shows as <U+XXXX>: all of the above, tab and newline included. */
const UNSAFE_ON_TERMINAL = new RegExp(`[${C0_C1}${BIDI_CONTROLS}${BIDI_MARKS}${LINE_SEPARATORS}]`, 'gu');
/** What JSON.stringify leaves raw: it escapes C0 itself, and its own layout newlines must stay. */
const RAW_IN_JSON = new RegExp(`[\\u007f-\\u009f${BIDI_CONTROLS}${BIDI_MARKS}${LINE_SEPARATORS}]`, 'gu');

/** True if one-line text (a name, a label, a batch number) holds a control or text-direction character. */
export function hasUnsafeLineCharacters(text: string): boolean {
  return UNSAFE_IN_LINE.test(text);
}

/** The text without its control and text-direction characters: for labels the app makes from what it is given (a file's name). */
export function withoutUnsafeLineCharacters(text: string): string {
  return text.replace(new RegExp(UNSAFE_IN_LINE.source, 'gu'), '');
}

/** True if a note holds a control or text-direction character other than a new line or a tab. */
export function hasUnsafeNoteCharacters(text: string): boolean {
  return UNSAFE_IN_NOTE.test(text);
}

/** Windows (CR LF) and old Mac (CR) line ends become LF, so a pasted note is not refused for them. */
export function normaliseLineEnds(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** The code point as people write it: U+202E. */
export function codePointLabel(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Makes every control and text-direction character visible (U+202E becomes
 * `<U+202E>`), so stored text can never move the cursor, recolour or reorder a
 * terminal. `keep` names the layout characters the caller itself put there.
 */
export function visibleControls(text: string, keep: { newline?: boolean; tab?: boolean } = {}): string {
  return text.replace(UNSAFE_ON_TERMINAL, (ch) => {
    if ((ch === '\n' && keep.newline) || (ch === '\t' && keep.tab)) return ch;
    return `<${codePointLabel(ch)}>`;
  });
}

/**
 * The same characters as JSON escapes (\u202e). JSON.stringify already escapes
 * C0 but leaves DEL, C1 and the direction characters raw; the escaped text
 * parses back to the very same string.
 */
export function jsonEscapeControls(json: string): string {
  return json.replace(RAW_IN_JSON, (ch) => `\\u${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}
