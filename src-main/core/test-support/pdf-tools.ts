/**
 * Test support (not shipped): read a PDF the way a person or another program
 * would, with poppler's command-line tools (pdftotext, pdfinfo, pdffonts,
 * pdfimages, pdftoppm), and the corpus of names in every script the PDFs must
 * print without a box.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';

/** Made-up names, one per script the issue lists. */
export const NAME_CORPUS: ReadonlyArray<{ script: string; name: string }> = [
  { script: 'Latin with diacritics', name: 'Zoë Ōkubo-Łukasiewicz' },
  { script: 'Polish', name: 'Małgorzata Wójcik' },
  { script: 'Greek', name: 'Γιώργος Παπαδόπουλος' },
  { script: 'Cyrillic', name: 'Анна Кузнецова' },
  { script: 'Arabic', name: 'فاطمة الزهراء' },
  { script: 'Hebrew', name: 'שרה לוי' },
  { script: 'Chinese', name: '王秀英' },
  { script: 'Japanese', name: '佐藤さくら' },
  { script: 'Emoji', name: '😀🎉' },
];

export function tempPdfPath(name = 'test.pdf'): string {
  return join(mkdtempSync(join(tmpdir(), 'cv-pdf-')), name);
}

/** Run a builder-like writer into a file and return its path. */
export async function writeToFile<T>(path: string, write: (out: NodeJS.WritableStream) => Promise<T>): Promise<T> {
  const out = createWriteStream(path);
  const result = await write(out);
  if (!out.writableFinished) await once(out, 'finish');
  return result;
}

/** Bidi marks pdftotext adds around right-to-left text, removed before comparing. */
export function normaliseExtracted(text: string): string {
  return text.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').normalize('NFC');
}

export function pdfText(path: string, opts: { password?: string; first?: number; last?: number; layout?: boolean } = {}): string {
  const args = [
    ...(opts.password ? ['-upw', opts.password] : []),
    ...(opts.first ? ['-f', String(opts.first)] : []),
    ...(opts.last ? ['-l', String(opts.last)] : []),
    ...(opts.layout ? ['-layout'] : []),
    path,
    '-',
  ];
  return normaliseExtracted(execFileSync('pdftotext', args, { encoding: 'utf8' }));
}

/** pdftotext's exit status and error text, for a file it may not be able to open. */
export function tryPdfText(path: string, password?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('pdftotext', [...(password ? ['-upw', password] : []), path, '-'], { encoding: 'utf8' });
  return { status: r.status, stdout: normaliseExtracted(r.stdout), stderr: r.stderr };
}

export function pdfInfo(path: string, password?: string): Record<string, string> {
  const out = execFileSync('pdfinfo', [...(password ? ['-upw', password] : []), path], { encoding: 'utf8' });
  const info: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) info[m[1] as string] = m[2] as string;
  }
  return info;
}

/** pdffonts rows: name (with the subset tag), embedded, subset. */
export function pdfFonts(path: string): Array<{ name: string; embedded: boolean; subset: boolean }> {
  const out = execFileSync('pdffonts', [path], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim() !== '');
  return out.map((line) => {
    const cols = line.trim().split(/\s+/);
    // name type... encoding emb sub uni objectID gen: the flags are the 5th-3rd from the end.
    return { name: cols[0] as string, embedded: cols[cols.length - 5] === 'yes', subset: cols[cols.length - 4] === 'yes' };
  });
}

export function pdfImageCount(path: string, password?: string): number {
  const out = execFileSync('pdfimages', [...(password ? ['-upw', password] : []), '-list', path], { encoding: 'utf8' });
  return out.split('\n').slice(2).filter((l) => l.trim() !== '').length;
}

export function fileBytes(path: string): Buffer {
  return readFileSync(path);
}
