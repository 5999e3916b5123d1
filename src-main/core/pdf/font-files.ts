/**
 * Where the PDF fonts live, and reading them once per process.
 *
 * The fonts come from the installed Noto packages (SIL Open Font License), so
 * the same path works in dev (tsx), tests (vitest) and the packaged app: the
 * bundled main process resolves node_modules from inside app.asar, and
 * electron-builder.yml keeps only the files listed here (docs/pdf.md,
 * "Packaging"). A font added here must also be kept there.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The font faces a PDF can use, in the order the fallback tries them. */
export type FontFace = 'sans' | 'sans-bold' | 'arabic' | 'arabic-bold' | 'hebrew' | 'hebrew-bold' | 'cjk' | 'emoji';

/** Package-relative TTF for each face. CJK and emoji have no bold here: the SC bold alone is 10 MB. */
export const FONT_FILES: Readonly<Record<FontFace, string>> = {
  sans: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  'sans-bold': '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  arabic: '@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf',
  'arabic-bold': '@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf',
  hebrew: '@expo-google-fonts/noto-sans-hebrew/400Regular/NotoSansHebrew_400Regular.ttf',
  'hebrew-bold': '@expo-google-fonts/noto-sans-hebrew/700Bold/NotoSansHebrew_700Bold.ttf',
  // Noto Sans SC also carries Japanese kana and the CJK punctuation.
  cjk: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  emoji: '@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf',
};

const requireFromHere = createRequire(import.meta.url);
const cache = new Map<FontFace, Buffer>();

export function fontPath(face: FontFace): string {
  return requireFromHere.resolve(FONT_FILES[face]);
}

/** The face's TTF bytes, read on first use and kept: pdfkit subsets from them for every document. */
export function fontBytes(face: FontFace): Buffer {
  let bytes = cache.get(face);
  if (!bytes) {
    bytes = readFileSync(fontPath(face));
    cache.set(face, bytes);
  }
  return bytes;
}
