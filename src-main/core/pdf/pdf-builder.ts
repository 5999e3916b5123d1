/**
 * PdfBuilder: print-ready A4 documents (letters, the record of processing, the
 * subject-access pack) in any script, with contents, "Page X of Y", a running
 * header with the reference, withheld gaps, and optional AES-256.
 *
 * Calls record blocks; finish() lays them out. Recording first means the
 * contents page can be sized before anything is drawn (one pass), and the
 * pages are kept open (pdfkit bufferPages) only for their small content
 * streams: images and fonts are written to the output as they are met.
 */
import { randomBytes } from 'node:crypto';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { FONT_FILES, fontBytes, type FontFace } from './font-files';
import { CONTENT_WIDTH, PAGE } from './page-geometry';
import type { FinishOptions, PdfOptions, PdfResult } from './pdf-types';
import { drawLine, layoutText, lineHeight, type TextLine, type TextStyle } from './text-layout';

type Doc = InstanceType<typeof PDFDocument>;

type Block =
  | { kind: 'letterhead' }
  | { kind: 'heading'; text: string; level: 1 | 2 | 3 }
  | { kind: 'paragraph'; text: string; bold: boolean; muted: boolean }
  | { kind: 'fields'; rows: Array<[string, string]> }
  | { kind: 'table'; columns: string[]; rows: string[][] }
  | { kind: 'image'; data: Buffer; caption: string; maxHeightPt: number }
  | { kind: 'withheld'; label: string }
  | { kind: 'pageBreak' }
  | { kind: 'contents' };

const BODY: TextStyle = { size: 10 };
const MUTED = '#555555';
const RULE = '#b0b0b0';
const HEADING: Record<1 | 2 | 3, TextStyle> = {
  1: { size: 16, bold: true },
  2: { size: 13, bold: true },
  3: { size: 11, bold: true },
};
const CELL: TextStyle = { size: 9 };
const CELL_PAD = 4;
const TOC_LINE = 18;

interface TocEntry {
  text: string;
  level: 1 | 2;
  page: number;
  destination: string;
}

export class PdfBuilder {
  private readonly blocks: Block[] = [];

  constructor(private readonly options: PdfOptions) {}

  letterheadBlock(): this {
    this.blocks.push({ kind: 'letterhead' });
    return this;
  }

  /** Levels 1 and 2 go in the table of contents (and the PDF's bookmarks). */
  heading(text: string, level: 1 | 2 | 3): this {
    this.blocks.push({ kind: 'heading', text, level });
    return this;
  }

  paragraph(text: string, opts: { bold?: boolean; muted?: boolean } = {}): this {
    this.blocks.push({ kind: 'paragraph', text, bold: opts.bold ?? false, muted: opts.muted ?? false });
    return this;
  }

  fields(rows: Array<[label: string, value: string]>): this {
    this.blocks.push({ kind: 'fields', rows });
    return this;
  }

  table(columns: string[], rows: string[][]): this {
    this.blocks.push({ kind: 'table', columns, rows });
    return this;
  }

  /** JPEG or PNG, drawn as given: scale big photos first (image-scaling.ts), a page needs ~1600 px. */
  image(data: Buffer, opts: { caption: string; maxHeightPt?: number }): this {
    this.blocks.push({ kind: 'image', data, caption: opts.caption, maxHeightPt: opts.maxHeightPt ?? 380 });
    return this;
  }

  /** A labelled gap where an item was withheld: "Withheld: third-party data". */
  withheld(reasonLabel: string): this {
    this.blocks.push({ kind: 'withheld', label: reasonLabel });
    return this;
  }

  pageBreak(): this {
    this.blocks.push({ kind: 'pageBreak' });
    return this;
  }

