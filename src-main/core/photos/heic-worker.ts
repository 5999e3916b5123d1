/**
 * The HEIC decoder's own thread (worker_threads, started by heic-decoder.ts).
 * libheif in WebAssembly decodes synchronously and can take a second or more
 * for a phone photo; here it cannot stall the app's main process, and a decode
 * that runs out of memory ends this thread, not the app.
 *
 * Runs as it is under Node (type stripping) and tsx, and is bundled on its own
 * for Electron (electron.vite.config.ts), so it imports nothing of the app's:
 * the limit comes in with each request.
 */
import { parentPort } from 'node:worker_threads';
import decodeHeic from 'heic-decode';

interface DecodeRequest {
  id: number;
  bytes: Uint8Array;
  maxPixels: number;
}

async function decode(req: DecodeRequest): Promise<void> {
  try {
    const images = await decodeHeic.all({ buffer: req.bytes });
    try {
      // heic-decode's own one-image call decodes the first top-level image: the same one.
      const image = images[0];
      if (!image) throw new Error('HEIF image not found');
      // libheif's view of the size, before it allocates: a second check after the container's.
      if (image.width * image.height > req.maxPixels) {
        parentPort!.postMessage({ id: req.id, ok: false, tooLarge: true, message: 'picture too large' });
        return;
      }
      const { width, height, data } = await image.decode();
      parentPort!.postMessage({ id: req.id, ok: true, width, height, data }, [data.buffer as ArrayBuffer]);
    } finally {
      images.dispose();
    }
  } catch (err) {
    parentPort!.postMessage({ id: req.id, ok: false, message: err instanceof Error ? err.message : String(err) });
  }
}

parentPort!.on('message', (req: DecodeRequest) => void decode(req));
