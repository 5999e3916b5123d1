/**
 * Renders a PDF's pages with pdf.js, in the renderer, so the preview works the
 * same in Electron and in the browser host. Loaded only when a preview is
 * drawn (PackPreview.tsx imports it on demand): pdf.js is most of the app's
 * script, and no other screen needs it. The worker is the copy Vite bundles
 * (`?url`), served from the app's own origin, which the CSP's script-src 'self'
 * already allows for workers (no worker-src or blob: needed).
 */
import { GlobalWorkerOptions, getDocument } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

/** Each page as a PNG data URL (img-src allows data:), at `scale` CSS pixels per PDF point. */
export async function renderPdfPages(bytes: Uint8Array, scale: number, password: string | null, signal: AbortSignal): Promise<string[]> {
  const task = getDocument({ data: bytes, ...(password ? { password } : {}) });
  const doc = await task.promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      if (signal.aborted) break;
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale });
      const canvas = document.createElement('canvas');
      canvas.width = Math.ceil(viewport.width);
      canvas.height = Math.ceil(viewport.height);
      await page.render({ canvas, viewport }).promise;
      pages.push(canvas.toDataURL('image/png'));
      page.cleanup();
    }
    return pages;
  } finally {
    await task.destroy();
  }
}
