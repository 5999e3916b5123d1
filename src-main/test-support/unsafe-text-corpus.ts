/**
 * Strings that must never be stored in a one-line field (docs/text-hygiene.md),
 * and real names that must always be. Shared by the schema, dispatcher and CLI tests.
 */

/** Each one can drive a terminal or disguise text; labelled for test names. */
export const UNSAFE_SAMPLES: ReadonlyArray<readonly [label: string, text: string]> = [
  ['NUL', '\u0000'],
  ['ANSI red (ESC [31m)', '\u001b[31m'],
  ['right-to-left override U+202E', '\u202e'],
  ['left-to-right isolate U+2066', '\u2066'],
  ['next line U+0085 (C1)', '\u0085'],
  ['CSI U+009B (C1)', '\u009b'],
  ['DEL', '\u007f'],
  ['carriage return', '\r'],
  ['new line', '\n'],
  ['right-to-left mark U+200F', '\u200f'],
  ['line separator U+2028', '\u2028'],
];

/** Controls a note still refuses: everything above but new lines, carriage returns (made new lines), tabs and the direction marks. */
export const UNSAFE_IN_NOTES = UNSAFE_SAMPLES.filter(([, t]) => !['\n', '\r', '\u200f', '\u2028'].includes(t));

/** Names from the clinic's real clientele: accents, right-to-left scripts, CJK and emoji joined by ZWJ. */
export const GOOD_NAMES: ReadonlyArray<readonly [label: string, text: string]> = [
  ['Polish', 'Zofia Wójcik-Łęczyńska'],
  ['Arabic', 'فاطمة الزهراء'],
  ['Persian with a zero-width non-joiner', 'می\u200cخواهم'],
  ['Hebrew', 'שרה כהן'],
  ['Chinese', '王小明'],
  ['Hindi with a zero-width joiner', 'क्\u200dष'],
  ['emoji ZWJ sequence', 'Ana 👩\u200d⚕\ufe0f'],
  ['family emoji', '👨\u200d👩\u200d👧'],
];
