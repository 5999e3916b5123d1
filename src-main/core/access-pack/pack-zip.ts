/**
 * The ZIP of the pack (`files/…`, `response.pdf`, `data.json`), written as a
 * stream, one stored file at a time, so memory holds a file (and what is on
 * its way to the disk), not the pack, whatever the volume. Every entry is
 * stored, not deflated: JPEG and PNG do not shrink.
 *
 * Written by the pack's own container (zip-container.ts), which hands each
 * file's bytes to the disk as they are, with Node's native CRC-32, and for a
 * protected pack WinZip AES-256 (AE-2) done with Node's native AES
 * (winzip-aes.ts): what 7-Zip, WinZip, macOS's Archive Utility (recent) and
 * zip.js read. A pack that needs Zip64 (4 GB or more) is written by
 * @zip.js/zip.js instead (pack-zip-zipjs.ts): slower, but any size.
 *
 * Each file's SHA-256 (for data.json) is worked out as its bytes go to the
 * disk. data.json is written last, once every file's SHA-256 is known. Returns the ZIP's own SHA-256 and size, for the audit.
 */
import { createHash } from 'node:crypto';
import type { Readable, Writable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { type AccessPack, type PackFile, accessPackSchema } from '../../contract/access-pack-schemas';
import { releaseBuffer } from '../platform/release-buffer';
import { writePackZipWithZipJs } from './pack-zip-zipjs';
import { AES_OVERHEAD_BYTES, WinZipAesEncryptor } from './winzip-aes';
import { StoredZipWriter, fitsWithoutZip64 } from './zip-container';
import type { ZipSource, ZipWriteOptions } from './zip-source';

export type { ZipSource, ZipWriteOptions } from './zip-source';

/**
 * Files up to this size are read before their header is written, so its CRC-32 is in it: Java's
 * ZipInputStream (and so many document systems) refuses a stored entry followed by a data descriptor.
 * Their chunks are held as read, not joined, so it costs no copy; a larger file is streamed.
 */
const CRC_FIRST_MAX_BYTES = 64 * 1024 * 1024;

/** One entry's bytes, encrypted on the way when there is a passphrase. */
async function putBytes(zip: StoredZipWriter, aes: WinZipAesEncryptor | null, bytes: Buffer, written?: () => void): Promise<void> {
  if (!aes) return zip.put(bytes, written);
  for (const piece of aes.encrypt(bytes)) await zip.put(piece.bytes, () => releaseBuffer(piece.backing));
  written?.();
}

/** data.json: whole in memory, so its CRC-32 goes in the header. */
async function addWhole(zip: StoredZipWriter, name: string, bytes: Buffer, password: string | null): Promise<void> {
  const aes = password ? await WinZipAesEncryptor.create(password) : null;
  await zip.begin({
    name,
    size: bytes.length + (aes ? AES_OVERHEAD_BYTES : 0),
    uncompressedSize: bytes.length,
    encrypted: aes !== null,
    crc32: aes ? null : crc32(bytes),
  });
  if (aes) await zip.put(aes.preamble);
  await putBytes(zip, aes, bytes);
  if (aes) await zip.put(aes.authenticationCode());
  await zip.end();
}

/**
 * A file as a stream of its bytes: each chunk (the file store's decrypted 1 MB
 * chunks) is hashed and handed to the disk as it is, then given back (held
 * until its CRC-32 is known, for an unprotected file up to 64 MB). Reading
 * the file whole first cost a 4 MB allocation and a copy a photo, and the
 * collections that followed; streamed, the ZIP ran at about twice the speed.
 */
async function addStreamed(zip: StoredZipWriter, source: ZipSource, input: Readable, opts: Pick<ZipWriteOptions, 'password' | 'throwIfStopped'>): Promise<PackFile> {
  const aes = opts.password ? await WinZipAesEncryptor.create(opts.password) : null;
  const hash = createHash('sha256');
  let bytes = 0;
  if (!aes && source.size <= CRC_FIRST_MAX_BYTES) {
    // The CRC-32 goes in the header, as every reader expects: the file's chunks are held (not joined) until it is known.
    const chunks: Buffer[] = [];
    let crc = 0;
    for await (const chunk of input as AsyncIterable<Buffer>) {
      opts.throwIfStopped();
      hash.update(chunk);
      bytes += chunk.length;
      crc = crc32(chunk, crc);
      chunks.push(chunk);
    }
    await zip.begin({ name: source.zipPath, size: source.size, uncompressedSize: source.size, encrypted: false, crc32: crc });
    for (const chunk of chunks) await zip.put(chunk, () => releaseBuffer(chunk));
    await zip.end();
    return { path: source.zipPath, mediaType: source.mediaType, bytes, sha256: hash.digest('hex') };
  }
  // A very large file, or a protected pack: streamed as it is read. Unprotected, its CRC-32 is worked out as the
  // bytes go and written after them, in a data descriptor (AE-2 stores no CRC-32: the authentication code covers it).
  await zip.begin({ name: source.zipPath, size: source.size + (aes ? AES_OVERHEAD_BYTES : 0), uncompressedSize: source.size, encrypted: aes !== null, crc32: null });
  if (aes) await zip.put(aes.preamble);
  for await (const chunk of input as AsyncIterable<Buffer>) {
    opts.throwIfStopped();
    hash.update(chunk);
    bytes += chunk.length;
    await putBytes(zip, aes, chunk, () => releaseBuffer(chunk));
  }
  if (aes) await zip.put(aes.authenticationCode());
  // zip.end() refuses an entry whose length is not the size its header gave.
  await zip.end();
  return { path: source.zipPath, mediaType: source.mediaType, bytes, sha256: hash.digest('hex') };
}

/** Adds one file to the ZIP (encrypted when `opts.password` is set) and answers its size and SHA-256 for data.json. */
export async function addZipFile(zip: StoredZipWriter, source: ZipSource, opts: Pick<ZipWriteOptions, 'password' | 'throwIfStopped'>): Promise<PackFile> {
  const input = source.open();
  try {
    return await addStreamed(zip, source, input, opts);
  } finally {
    input.destroy();
  }
}

export async function writePackZip(
  out: Writable,
  pack: AccessPack,
  files: Array<ZipSource & { attach(file: PackFile): void }>,
  pdf: ZipSource,
  opts: ZipWriteOptions,
): Promise<{ sha256: string; bytes: number }> {
  if (!fitsWithoutZip64([...files, pdf].map((f) => ({ name: f.zipPath, size: f.size })))) return writePackZipWithZipJs(out, pack, files, pdf, opts);
  const zip = new StoredZipWriter(out, opts.modified);
  try {
    let done = 0;
    // One file at a time: the next is read while the last is still being written (zip-container.ts's MAX_IN_FLIGHT).
    for (const f of files) {
      opts.throwIfStopped();
      f.attach(await addZipFile(zip, f, opts));
      opts.onFile(++done, files.length);
    }
    opts.throwIfStopped();
    const responsePdf = await addZipFile(zip, pdf, opts);
    const data = accessPackSchema.parse({ ...pack, responsePdf });
    await addWhole(zip, 'data.json', Buffer.from(JSON.stringify(data, null, 2), 'utf8'), opts.password);
    return await zip.close();
  } catch (err) {
    // Stop the writer so nothing more is written; the caller removes the temporary file.
    out.destroy();
    throw err;
  }
}
