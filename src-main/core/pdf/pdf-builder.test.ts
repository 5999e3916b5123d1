import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  NAME_CORPUS,
  fileBytes,
  pdfFonts,
  pdfImageCount,
  pdfInfo,
  pdfText,
  tempPdfPath,
  tryPdfText,
  writeToFile,
} from '../test-support/pdf-tools';
import { PdfBuilder } from './pdf-builder';
import type { PdfOptions } from './pdf-types';

const LETTERHEAD = {
  clinicName: 'Harbourside Aesthetics',
  addressLines: ['1 Quay Street', 'Bristol BS1 4DJ'],
  phone: '0117 496 0123',
  email: 'hello@example.com',
  icoRegistration: 'ZA123456',
};

function corpusDocument(options: Partial<PdfOptions> = {}): PdfBuilder {
  const pdf = new PdfBuilder({ title: 'Subject access response', reference: 'DSR-2026-0007', letterhead: LETTERHEAD, tableOfContents: true, ...options });
  pdf.letterheadBlock().paragraph('Dear Zoë Ōkubo-Łukasiewicz,').paragraph('Here is everything we hold about you.').pageBreak();
  pdf.heading('Identity and contact', 1);
  pdf.fields(NAME_CORPUS.map(({ script, name }) => [script, name]));
  pdf.heading('Names in running text', 2);
  for (const { name } of NAME_CORPUS) pdf.paragraph(`The client ${name} attended.`);
  pdf.heading('Treatments', 1);
  pdf.table(
    ['Date', 'Treatment', 'Batch'],
    Array.from({ length: 70 }, (_, i) => [`0${(i % 9) + 1}/03/2026`, `Treatment ${i + 1}: anti-wrinkle injections, forehead`, `B${1000 + i}`]),
  );
  pdf.heading('Notes', 1).withheld('third-party data');
  return pdf;
}

