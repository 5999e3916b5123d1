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
import { createHash } from 'node:crypto';
import { Readable, Transform, Writable } from 'node:stream';
import { TextReader, Uint8ArrayReader, ZipWriter, configure } from '@zip.js/zip.js';
import { type AccessPack, type PackFile, accessPackSchema } from '../../contract/access-pack-schemas';

// Node has no web workers for zip.js to use; compression runs in this thread, a chunk at a time.
configure({ useWebWorkers: false });

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

/** Counts and hashes what is written to `out`, for the export's audit entry. */
export function hashedOutput(out: Writable): { sink: Writable; result(): { sha256: string; bytes: number } } {
  const h = hashing();
  h.stream.pipe(out);
  // pipe() does not pass a failure back: a full disk must stop the writer, not leave it waiting.
  out.on('error', (err) => h.stream.destroy(err));
  return { sink: h.stream, result: h.result };
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
      await zip.add(source.zipPath, new Uint8ArrayReader(bytes), { level, signal: opts.signal });
      return { path: source.zipPath, mediaType: source.mediaType, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
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
