/**
 * The pack's own ZIP writer (zip-container.ts, winzip-aes.ts, pack-zip.ts),
 * read back by a reader that is not ours: @zip.js/zip.js's ZipReader, with
 * its CRC-32 and AES authentication checks on. (Checked by hand as well with
 * Info-ZIP's unzip and 7-Zip 26: see docs/access-pack.md.)
 */
import { createHash, randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { Uint8ArrayReader, Uint8ArrayWriter, ZipReader } from '@zip.js/zip.js';
import { describe, expect, it } from 'vitest';
import { addZipFile } from './pack-zip';
import { StoredZipWriter, fitsWithoutZip64 } from './zip-container';

const PASSPHRASE = 'K7PM-4XRT-9WQH-3NVB-6CJD';

/** Sizes around AES's 16-byte blocks, and one over the 1 MB keystream segment, in uneven pieces. */
const FILES = [0, 1, 15, 16, 17, 65_537, 1024 * 1024 + 3].map((size, i) => ({ name: `files/photos/p${i}-Łódź.jpg`, bytes: randomBytes(size) }));

function pieces(bytes: Buffer, size: number): Readable {
  const parts: Buffer[] = [];
  for (let o = 0; o < bytes.length; o += size) parts.push(Buffer.from(bytes.subarray(o, o + size)));
  return Readable.from(parts, { objectMode: false });
}

function memoryFile(): { out: Writable; bytes(): Buffer } {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return { out, bytes: () => Buffer.concat(chunks) };
}

async function writeZip(password: string | null, files = FILES): Promise<{ zip: Buffer; hashes: Map<string, string>; sha256: string }> {
  const file = memoryFile();
  const zip = new StoredZipWriter(file.out, new Date('2026-12-02T09:30:00Z'));
  const hashes = new Map<string, string>();
  for (const f of files) {
    const added = await addZipFile(zip, { zipPath: f.name, mediaType: 'image/jpeg', size: f.bytes.length, open: () => pieces(f.bytes, 40_000) }, { password, throwIfStopped: () => undefined });
    expect(added.bytes).toBe(f.bytes.length);
    hashes.set(f.name, added.sha256);
  }
  const { sha256 } = await zip.close();
  return { zip: file.bytes(), hashes, sha256 };
}

async function readAll(zip: Buffer, password?: string): Promise<Map<string, Buffer>> {
  const reader = new ZipReader(new Uint8ArrayReader(zip), { checkCrc32: true, ...(password ? { password } : {}) });
  const entries = new Map<string, Buffer>();
  for (const e of await reader.getEntries()) if (!e.directory) entries.set(e.filename, Buffer.from(await e.getData(new Uint8ArrayWriter())));
  await reader.close();
  return entries;
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe("the pack's ZIP writer", () => {
  it('writes stored entries another reader opens byte for byte, CRC-32s checked, with each SHA-256 right', async () => {
    const { zip, hashes, sha256 } = await writeZip(null);
    const read = await readAll(zip);
    expect([...read.keys()]).toEqual(FILES.map((f) => f.name));
    for (const f of FILES) {
      expect(read.get(f.name)!.equals(f.bytes)).toBe(true);
      expect(hashes.get(f.name)).toBe(sha(f.bytes));
    }
    // The ZIP's own SHA-256 (for the audit) is the hash of the bytes written.
    expect(sha256).toBe(sha(zip));
    // Stored (method 0), not encrypted.
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    expect(zip.readUInt16LE(8)).toBe(0);
    expect(zip.readUInt16LE(6) & 1).toBe(0);
  });

  it('gives each unprotected entry its CRC-32 and sizes in its own header, with no data descriptor (Java reads it)', async () => {
    const { zip } = await writeZip(null);
    // Walk the local headers from the start: each is followed directly by its data and then the next header.
    let at = 0;
    for (const f of FILES) {
      expect(zip.readUInt32LE(at)).toBe(0x04034b50);
      expect(zip.readUInt16LE(at + 6) & 0x0008).toBe(0);
      expect(zip.readUInt32LE(at + 14)).toBe(crc32(f.bytes));
      expect(zip.readUInt32LE(at + 18)).toBe(f.bytes.length);
      const nameLength = zip.readUInt16LE(at + 26);
      expect(zip.subarray(at + 30, at + 30 + nameLength).toString('utf8')).toBe(f.name);
      at += 30 + nameLength + zip.readUInt16LE(at + 28) + f.bytes.length;
    }
    // The central directory comes straight after the last entry's data.
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
  });

  it('protects every entry with WinZip AES-256 (AE-2) that opens with the passphrase only', async () => {
    const { zip, hashes } = await writeZip(PASSPHRASE);
    // The first local header: version 5.1, encrypted, method 99, CRC-32 0 (AE-2), and the 0x9901 field.
    expect(zip.readUInt16LE(4)).toBe(51);
    expect(zip.readUInt16LE(6) & 1).toBe(1);
    expect(zip.readUInt16LE(8)).toBe(99);
    expect(zip.readUInt32LE(14)).toBe(0);
    const nameLength = zip.readUInt16LE(26);
    const extra = zip.subarray(30 + nameLength, 30 + nameLength + zip.readUInt16LE(28));
    expect([...extra]).toEqual([0x01, 0x99, 7, 0, 2, 0, 0x41, 0x45, 3, 0, 0]);
    // No plaintext in the file: the largest photo's bytes are nowhere in it.
    expect(zip.includes(FILES.at(-1)!.bytes.subarray(0, 64))).toBe(false);

    const read = await readAll(zip, PASSPHRASE);
    for (const f of FILES) {
      expect(read.get(f.name)!.equals(f.bytes)).toBe(true);
      expect(hashes.get(f.name)).toBe(sha(f.bytes));
    }
    await expect(readAll(zip)).rejects.toThrow();
    await expect(readAll(zip, 'K7PM-4XRT-9WQH-3NVB-6CJE')).rejects.toThrow(/password/i);
  });

  it('is refused by the reader when a byte of an encrypted entry is changed (the authentication code)', async () => {
    const { zip } = await writeZip(PASSPHRASE, [FILES.at(-1)!]);
    const nameLength = zip.readUInt16LE(26);
    // Past the header, the 16-byte salt and the 2-byte verifier: a byte of the ciphertext.
    zip[30 + nameLength + zip.readUInt16LE(28) + 18 + 1000]! ^= 1;
    await expect(readAll(zip, PASSPHRASE)).rejects.toThrow();
  });

  it('refuses a file shorter than the size its header gives, rather than write a ZIP a reader misreads', async () => {
    const zip = new StoredZipWriter(memoryFile().out, new Date());
    const bytes = randomBytes(100);
    await expect(
      addZipFile(zip, { zipPath: 'files/x.jpg', mediaType: 'image/jpeg', size: 101, open: () => pieces(bytes, 10) }, { password: null, throwIfStopped: () => undefined }),
    ).rejects.toThrow(/100 bytes, not the 101/);
  });

  it('stops with the disk error when the file cannot be written', async () => {
    const full = new Writable({
      write(_chunk, _enc, done) {
        done(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
      },
    });
    const zip = new StoredZipWriter(full, new Date());
    const big = randomBytes(20 * 1024 * 1024);
    await expect(
      addZipFile(zip, { zipPath: 'files/x.jpg', mediaType: 'image/jpeg', size: big.length, open: () => pieces(big, 1024 * 1024) }, { password: null, throwIfStopped: () => undefined }),
    ).rejects.toMatchObject({ code: 'ENOSPC' });
  });

  it('leaves packs of 4 GB or 65,535 files (which need Zip64) to zip.js', () => {
    expect(fitsWithoutZip64(Array.from({ length: 100 }, (_, i) => ({ name: `files/photos/${i}.jpg`, size: 4 * 1024 * 1024 })))).toBe(true);
    expect(fitsWithoutZip64([{ name: 'files/photos/big.jpg', size: 4 * 1024 ** 3 }])).toBe(false);
    expect(fitsWithoutZip64(Array.from({ length: 65_535 }, (_, i) => ({ name: `files/${i}`, size: 1 })))).toBe(false);
  });
});