  /**
   * Lay the document out and write it to `out` (which is ended). Resolves once
   * `out` has taken every byte; on a stop or a write error it rejects and the
   * caller removes the partial file.
   */
  async finish(out: NodeJS.WritableStream, opts: FinishOptions = {}): Promise<PdfResult> {
    const doc = createDocument(this.options);
    const hash = createHash('sha256');
    let bytes = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    const written = pipeline(doc, tap, out);
    // If writing fails early, stop laying out; the rejection surfaces below.
    let writeError: unknown = null;
    written.catch((error: unknown) => {
      writeError = error;
    });
    let pages: number;
    try {
      const renderer = new Renderer(doc, this.options);
      const blocks = this.withContents();
      for (let i = 0; i < blocks.length; i++) {
        if (writeError) throw writeError;
        opts.throwIfStopped?.();
        renderer.render(blocks[i] as Block, blocks);
        opts.progress?.(i + 1, blocks.length);
        // Let the output drain (and the worker answer a stop) between blocks.
        if (i % 4 === 3) await new Promise((resolve) => setImmediate(resolve));
      }
      pages = renderer.finishPages();
      doc.end();
    } catch (error) {
      doc.destroy(error instanceof Error ? error : new Error(String(error)));
      await written.catch(() => undefined);
      throw error;
    }
    await written;
    return { pages, sha256: hash.digest('hex'), bytes };
  }

  /** The blocks with a contents marker before the first level-1 heading, when asked for. */
  private withContents(): Block[] {
    if (!this.options.tableOfContents) return this.blocks;
    const at = this.blocks.findIndex((b) => b.kind === 'heading' && b.level === 1);
    const blocks = [...this.blocks];
    blocks.splice(at < 0 ? blocks.length : at, 0, { kind: 'contents' });
    return blocks;
  }
}

function createDocument(options: PdfOptions): Doc {
  const encryption = options.password
    ? {
        pdfVersion: '1.7ext3' as const,
        userPassword: options.password,
        // A random owner password nobody holds: the permissions cannot be lifted.
        ownerPassword: randomBytes(24).toString('base64url'),
        permissions: { printing: 'highResolution' as const, copying: true, contentAccessibility: true },
      }
    : { pdfVersion: '1.7' as const };
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: PAGE.top, bottom: PAGE.height - PAGE.bottom, left: PAGE.left, right: PAGE.width - PAGE.right },
    bufferPages: true,
    autoFirstPage: true,
    lang: 'en-GB',
    displayTitle: true,
    info: { Title: options.title, Producer: 'Clinic Vault', Creator: 'Clinic Vault' },
    ...encryption,
  });
  for (const face of Object.keys(FONT_FILES) as FontFace[]) doc.registerFont(face, fontBytes(face));
  return doc;
}

/** Lays blocks out on the pages, keeping the cursor and what the contents page needs. */
class Renderer {
  private y: number = PAGE.top;
  private readonly toc: TocEntry[] = [];
  private tocPages: { first: number; count: number } | null = null;
  private headingCount = 0;
  private firstPageIsLetterhead = false;

  constructor(
    private readonly doc: Doc,
    private readonly options: PdfOptions,
  ) {}

  private get pageIndex(): number {
    return this.doc.bufferedPageRange().start + this.doc.bufferedPageRange().count - 1;
  }

  private newPage(): void {
    this.doc.addPage();
    this.y = PAGE.top;
  }

  private ensure(height: number): void {
    if (this.y + height > PAGE.bottom && this.y > PAGE.top) this.newPage();
  }

  private lines(text: string, style: TextStyle, width: number = CONTENT_WIDTH): TextLine[] {
    return layoutText(this.doc, text, style, width);
  }

  /** Draw text line by line from the cursor, starting a page when one is full. */
  private flow(text: string, style: TextStyle, x: number = PAGE.left, width: number = CONTENT_WIDTH): void {
    const lh = lineHeight(style);
    for (const line of this.lines(text, style, width)) {
      this.ensure(lh);
      drawLine(this.doc, line, x, this.y + style.size, width, style);
      this.y += lh;
    }
  }

