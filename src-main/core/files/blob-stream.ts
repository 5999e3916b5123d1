/**
 * Encrypting and decrypting whole blobs as streams of buffers, chunk by chunk,
 * so memory stays at a few chunks whatever the file size.
 */
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import {
  BlobIntegrityError,
  ChunkDecryptor,
  ChunkEncryptor,
  DEFAULT_CHUNK_SIZE,
  HEADER_LENGTH,
  TAG_LENGTH,
  parseHeader,
  plaintextSize,
  recordLayout,
  type FileSecrets,
} from './blob-format';
import { Chunker } from './chunker';
import { tooLarge } from './errors';
import { releaseBuffer } from '../platform/release-buffer';

export type FileSource = Readable | Buffer | AsyncIterable<Buffer>;

function noop(): void {}

function asBuffer(piece: unknown): Buffer {
  if (Buffer.isBuffer(piece)) return piece;
  // A Uint8Array is viewed, not copied.
  if (piece instanceof Uint8Array) return Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
  throw new TypeError('file sources must yield bytes, not strings or objects');
}

/**
 * Iterates a source but gives up as soon as the signal aborts, even while the
 * source is stalled waiting for data (a for-await would only notice on the next piece).
 */
async function* abortable(source: AsyncIterable<unknown>, signal?: AbortSignal): AsyncGenerator<unknown> {
  if (!signal) {
    yield* source;
    return;
  }
  signal.throwIfAborted();
  const iterator = source[Symbol.asyncIterator]();
  let onAbort = noop;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(noop);
  let done = false;
  try {
    for (;;) {
      const step = await Promise.race([iterator.next(), aborted]);
      if (step.done) {
        done = true;
        return;
      }
      yield step.value;
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    // Tell the source we are done (a Readable destroys itself). Not awaited: an
    // async generator stuck in a pending next() would make return() wait forever.
    if (!done) void Promise.resolve(iterator.return?.()).catch(noop);
  }
}

interface EncryptOptions {
  /** Larger sources are refused (tooLarge) before the piece over the limit is encrypted. */
  maxBytes?: number;
  signal?: AbortSignal;
  /** Filled in with the plaintext size once the generator has finished. */
  counted: { bytes: number };
}

/**
 * A source already whole in memory needs no chunker: its chunks are views of
 * it, and which is the last is known, so nothing is copied or held back.
 */
function* encryptWhole(
  source: Buffer,
  encryptor: ChunkEncryptor,
  opts: EncryptOptions,
): Generator<Buffer, void, void> {
  if (opts.maxBytes !== undefined && source.length > opts.maxBytes) throw tooLarge(opts.maxBytes);
  yield encryptor.header;
  let offset = 0;
  do {
    opts.signal?.throwIfAborted();
    const end = Math.min(offset + DEFAULT_CHUNK_SIZE, source.length);
    // An empty file is one empty final chunk, as the chunker makes it.
    yield* encryptor.encrypt(source.subarray(offset, end), end === source.length);
    offset = end;
  } while (offset < source.length);
  opts.counted.bytes = source.length;
}

/**
 * Yields the encrypted blob: the header, then each chunk's ciphertext and tag.
 * `counted.bytes` is the plaintext size once the generator has finished.
 */
export async function* encryptSource(
  source: FileSource,
  secrets: FileSecrets,
  opts: EncryptOptions,
): AsyncGenerator<Buffer, void, void> {
  const encryptor = new ChunkEncryptor(secrets, DEFAULT_CHUNK_SIZE);
  if (Buffer.isBuffer(source)) {
    yield* encryptWhole(source, encryptor, opts);
    return;
  }
  const chunker = new Chunker(DEFAULT_CHUNK_SIZE);
  const pieces = abortable(source, opts.signal);
  yield encryptor.header;
  let total = 0;
  for await (const piece of pieces) {
    const data = asBuffer(piece);
    total += data.length;
    // Checked before encrypting, so an oversized upload stops at the first piece over the limit.
    if (opts.maxBytes !== undefined && total > opts.maxBytes) throw tooLarge(opts.maxBytes);
    for (const [plaintext, final] of chunker.push(data)) {
      opts.signal?.throwIfAborted();
      yield* encryptor.encrypt(plaintext, final);
    }
  }
  const [plaintext, final] = chunker.end();
  yield* encryptor.encrypt(plaintext, final);
  opts.counted.bytes = total;
}

async function readExactly(fh: FileHandle, buffer: Buffer, position: number): Promise<Buffer> {
  let filled = 0;
  while (filled < buffer.length) {
    const { bytesRead } = await fh.read(buffer, filled, buffer.length - filled, position + filled);
    if (bytesRead === 0) throw new BlobIntegrityError('blob ended early');
    filled += bytesRead;
  }
  return buffer;
}

/**
 * Yields the verified plaintext of a blob chunk by chunk; each chunk is released
 * only after its tag has verified. Throws BlobIntegrityError on damage, or the
 * file system's error (ENOENT for a missing blob). The next record is read while
 * the current one is decrypted, and two record buffers are reused throughout.
 */
export async function* decryptBlob(
  path: string,
  secrets: FileSecrets,
  expectedSize: number,
  signal?: AbortSignal,
): AsyncGenerator<Buffer, void, void> {
  signal?.throwIfAborted();
  const fh = await open(path, 'r');
  let pending: Promise<Buffer> | null = null;
  let buffers: Buffer[] = [];
  try {
    const { size: blobLength } = await fh.stat();
    if (blobLength < HEADER_LENGTH) throw new BlobIntegrityError('blob is truncated');
    const header = await readExactly(fh, Buffer.alloc(HEADER_LENGTH), 0);
    const layout = recordLayout(blobLength, parseHeader(header));
    // Catches truncation and padding before any decryption work.
    if (plaintextSize(layout) !== expectedSize)
      throw new BlobIntegrityError('blob size does not match its record');
    const decryptor = new ChunkDecryptor(secrets, header);
    const fullRecord = layout.chunkSize + TAG_LENGTH;
    const last = layout.count - 1;
    buffers =
      layout.count === 1
        ? [Buffer.allocUnsafe(layout.lastRecordLength)]
        : [Buffer.allocUnsafe(fullRecord), Buffer.allocUnsafe(fullRecord)];
    const readRecord = (index: number): Promise<Buffer> => {
      const length = index === last ? layout.lastRecordLength : fullRecord;
      const buffer = buffers[index % buffers.length]!.subarray(0, length);
      const read = readExactly(fh, buffer, HEADER_LENGTH + index * fullRecord);
      // Marks the promise handled: it may reject while the consumer holds the previous chunk.
      read.catch(noop);
      return read;
    };
    let next = readRecord(0);
    pending = next;
    for (let index = 0; index <= last; index++) {
      const record = await next;
      pending = null;
      if (index < last) pending = next = readRecord(index + 1);
      signal?.throwIfAborted();
      yield decryptor.decrypt(record, index, index === last);
    }
  } finally {
    // Never close the descriptor under a read that is still running.
    if (pending) await pending.catch(noop);
    await fh.close();
    // The two record buffers are this reader's alone (each chunk's plaintext is a buffer of its own): their
    // memory goes back now. Left to the collector, a pack's 100 photos left 200 MB of them, and the
    // collections that pressure started cost the ZIP a third of its time (bench/access-pack.ts).
    for (const b of buffers) releaseBuffer(b);
  }
}