describe('PdfBuilder', () => {
  it('prints a name in every script, which pdftotext reads back', async () => {
    const path = tempPdfPath();
    await writeToFile(path, (out) => corpusDocument().finish(out));
    const text = pdfText(path);
    for (const { script, name } of NAME_CORPUS) expect(text, script).toContain(name.normalize('NFC'));
  });

  it('embeds each font as a subset, Arabic, Hebrew, CJK and emoji included', async () => {
    const path = tempPdfPath();
    await writeToFile(path, (out) => corpusDocument().finish(out));
    const fonts = pdfFonts(path);
    const names = fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, ''));
    expect(names).toEqual(expect.arrayContaining(['NotoSans-Regular', 'NotoSans-Bold', 'NotoSansArabic-Regular', 'NotoSansHebrew-Regular', 'NotoSansSC-Regular', 'NotoEmoji-Regular']));
    for (const f of fonts) expect(f, f.name).toMatchObject({ embedded: true, subset: true });
    // Subset: the 10 MB CJK font does not travel whole.
    expect(fileBytes(path).length).toBeLessThan(400_000);
  });

  it('numbers pages "Page X of Y", repeats the reference in the header, and lists headings with their pages in the contents', async () => {
    const path = tempPdfPath();
    const result = await writeToFile(path, (out) => corpusDocument().finish(out));
    const pages = Number(pdfInfo(path)['Pages']);
    expect(result.pages).toBe(pages);
    expect(pages).toBeGreaterThanOrEqual(5);
    for (let p = 1; p <= pages; p++) expect(pdfText(path, { first: p, last: p })).toContain(`Page ${p} of ${pages}`);
    // Page 1 carries the letterhead, not the running header; every other page has the reference.
    expect(pdfText(path, { first: 1, last: 1 })).not.toContain('Ref: DSR-2026-0007');
    for (let p = 2; p <= pages; p++) expect(pdfText(path, { first: p, last: p })).toContain('Ref: DSR-2026-0007');

    // Contents on page 2 (the cover letter is page 1): levels 1 and 2, each with the page it starts on.
    const contents = pdfText(path, { first: 2, last: 2, layout: true });
    expect(contents).toContain('Contents');
    const pageOf = (heading: string): number => {
      for (let p = 3; p <= pages; p++) if (pdfText(path, { first: p, last: p }).split('\n').some((l) => l.trim() === heading)) return p;
      throw new Error(`${heading} not found`);
    };
    for (const heading of ['Identity and contact', 'Names in running text', 'Treatments', 'Notes']) {
      expect(contents).toMatch(new RegExp(`${heading}\\s+${pageOf(heading)}\\n`));
    }
    expect(pageOf('Notes')).toBeGreaterThan(pageOf('Treatments'));
  });

  it('shows a withheld item as a labelled gap', async () => {
    const path = tempPdfPath();
    await writeToFile(path, (out) => corpusDocument().finish(out));
    expect(pdfText(path)).toContain('Withheld: third-party data');
  });

  it('returns the SHA-256 and size of exactly the bytes it wrote', async () => {
    const path = tempPdfPath();
    const result = await writeToFile(path, (out) => corpusDocument().finish(out));
    const bytes = fileBytes(path);
    expect(result.bytes).toBe(bytes.length);
    expect(result.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('with a password, encrypts with AES-256: unreadable without it, readable and printable with it', async () => {
    const path = tempPdfPath();
    await writeToFile(path, (out) => corpusDocument({ password: 'correct horse battery' }).finish(out));
    const without = tryPdfText(path);
    expect(without.status).not.toBe(0);
    expect(without.stdout).not.toContain('Małgorzata');
    expect(tryPdfText(path, 'wrong password').status).not.toBe(0);
    expect(pdfText(path, { password: 'correct horse battery' })).toContain('Małgorzata Wójcik');
    const info = pdfInfo(path, 'correct horse battery');
    expect(info['Encrypted']).toMatch(/yes/);
    expect(info['Encrypted']).toMatch(/print:yes/);
    expect(info['Encrypted']).toMatch(/AES-256/);
    // Nothing readable in the file's bytes either.
    expect(fileBytes(path).includes(Buffer.from('Subject access response'))).toBe(false);
  });

  it('without a password the file is not encrypted', async () => {
    const path = tempPdfPath();
    await writeToFile(path, (out) => corpusDocument().finish(out));
    expect(pdfInfo(path)['Encrypted']).toBe('no');
  });

  it('embeds JPEG and PNG images with their captions, fitted to the page', async () => {
    const jpeg = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#3366aa' } }).jpeg().toBuffer();
    const png = await sharp({ create: { width: 400, height: 900, channels: 4, background: '#aa6633ff' } }).png().toBuffer();
    const path = tempPdfPath();
    const pdf = new PdfBuilder({ title: 'Photos', reference: 'DSR-2026-0001', letterhead: LETTERHEAD });
    pdf.heading('Photos', 1).image(jpeg, { caption: 'Before, 01/03/2026 — consent: clinical record only' }).image(png, { caption: 'After', maxHeightPt: 200 });
    await writeToFile(path, (out) => pdf.finish(out));
    expect(pdfImageCount(path)).toBeGreaterThanOrEqual(2);
    const text = pdfText(path);
    expect(text).toContain('Before, 01/03/2026 — consent: clinical record only');
    expect(text).toContain('After');
  });

  it('rejects when the output fails (a full disk), and stops when told to', async () => {
    const failing = new Writable({
      write(_chunk, _enc, done) {
        const error = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        done(error);
      },
    });
    await expect(corpusDocument().finish(failing)).rejects.toThrow(/ENOSPC/);

    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk);
        done();
      },
    });
    let calls = 0;
    const stop = (): void => {
      if (++calls === 3) throw new Error('Stopped by the user');
    };
    await expect(corpusDocument().finish(sink, { throwIfStopped: stop })).rejects.toThrow('Stopped by the user');
    // What was written is not a complete PDF: the caller deletes it.
    expect(Buffer.concat(chunks).includes(Buffer.from('%%EOF'))).toBe(false);
  });
});
