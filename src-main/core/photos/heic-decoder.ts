/**
 * HEIC decoding, safely: the declared size is read from the container first
 * (heif-declared-size.ts) and anything over the limit is refused before a byte
 * is decoded; the decode itself runs in a worker thread (heic-worker.ts), one at
 * a time, so it neither blocks the main process nor holds more than one
 * picture's pixels at once. The worker is started on first use and does not
 * keep the process alive; if it dies (out of memory, a crash in libheif) the
 * decode in hand is refused and the next one starts a fresh worker.
 */
import { Worker } from 'node:worker_threads';
import { largestDeclaredPixels } from './heif-declared-size';
import { HEIC_WORKER } from './heic-worker-path';

export interface DecodedRgba {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel. */
  data: Uint8Array;
}

/** Over the pixel limit: the caller says so (NOT_AN_IMAGE, "too large"). */
export class HeicTooLargeError extends Error {
  override readonly name = 'HeicTooLargeError';
}

/** The decoder refused the file (damaged, not HEVC, or the worker died). */
export class HeicDecodeError extends Error {
  override readonly name = 'HeicDecodeError';
}

type Reply =
  | { id: number; ok: true; width: number; height: number; data: Uint8Array }
  | { id: number; ok: false; message: string; tooLarge?: boolean };

/** A decode stuck this long (a crafted stream) is stopped: a 48 MP photo takes a few seconds. */
const DECODE_TIMEOUT_MS = 120_000;
/**
 * The worker's JavaScript heap. The pixels themselves live outside it (an
 * ArrayBuffer, at most 4 bytes x the pixel limit) and libheif's memory is its
 * WebAssembly heap, which libheif-js caps at 2 GB.
 */
const WORKER_HEAP_MB = 256;

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, { resolve(r: Reply): void; reject(e: Error): void }>();
/** One decode at a time: each may hold up to 4 bytes a pixel of the limit. */
let queue: Promise<unknown> = Promise.resolve();

function failAll(err: Error): void {
  for (const w of waiting.values()) w.reject(err);
  waiting.clear();
}

function startedWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(HEIC_WORKER, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
  w.on('message', (reply: Reply) => {
    waiting.get(reply.id)?.resolve(reply);
    waiting.delete(reply.id);
    if (waiting.size === 0) w.unref();
  });
  const gone = (err: Error) => {
    if (worker === w) worker = null;
    failAll(new HeicDecodeError(`the HEIC decoder stopped: ${err.message}`, { cause: err }));
  };
  w.on('error', gone);
  w.on('exit', (code) => gone(new Error(`exit code ${code}`)));
  // After the listeners (adding a 'message' listener refs the worker's port again):
  // an idle decoder must never keep the CLI or a test run alive. A decode in hand refs it.
  w.unref();
  worker = w;
  return w;
}

async function decodeInWorker(input: Buffer, maxPixels: number): Promise<DecodedRgba> {
  const w = startedWorker();
  const id = nextId++;
  const reply = await new Promise<Reply>((resolve, reject) => {
    const timer = setTimeout(() => {
      waiting.delete(id);
      reject(new HeicDecodeError('the HEIC decode took too long'));
      void w.terminate(); // the next decode starts a fresh worker
    }, DECODE_TIMEOUT_MS);
    timer.unref();
    waiting.set(id, {
      resolve: (r) => {
        clearTimeout(timer);
        resolve(r);
      },
      reject: (e) => {
        clearTimeout(timer);
        reject(e);
      },
    });
    w.ref(); // the process waits for this answer
    // A copy goes over: the caller keeps its buffer (it may be a view on a larger one).
    w.postMessage({ id, bytes: new Uint8Array(input), maxPixels });
  });
  if (!reply.ok) throw reply.tooLarge ? new HeicTooLargeError(reply.message) : new HeicDecodeError(reply.message);
  if (reply.width * reply.height > maxPixels) throw new HeicTooLargeError('picture too large');
  return { width: reply.width, height: reply.height, data: reply.data };
}

/**
 * Decodes a HEIC to RGBA, upright (libheif applies the rotation and mirror
 * boxes). Throws HeicTooLargeError if the file declares, or turns out to hold,
 * more than `maxPixels`; HeicDecodeError, or HeifContainerError
 * (heif-declared-size.ts), if it cannot be read.
 */
export async function decodeHeic(input: Buffer, maxPixels: number): Promise<DecodedRgba> {
  // Checked here, before queueing: a bomb costs a parse of its boxes and nothing more.
  if (largestDeclaredPixels(input) > maxPixels) throw new HeicTooLargeError('picture too large');
  const run = queue.then(() => decodeInWorker(input, maxPixels));
  queue = run.catch(() => undefined);
  return run;
}
