/**
 * The bytes of an upload as they arrive (a stream from the UI or the CLI, or a
 * buffer): counted against the clinic's limit piece by piece, and peeked at
 * for the first bytes the type is sniffed from (stage-upload.ts).
 */
import type { Readable } from 'node:stream';
import { SNIFF_BYTES } from './sniff';
import { fileTooLarge } from './upload-errors';

export type UploadSource = Readable | Buffer | Uint8Array | AsyncIterable<Uint8Array>;

export function asBuffer(piece: unknown): Buffer {
  if (Buffer.isBuffer(piece)) return piece;
  if (piece instanceof Uint8Array) return Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
  throw new TypeError('upload sources must yield bytes');
}

/** Counts as it goes and stops at the first piece over the limit, before reading any further. */
async function* limited(source: AsyncIterable<unknown>, maxBytes: number): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const piece of source) {
    const data = asBuffer(piece);
    total += data.length;
    if (total > maxBytes) throw fileTooLarge(maxBytes);
    yield data;
  }
}

/**
 * Reads just enough of a stream to sniff its type, then hands back a stream of
 * the whole file (head included). `close` ends the source if the write never
 * got as far as reading it all.
 */
export async function peekHead(source: AsyncIterable<unknown>, maxBytes: number) {
  const it = limited(source, maxBytes);
  const buffered: Buffer[] = [];
  let have = 0;
  let ended = false;
  try {
    while (have < SNIFF_BYTES) {
      const step = await it.next();
      if (step.done) {
        ended = true;
        break;
      }
      buffered.push(step.value);
      have += step.value.length;
    }
  } catch (err) {
    await it.return(undefined).catch(() => undefined);
    throw err;
  }
  async function* body(): AsyncGenerator<Buffer> {
    yield* buffered;
    if (!ended) yield* it;
  }
  return {
    head: Buffer.concat(buffered).subarray(0, SNIFF_BYTES),
    body: body(),
    close: () =>
      it.return(undefined).then(
        () => undefined,
        () => undefined,
      ),
  };
}
