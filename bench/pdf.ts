/**
 * Issue #12's PDF figures (docs/pdf.md): a 200-page document with 100 photos
 * of ~4 MB each, the size of the access pack for a client with 200 treatments
 * and 100 photos.
 *
 *  - scaling the photos for print (scaleImageForPrint: 1600 px, JPEG q80):
 *    reported per photo and in total, no target of its own;
 *  - building the PDF from the scaled photos and writing it to disk: ≤ 3 s;
 *  - the whole (scaling + PDF): reported against the same 3 s;
 *  - peak memory growth while building the PDF (the larger of RSS and heap +
 *    Buffers): ≤ 150 MB.
 *
 * The photos are made up (see syntheticPhoto); --quick uses 10 photos and 20
 * pages.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { PdfBuilder, scaleImageForPrint } from '../src-main/core/pdf';

const NAMES = ['Zoë Ōkubo-Łukasiewicz', 'Małgorzata Wójcik', 'فاطمة الزهراء', 'שרה לוי', '王秀英', '佐藤さくら'];

/**
 * A made-up 4000 × 3000 photo of about 4 MB: coarse noise (detail at the scale
 * a face or skin texture has, so it survives scaling to 1600 px as a camera
 * picture's does) enlarged, over a gradient, JPEG q95.
 */
async function syntheticPhoto(seed: number): Promise<Buffer> {
  const w = 1000;
  const h = 750;
  const raw = Buffer.alloc(w * h * 3);
  let x = seed * 2654435761;
  for (let i = 0; i < raw.length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    raw[i] = (((i / 3) % w) / w) * 120 + ((seed * 37) % 60) + (x >>> 26);
  }
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } })
    .resize(4000, 3000, { kernel: 'cubic' })
    .jpeg({ quality: 95 })
    .toBuffer();
}

/**
 * Peak growth while the PDF is built, sampled every 10 ms: of the resident set
 * (what the OS sees), and of the JavaScript heap plus Buffers (what the build
 * itself holds; RSS alone can hide it when memory freed earlier is reused).
 */
function watchMemory(): { stop(): { rssMB: number; heapAndBuffersMB: number } } {
  const heap = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.external;
  };
  const baseRss = process.memoryUsage().rss;
  const baseHeap = heap();
  let peakRss = baseRss;
  let peakHeap = baseHeap;
  const sample = () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    peakHeap = Math.max(peakHeap, heap());
  };
  const timer = setInterval(sample, 10);
  return {
    stop() {
      clearInterval(timer);
      sample();
      const mb = (n: number) => Math.round(n / 1024 / 1024);
      return { rssMB: mb(peakRss - baseRss), heapAndBuffersMB: mb(peakHeap - baseHeap) };
    },
  };
}

export async function benchPdf(opts: { quick: boolean }) {
  const photos = opts.quick ? 10 : 100;
  const treatments = opts.quick ? 20 : 200;
  const dir = mkdtempSync(join(tmpdir(), 'cv-bench-pdf-'));
  try {
    const originals: Buffer[] = [];
    for (let i = 0; i < photos; i++) originals.push(await syntheticPhoto(i + 1));
    const averageMB = originals.reduce((s, b) => s + b.length, 0) / photos / 1024 / 1024;

    const scaleStart = performance.now();
    const scaled: Buffer[] = [];
    for (const photo of originals) scaled.push((await scaleImageForPrint(photo)).data);
    const scaleMs = performance.now() - scaleStart;
    const scaledKB = scaled.reduce((s, b) => s + b.length, 0) / photos / 1024;
    originals.length = 0;
    if (global.gc) global.gc();

    const memory = watchMemory();
    const pdfStart = performance.now();
    const pdf = new PdfBuilder({ title: 'Subject access response', reference: 'DSR-2026-0007', letterhead: { clinicName: 'Harbourside Aesthetics', addressLines: ['1 Quay Street', 'Bristol BS1 4DJ'] }, tableOfContents: true, password: 'bench-passphrase' });
    pdf.letterheadBlock().paragraph(`Dear ${NAMES[1]},`).paragraph('Here is a copy of the personal data we hold about you.'.repeat(3));
    pdf.heading('Treatments', 1);
    for (let t = 0; t < treatments; t++) {
      pdf.pageBreak().heading(`Treatment ${t + 1}: ${String((t % 28) + 1).padStart(2, '0')}/03/2026`, 2);
      pdf.fields([
        ['Practitioner', NAMES[t % NAMES.length] as string],
        ['Treatment', 'Botulinum toxin, forehead lines'],
        ['Product', 'Bocouture 50 U'],
        ['Batch', `B${100000 + t}`],
        ['Expiry', '31/12/2027'],
      ]);
      pdf.paragraph('Notes: client well, no adverse reaction, aftercare leaflet given and explained. '.repeat(3));
      if (t < photos) pdf.image(scaled[t] as Buffer, { caption: `Photo ${t + 1}, before treatment. Consent: clinical record only.`, maxHeightPt: 330 });
    }
    const file = join(dir, 'pack.pdf');
    const result = await pdf.finish(createWriteStream(file));
    const pdfMs = performance.now() - pdfStart;
    const growth = memory.stop();
    const growthMB = Math.max(growth.rssMB, growth.heapAndBuffersMB);

    const round = (n: number) => Math.round(n);
    return {
      photos,
      photoAverageMB: Math.round(averageMB * 10) / 10,
      scaledAverageKB: round(scaledKB),
      scalePerPhotoMs: round(scaleMs / photos),
      scaleAllMs: round(scaleMs),
      pages: result.pages,
      fileMB: Math.round((statSync(file).size / 1024 / 1024) * 10) / 10,
      pdfMs: { value: round(pdfMs), target: 3000, met: pdfMs <= 3000 },
      scaleAndPdfMs: { value: round(scaleMs + pdfMs), target: 3000, met: scaleMs + pdfMs <= 3000 },
      peakMemoryGrowthMB: { value: growthMB, target: 150, met: growthMB <= 150, rssMB: growth.rssMB, heapAndBuffersMB: growth.heapAndBuffersMB },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