  render(block: Block, all: Block[]): void {
    switch (block.kind) {
      case 'letterhead':
        if (this.pageIndex === 0 && this.y === PAGE.top) this.firstPageIsLetterhead = true;
        return this.letterhead();
      case 'heading':
        return this.heading(block.text, block.level);
      case 'paragraph':
        this.flow(block.text, { ...BODY, bold: block.bold, color: block.muted ? MUTED : '#000000' });
        this.y += 6;
        return;
      case 'fields':
        return this.grid(null, block.rows, [0.34, 0.66], true);
      case 'table':
        return this.grid(block.columns, block.rows, columnShares(this.doc, block.columns, block.rows), false);
      case 'image':
        return this.image(block.data, block.caption, block.maxHeightPt);
      case 'withheld':
        return this.withheld(block.label);
      case 'pageBreak':
        if (this.y > PAGE.top) this.newPage();
        return;
      case 'contents':
        return this.reserveContents(all);
    }
  }

  private letterhead(): void {
    const lh = this.options.letterhead;
    this.flow(lh.clinicName, { size: 18, bold: true });
    const contact = [
      ...lh.addressLines.filter((l) => l.trim() !== ''),
      [lh.phone ? `Tel ${lh.phone}` : '', lh.email ?? ''].filter(Boolean).join('  ·  '),
      lh.icoRegistration ? `ICO registration ${lh.icoRegistration}` : '',
    ].filter((l) => l !== '');
    for (const line of contact) this.flow(line, { size: 9, color: MUTED });
    this.y += 4;
    this.rule();
    this.y += 14;
  }

  private rule(): void {
    this.doc.moveTo(PAGE.left, this.y).lineTo(PAGE.right, this.y).lineWidth(0.6).strokeColor(RULE).stroke();
  }

  private heading(text: string, level: 1 | 2 | 3): void {
    const style = HEADING[level];
    // Keep a heading with the first lines under it.
    this.ensure(lineHeight(style) + 3 * lineHeight(BODY));
    if (this.y > PAGE.top) this.y += level === 1 ? 10 : 6;
    if (level !== 3) {
      const destination = `h${++this.headingCount}`;
      this.doc.addNamedDestination(destination, 'XYZ', PAGE.left, PAGE.height - this.y, null);
      this.toc.push({ text, level, page: this.pageIndex, destination });
      if (level === 1) this.doc.outline.addItem(text);
    }
    this.flow(text, style);
    this.y += 4;
  }

  /** A table (header row repeated on each page) or label/value fields; rows may run over pages. */
  private grid(columns: string[] | null, rows: string[][], shares: number[], labels: boolean): void {
    const widths = shares.map((s) => s * CONTENT_WIDTH);
    const lh = lineHeight(CELL);
    const header = columns ? columns.map((c, i) => this.lines(c, { ...CELL, bold: true }, (widths[i] ?? 0) - 2 * CELL_PAD)) : null;
    const drawHeader = (): void => {
      if (!header) return;
      const h = Math.max(...header.map((l) => l.length)) * lh + 2 * CELL_PAD;
      this.doc.rect(PAGE.left, this.y, CONTENT_WIDTH, h).fillColor('#eeeeee').fill();
      this.drawCells(header, widths, { ...CELL, bold: true }, 0, Math.max(...header.map((l) => l.length)), false, this.y + CELL_PAD);
      this.y += h;
    };
    this.ensure((header ? 2 : 1) * (lh + 2 * CELL_PAD));
    drawHeader();
    for (const row of rows) {
      const cells = widths.map((w, i) =>
        this.lines(row[i] ?? '', labels && i === 0 ? { ...CELL, bold: true, color: MUTED } : CELL, w - 2 * CELL_PAD),
      );
      const height = Math.max(1, ...cells.map((c) => c.length));
      if (this.y + lh + 2 * CELL_PAD > PAGE.bottom) {
        this.newPage();
        drawHeader();
      }
      this.doc.moveTo(PAGE.left, this.y).lineTo(PAGE.right, this.y).lineWidth(0.4).strokeColor(RULE).stroke();
      this.y += CELL_PAD;
      // Line k of every cell, then line k+1: a tall row continues on the next page.
      for (let k = 0; k < height; k++) {
        if (this.y + lh > PAGE.bottom) {
          this.newPage();
          drawHeader();
        }
        this.drawCells(cells, widths, CELL, k, k + 1, labels, this.y);
        this.y += lh;
      }
      this.y += CELL_PAD;
    }
    this.doc.moveTo(PAGE.left, this.y).lineTo(PAGE.right, this.y).lineWidth(0.4).strokeColor(RULE).stroke();
    this.y += 10;
  }

