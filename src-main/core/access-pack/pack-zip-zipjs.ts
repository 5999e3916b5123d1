/**
 * The pack's ZIP written by @zip.js/zip.js, for a pack too big for the
 * pack's own writer (zip-container.ts): 4 GB or more, or 65,535 entries, which
 * need Zip64. Slower (zip.js copies every entry through web streams, and its
 * AES-256 is JavaScript), but any size. Same entries, same data.json: see
 * pack-zip.ts, which picks the writer.
 */
import { createHash } from 'node:crypto';
import { Readable, Transform, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { TextReader, ZipWriter, configure } from '@zip.js/zip.js';
import { type AccessPack, type PackFile, accessPackSchema } from '../../contract/access-pack-schemas';
import { releaseBuffer } from '../platform/release-buffer';
import type { ZipSource, ZipWriteOptions } from './zip-source';

/** zip.js's pipeline chunk: 4 MB, a photo in one piece (its 256 KB default cost a copy and an allocation per piece). */
const ZIP_CHUNK_BYTES = 4 * 1024 * 1024;

// Node has no web workers for zip.js to use; compression runs in this thread, a chunk at a time.
configure({ useWebWorkers: false, chunkSize: ZIP_CHUNK_BYTES });

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
function hashedOutput(out: Writable): { sink: Writable; result(): { sha256: string; bytes: number } } {
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

export async function writePackZipWithZipJs(
  file: Writable,
  pack: AccessPack,
  files: Array<ZipSource & { attach(file: PackFile): void }>,
  pdf: ZipSource,
  opts: ZipWriteOptions,
): Promise<{ sha256: string; bytes: number }> {
  const hashed = hashedOutput(file);
  const out = hashed.sink;
  const protection = opts.password ? { password: opts.password, encryptionStrength: 3 as const } : {};
  const zip = new ZipWriter(Writable.toWeb(out) as WritableStream<Uint8Array>, { ...protection, signal: opts.signal, keepOrder: true });
  const addStream = async (source: ZipSource, level: number): Promise<PackFile> => {
    const h = hashing();
    const input = source.open();
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
    await finished(out);
    return hashed.result();
  } catch (err) {
    // Stop the writer so nothing more is written; the caller removes the temporary file.
    out.destroy();
    throw err;
  }
}
