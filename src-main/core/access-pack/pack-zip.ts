/**
 * The ZIP of the pack (`files/…`, `response.pdf`, `data.json`), written as a
 * stream: each stored file is decrypted chunk by chunk from the file store,
 * hashed on the way through and added to the ZIP, so memory holds a chunk, not
 * a photo, whatever the volume. @zip.js/zip.js writes over a Node write stream
 * (through Writable.toWeb) and does the AES-256 (WinZip AE-2, encryptionStrength
 * 3) that Windows' 7-Zip, macOS's Archive Utility (recent) and every mainstream
 * unzip tool read. Photos are stored, not deflated: JPEG and PNG do not shrink.
 *
 * data.json is written last, once every file's SHA-256 is known.
 */
import { createHash, webcrypto } from 'node:crypto';
import { Readable, Transform, Writable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { TextReader, Uint8ArrayReader, ZipWriter, configure } from '@zip.js/zip.js';
import { type AccessPack, type PackFile, accessPackSchema } from '../../contract/access-pack-schemas';
import { releaseBuffer } from '../platform/release-buffer';

const { subtle } = webcrypto;

/** zip.js's pipeline chunk: 4 MB, a photo in one piece (its 256 KB default cost a copy and an allocation per piece). */
const ZIP_CHUNK_BYTES = 4 * 1024 * 1024;

// Node has no web workers for zip.js to use; compression runs in this thread, a chunk at a time.
configure({ useWebWorkers: false, chunkSize: ZIP_CHUNK_BYTES });

/**
 * zip.js's Uint8ArrayReader copies every piece it hands on (slice); the pack's
 * buffers are never changed once read, so a view does as well and leaves
 * nothing for the garbage collector.
 */
class BufferViewReader extends Uint8ArrayReader {
  override readUint8Array(index: number, length: number): Promise<Uint8Array> {
    const whole = this as unknown as { array: Uint8Array };
    return Promise.resolve(whole.array.subarray(index, index + length));
  }
}

export interface ZipSource {
  zipPath: string;
  mediaType: string;
  /** The file's bytes whole (a file up to a few MB: faster, and still one file at a time), or a stream of them. */
  open(): Readable | Promise<Buffer>;
}

export interface ZipWriteOptions {
  password: string | null;
  signal: AbortSignal;
  /** Called after each file with the number done. */
  onFile(done: number, total: number): void;
  throwIfStopped(): void;
}

/** A pass-through that hashes and counts what flows through it. */
function hashing(): { stream: Transform; result(): { sha256: string; bytes: number } } {
  const hash = createHash('sha256');
  let bytes = 0;
  const stream = new Transform({
    // Big buffers: with Node's 16 KB default, the ZIP writer waited on back-pressure every few chunks.
    highWaterMark: 4 * 1024 * 1024,
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  return { stream, result: () => ({ sha256: hash.digest('hex'), bytes }) };
}

/**
 * Counts and hashes what is written to `out`, for the export's audit entry, and
 * gives each large piece's memory back once `out` has written it. zip.js
 * copies every entry into pieces of its own (4 MB here); left to the garbage
 * collector, a 100-photo ZIP's finished pieces held ~50 MB above the PDF's peak
 * (bench/access-pack.ts). Nothing reads a piece after it is written: zip.js has
 * already passed it on, and `out` has let go of it when its write calls back.
 */
export function hashedOutput(out: Writable): { sink: Writable; result(): { sha256: string; bytes: number } } {
  const hash = createHash('sha256');
  let bytes = 0;
  const sink = new Writable({
    highWaterMark: ZIP_CHUNK_BYTES,
    write(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      out.write(chunk, (err) => {
        if (!err) releaseBuffer(chunk);
        done(err ?? null);
      });
    },
    final(done) {
      out.end(done);
    },
    destroy(err, done) {
      out.destroy(err ?? undefined);
      done(err);
    },
  });
  // A full disk must stop the writer, not leave it waiting.
  out.on('error', (err) => sink.destroy(err));
  return { sink, result: () => ({ sha256: hash.digest('hex'), bytes }) };
}

export async function writePackZip(
  out: Writable,
  pack: AccessPack,
  files: Array<ZipSource & { attach(file: PackFile): void }>,
  pdf: ZipSource,
  opts: ZipWriteOptions,
): Promise<void> {
  const protection = opts.password ? { password: opts.password, encryptionStrength: 3 as const } : {};
  const zip = new ZipWriter(Writable.toWeb(out) as WritableStream<Uint8Array>, { ...protection, signal: opts.signal, keepOrder: true });
  const addStream = async (source: ZipSource, level: number): Promise<PackFile> => {
    const opened = source.open();
    if (!(opened instanceof Readable)) {
      const bytes = await opened;
      // The file's SHA-256 is worked out on the thread pool (Web Crypto's digest), while this thread hands
      // the bytes to the ZIP: the two passes over the photo overlap instead of adding up.
      const digest = subtle.digest('SHA-256', bytes);
      digest.catch(() => undefined);
      // Unprotected and stored: the bytes go in as they are, with Node's native CRC-32. zip.js's own
      // CRC-32 is JavaScript and, with the copies of its chunking pipeline, held the ZIP at a quarter
      // of the disk's speed (bench/access-pack.ts). Protected entries need zip.js's AES on the way.
      const verbatim = level === 0 && !opts.password ? { passThrough: true, compressionMethod: 0, uncompressedSize: bytes.length, crc32: crc32(bytes) } : {};
      await zip.add(source.zipPath, new BufferViewReader(bytes), { level, signal: opts.signal, ...verbatim });
      const entry = { path: source.zipPath, mediaType: source.mediaType, bytes: bytes.length, sha256: Buffer.from(await digest).toString('hex') };
      // zip.js re-chunks every entry into pieces of its own (ChunkStream copies) before anything is written,
      // so once add() and the digest are done the file's bytes are ours alone: their memory goes back now.
      releaseBuffer(bytes);
      return entry;
    }
    const h = hashing();
    const input = opened;
    input.on('error', (err) => h.stream.destroy(err));
    input.pipe(h.stream);
    await zip.add(source.zipPath, { readable: Readable.toWeb(h.stream) as ReadableStream<Uint8Array> }, { level, signal: opts.signal });
    return { path: source.zipPath, mediaType: source.mediaType, ...h.result() };
  };
  try {
    let done = 0;
    // One file at a time. Reading the next one ahead while this one was written was tried: on the shared
    // 2-core machine it did not measurably speed the ZIP up, and it raised the memory peak by tens of MB.
    for (const f of files) {
      opts.throwIfStopped();
      f.attach(await addStream(f, 0));
      opts.onFile(++done, files.length);
    }
    opts.throwIfStopped();
    const responsePdf = await addStream(pdf, 0);
    const data = accessPackSchema.parse({ ...pack, responsePdf });
    await zip.add('data.json', new TextReader(JSON.stringify(data, null, 2)), { signal: opts.signal });
    await zip.close();
  } catch (err) {
    // Stop the writer so nothing more is written; the caller removes the temporary file.
    out.destroy();
    throw err;
  }
}