  /** Lines from..to of each cell, the first with its top at `top`. */
  private drawCells(cells: TextLine[][], widths: number[], style: TextStyle, from: number, to: number, labels: boolean, top: number): void {
    let x = PAGE.left;
    cells.forEach((lines, i) => {
      const w = widths[i] ?? 0;
      const cellStyle = labels && i === 0 ? { ...style, bold: true, color: MUTED } : style;
      for (let k = from; k < to; k++) {
        const line = lines[k];
        if (line) drawLine(this.doc, line, x + CELL_PAD, top + (k - from) * lineHeight(CELL) + cellStyle.size, w - 2 * CELL_PAD, cellStyle);
      }
      x += w;
    });
  }

  private image(data: Buffer, caption: string, maxHeight: number): void {
    // pdfkit's types omit openImage; it parses the header only (JPEG data is embedded as it is).
    const img = (this.doc as unknown as { openImage(src: Buffer): { width: number; height: number } }).openImage(data);
    const scale = Math.min(CONTENT_WIDTH / img.width, maxHeight / img.height, 1);
    const w = img.width * scale;
    const h = img.height * scale;
    const captionHeight = this.lines(caption, { size: 9 }).length * lineHeight({ size: 9 });
    this.ensure(h + captionHeight + 6);
    this.doc.image(img as unknown as Buffer, PAGE.left, this.y, { width: w, height: h });
    this.y += h + 4;
    this.flow(caption, { size: 9, color: MUTED });
    this.y += 8;
  }

  private withheld(label: string): void {
    const style: TextStyle = { size: 10, bold: true, color: '#333333' };
    const lines = this.lines(`Withheld: ${label}`, style, CONTENT_WIDTH - 20);
    const h = lines.length * lineHeight(style) + 16;
    this.ensure(h);
    this.doc.save();
    this.doc.rect(PAGE.left, this.y, CONTENT_WIDTH, h).fillColor('#f1f1f1').fill();
    this.doc.rect(PAGE.left, this.y, CONTENT_WIDTH, h).dash(4, { space: 3 }).lineWidth(0.8).strokeColor('#777777').stroke();
    this.doc.restore();
    lines.forEach((line, i) => drawLine(this.doc, line, PAGE.left + 10, this.y + 8 + i * lineHeight(style) + style.size, CONTENT_WIDTH - 20, style, 'left'));
    this.y += h + 10;
  }

  /** Keep pages for the contents (one line per level 1-2 heading); they are filled at the end. */
  private reserveContents(all: Block[]): void {
    const entries = all.filter((b) => b.kind === 'heading' && b.level !== 3).length;
    const perPage = Math.floor((PAGE.bottom - PAGE.top - 40) / TOC_LINE);
    const count = Math.max(1, Math.ceil(entries / perPage));
    if (this.y > PAGE.top) this.newPage();
    this.tocPages = { first: this.pageIndex, count };
    for (let i = 0; i < count; i++) this.newPage();
  }

