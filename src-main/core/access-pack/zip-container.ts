/**
 * A ZIP container of stored (uncompressed) entries, written straight to a Node
 * stream: each entry's bytes are handed to the file as they are, with no copy.
 * @zip.js/zip.js copies every entry into pieces of its own and runs them
 * through web streams; for a 400 MB pack that, and collecting the garbage it
 * left, held the ZIP at 0.2-0.4x the disk's speed (bench/access-pack.ts).
 *
 * What it writes (PKWARE's APPNOTE 6.3): per entry a local header, the data,
 * and a data descriptor when the CRC-32 was not known up front; then the
 * central directory and its end record. An entry is stored (method 0) or
 * WinZip AES (method 99, extra field 0x9901, AE-2: CRC-32 0, the data
 * authenticated instead; see winzip-aes.ts). No Zip64: a pack that would need
 * it (4 GB, 65,535 entries) is written by zip.js (`fitsWithoutZip64`), and a
 * field that would overflow anyway is refused, never wrapped.
 */
import { createHash } from 'node:crypto';
import type { Writable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { AES_OVERHEAD_BYTES } from './winzip-aes';

const MAX_32 = 0xffffffff;
const MAX_ENTRIES = 0xffff;
/** Room kept for data.json and the headers, which are sized only as they are written. */
const HEADROOM_BYTES = 256 * 1024 * 1024;
/** Bytes handed to the file and not yet written: enough to read the next photo while this one is written. */
const MAX_IN_FLIGHT = 12 * 1024 * 1024;

const FLAG_ENCRYPTED = 0x0001;
const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;
const METHOD_STORED = 0;
const METHOD_AES = 99;
const VERSION_STORED = 20;
const VERSION_AES = 51;
/** Made by Unix (3), so the external attributes below are read as a mode: a plain file, rw-r--r--. */
const MADE_BY_UNIX = 3 << 8;
const EXTERNAL_ATTRIBUTES = (0o100644 << 16) >>> 0;

/** Whether entries of these sizes (and their names) fit a ZIP without Zip64, leaving room for data.json. */
export function fitsWithoutZip64(entries: Array<{ name: string; size: number }>): boolean {
  if (entries.length + 1 >= MAX_ENTRIES) return false;
  let total = HEADROOM_BYTES;
  for (const e of entries) total += e.size + AES_OVERHEAD_BYTES + 2 * (46 + Buffer.byteLength(e.name) + 11) + 16;
  return total < MAX_32;
}

function dosDateTime(d: Date): { time: number; date: number } {
  const year = Math.min(Math.max(d.getFullYear(), 1980), 2107);
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

function aesExtraField(): Buffer {
  const f = Buffer.alloc(11);
  f.writeUInt16LE(0x9901, 0);
  f.writeUInt16LE(7, 2);
  f.writeUInt16LE(2, 4); // AE-2
  f.write('AE', 6, 'latin1');
  f.writeUInt8(3, 8); // AES-256
  f.writeUInt16LE(METHOD_STORED, 9); // the method underneath the encryption
  return f;
}

function checked(value: number, what: string): number {
  if (value > MAX_32) throw new Error(`ZIP ${what} does not fit in 32 bits (the pack needs Zip64)`);
  return value;
}

export interface EntryInfo {
  name: string;
  /** The entry's bytes in the ZIP: the file's size, plus AES_OVERHEAD_BYTES when encrypted. */
  size: number;
  /** The plaintext's size (the same as `size` unless encrypted). */
  uncompressedSize: number;
  encrypted: boolean;
  /** Known up front (the file read before its header, pack-zip.ts), or null: worked out on the way and written after the data. */
  crc32: number | null;
}

interface CentralRecord extends EntryInfo {
  flags: number;
  offset: number;
  crc: number;
  raw: Buffer;
}

export class StoredZipWriter {
  private offset = 0;
  private inFlight = 0;
  private failure: unknown = null;
  private wake: (() => void) | null = null;
  private readonly records: CentralRecord[] = [];
  private current: { record: CentralRecord; written: number; runningCrc: number } | null = null;
  private readonly hash = createHash('sha256');
  private readonly stamp: { time: number; date: number };

  constructor(
    private readonly out: Writable,
    modified: Date,
  ) {
    this.stamp = dosDateTime(modified);
    // A full disk must stop the writer, not leave it waiting for room.
    out.on('error', (err) => this.fail(err));
  }

  private fail(err: unknown): void {
    this.failure ??= err;
    this.wake?.();
  }

  /**
   * Hands bytes to the file without waiting for them to be written, so the
   * next file is read meanwhile; `written` runs once the file has them (to
   * give a buffer back). Waits only while too much is in flight.
   */
  async put(bytes: Buffer, written?: () => void): Promise<void> {
    if (this.failure) throw this.failure;
    this.hash.update(bytes);
    this.offset += bytes.length;
    this.inFlight += bytes.length;
    if (this.current) {
      this.current.written += bytes.length;
      if (this.current.record.crc32 === null && !this.current.record.encrypted) this.current.runningCrc = crc32(bytes, this.current.runningCrc);
    }
    this.out.write(bytes, (err) => {
      this.inFlight -= bytes.length;
      if (err) this.fail(err);
      else written?.();
      this.wake?.();
    });
    while (this.inFlight > MAX_IN_FLIGHT && !this.failure) await new Promise<void>((r) => (this.wake = r));
    this.wake = null;
    if (this.failure) throw this.failure;
  }

  async begin(entry: EntryInfo): Promise<void> {
    if (this.current) throw new Error('the previous ZIP entry is not finished');
    if (this.records.length + 1 >= MAX_ENTRIES) throw new Error('too many ZIP entries (the pack needs Zip64)');
    const raw = Buffer.from(entry.name, 'utf8');
    const descriptor = entry.crc32 === null && !entry.encrypted;
    const flags = (entry.encrypted ? FLAG_ENCRYPTED : 0) | (descriptor ? FLAG_DATA_DESCRIPTOR : 0) | FLAG_UTF8;
    // AE-2 stores no CRC-32: the authentication code covers the data.
    const crc = entry.encrypted ? 0 : (entry.crc32 ?? 0);
    const record: CentralRecord = { ...entry, flags, offset: checked(this.offset, 'offset'), crc, raw };
    checked(entry.size, 'entry size');
    const extra = entry.encrypted ? aesExtraField() : Buffer.alloc(0);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(entry.encrypted ? VERSION_AES : VERSION_STORED, 4);
    header.writeUInt16LE(flags, 6);
    header.writeUInt16LE(entry.encrypted ? METHOD_AES : METHOD_STORED, 8);
    header.writeUInt16LE(this.stamp.time, 10);
    header.writeUInt16LE(this.stamp.date, 12);
    // With a data descriptor the CRC-32 and sizes follow the data (and are 0 here, as APPNOTE 4.4.4 says).
    header.writeUInt32LE(descriptor ? 0 : crc, 14);
    header.writeUInt32LE(descriptor ? 0 : entry.size, 18);
    header.writeUInt32LE(descriptor ? 0 : entry.uncompressedSize, 22);
    header.writeUInt16LE(raw.length, 26);
    header.writeUInt16LE(extra.length, 28);
    await this.put(Buffer.concat([header, raw, extra]));
    this.current = { record, written: 0, runningCrc: 0 };
  }

  async end(): Promise<void> {
    const c = this.current;
    if (!c) throw new Error('no ZIP entry is open');
    this.current = null;
    // The header promised this many bytes; a reader would read past a short entry into the next.
    if (c.written !== c.record.size) throw new Error(`ZIP entry ${c.record.name} has ${c.written} bytes, not the ${c.record.size} its header says`);
    if (c.record.flags & FLAG_DATA_DESCRIPTOR) {
      c.record.crc = c.runningCrc;
      const d = Buffer.alloc(16);
      d.writeUInt32LE(0x08074b50, 0);
      d.writeUInt32LE(c.record.crc, 4);
      d.writeUInt32LE(c.record.size, 8);
      d.writeUInt32LE(c.record.uncompressedSize, 12);
      await this.put(d);
    }
    this.records.push(c.record);
  }

  /** The central directory and its end record; resolves once the file has every byte, with the ZIP's SHA-256 and size. */
  async close(): Promise<{ sha256: string; bytes: number }> {
    if (this.current) throw new Error('a ZIP entry is still open');
    const start = this.offset;
    for (const r of this.records) {
      const extra = r.encrypted ? aesExtraField() : Buffer.alloc(0);
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      const version = r.encrypted ? VERSION_AES : VERSION_STORED;
      h.writeUInt16LE(MADE_BY_UNIX | version, 4);
      h.writeUInt16LE(version, 6);
      h.writeUInt16LE(r.flags, 8);
      h.writeUInt16LE(r.encrypted ? METHOD_AES : METHOD_STORED, 10);
      h.writeUInt16LE(this.stamp.time, 12);
      h.writeUInt16LE(this.stamp.date, 14);
      h.writeUInt32LE(r.crc, 16);
      h.writeUInt32LE(r.size, 20);
      h.writeUInt32LE(r.uncompressedSize, 24);
      h.writeUInt16LE(r.raw.length, 28);
      h.writeUInt16LE(extra.length, 30);
      // comment length, disk number, internal attributes: 0
      h.writeUInt32LE(EXTERNAL_ATTRIBUTES, 38);
      h.writeUInt32LE(r.offset, 42);
      await this.put(Buffer.concat([h, r.raw, extra]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.records.length, 8);
    end.writeUInt16LE(this.records.length, 10);
    end.writeUInt32LE(checked(this.offset - start, 'central directory size'), 12);
    end.writeUInt32LE(checked(start, 'central directory offset'), 16);
    await this.put(end);
    await new Promise<void>((resolve, reject) => {
      this.out.end((err?: Error | null) => (err ? reject(err) : resolve()));
    });
    if (this.failure) throw this.failure;
    return { sha256: this.hash.digest('hex'), bytes: this.offset };
  }
}
