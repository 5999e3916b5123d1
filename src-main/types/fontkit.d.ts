// fontkit (the font engine inside pdfkit) ships no types. Only what the PDF
// builder uses is declared: coverage checks and the font's names.
declare module 'fontkit' {
  export interface FontkitFont {
    postscriptName: string;
    familyName: string;
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(buffer: Buffer): FontkitFont;
}