  private fillContents(): void {
    if (!this.tocPages) return;
    const perPage = Math.floor((PAGE.bottom - PAGE.top - 40) / TOC_LINE);
    const title = HEADING[1];
    for (let p = 0; p < this.tocPages.count; p++) {
      this.doc.switchToPage(this.tocPages.first + p);
      let y = PAGE.top;
      if (p === 0) {
        drawLine(this.doc, (this.lines('Contents', title)[0] as TextLine), PAGE.left, y + title.size, CONTENT_WIDTH, title);
      }
      y += 40;
      for (const entry of this.toc.slice(p * perPage, (p + 1) * perPage)) {
        const style: TextStyle = { size: entry.level === 1 ? 11 : 10, bold: entry.level === 1 };
        const indent = entry.level === 1 ? 0 : 16;
        const number = String(entry.page + 1);
        const numberWidth = 36;
        const width = CONTENT_WIDTH - indent - numberWidth;
        const line = this.lines(entry.text, style, width)[0];
        if (line) drawLine(this.doc, line, PAGE.left + indent, y + style.size, width, style, 'left');
        const num = this.lines(number, style, numberWidth)[0] as TextLine;
        drawLine(this.doc, num, PAGE.right - numberWidth, y + style.size, numberWidth, style, 'right');
        this.doc.goTo(PAGE.left, y, CONTENT_WIDTH, TOC_LINE, entry.destination);
        y += TOC_LINE;
      }
    }
  }

  /** Contents, running header and "Page X of Y" on every page; returns the page count. */
  finishPages(): number {
    this.fillContents();
    const range = this.doc.bufferedPageRange();
    const total = range.count;
    const small: TextStyle = { size: 8, color: MUTED };
    const clinic = this.options.letterhead.clinicName;
    for (let i = range.start; i < range.start + total; i++) {
      this.doc.switchToPage(i);
      if (!(i === 0 && this.firstPageIsLetterhead)) {
        const left = this.lines(this.options.title, small, CONTENT_WIDTH * 0.6)[0];
        if (left) drawLine(this.doc, left, PAGE.left, PAGE.headerBaseline, CONTENT_WIDTH * 0.6, small, 'left');
        if (this.options.reference) {
          const ref = this.lines(`Ref: ${this.options.reference}`, small, CONTENT_WIDTH * 0.4)[0] as TextLine;
          drawLine(this.doc, ref, PAGE.right - CONTENT_WIDTH * 0.4, PAGE.headerBaseline, CONTENT_WIDTH * 0.4, small, 'right');
        }
      }
      const name = this.lines(clinic, small, CONTENT_WIDTH * 0.6)[0];
      if (name) drawLine(this.doc, name, PAGE.left, PAGE.footerBaseline, CONTENT_WIDTH * 0.6, small, 'left');
      const page = this.lines(`Page ${i + 1} of ${total}`, small, CONTENT_WIDTH * 0.4)[0] as TextLine;
      drawLine(this.doc, page, PAGE.right - CONTENT_WIDTH * 0.4, PAGE.footerBaseline, CONTENT_WIDTH * 0.4, small, 'right');
    }
    return total;
  }
}

/**
 * Column widths from their content: a column whose longest cell fits its fair
 * share keeps its natural width (dates and batch numbers stay on one line);
 * the wide columns share what is left.
 */
function columnShares(doc: Doc, columns: string[], rows: string[][]): number[] {
  const natural = columns.map((c, i) => {
    let max = naturalWidth(doc, c, { ...CELL, bold: true });
    for (const row of rows.slice(0, 200)) max = Math.max(max, naturalWidth(doc, row[i] ?? '', CELL));
    return Math.min(max + 2 * CELL_PAD + 1, CONTENT_WIDTH);
  });
  const widths: Array<number | null> = natural.map(() => null);
  let left = CONTENT_WIDTH;
  let open = natural.length;
  for (let changed = true; changed && open > 0; ) {
    changed = false;
    natural.forEach((w, i) => {
      if (widths[i] === null && w <= left / open) {
        widths[i] = w;
        left -= w;
        open--;
        changed = true;
      }
    });
  }
  const wide = natural.reduce((sum, w, i) => (widths[i] === null ? sum + w : sum), 0);
  const final = natural.map((w, i) => widths[i] ?? (left * w) / wide);
  const total = final.reduce((a, b) => a + b, 0);
  return final.map((w) => w / total);
}

function naturalWidth(doc: Doc, text: string, style: TextStyle): number {
  return Math.max(0, ...layoutText(doc, text, style, Number.MAX_SAFE_INTEGER).map((l) => l.width));
}
