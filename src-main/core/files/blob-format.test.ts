import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  BlobIntegrityError,
  ChunkDecryptor,
  ChunkEncryptor,
  HEADER_LENGTH,
  TAG_LENGTH,
  encodeHeader,
  parseHeader,
  plaintextSize,
  recordLayout,
  type FileSecrets,
} from './blob-format';

const secrets = (fileId = 'f_test'): FileSecrets => ({
  fileId,
  key: randomBytes(32),
  noncePrefix: randomBytes(8),
});

describe('header', () => {
  it('round-trips the chunk size', () => {
    expect(parseHeader(encodeHeader(1024 * 1024))).toBe(1024 * 1024);
    expect(encodeHeader(64).subarray(0, 4).toString('ascii')).toBe('CVB1');
  });

  it.each([
    ['wrong magic', (h: Buffer) => h.write('XVB1', 0, 'ascii')],
    ['future version', (h: Buffer) => h.writeUInt8(2, 4)],
    ['reserved bits set', (h: Buffer) => h.writeUInt8(1, 6)],
    ['zero chunk size', (h: Buffer) => h.writeUInt32BE(0, 8)],
    ['huge chunk size', (h: Buffer) => h.writeUInt32BE(0xffffffff, 8)],
  ])('refuses %s', (_name, damage) => {
    const header = encodeHeader(1024);
    damage(header);
    expect(() => parseHeader(header)).toThrow(BlobIntegrityError);
  });
});

describe('recordLayout', () => {
  const cs = 100;
  const full = cs + TAG_LENGTH;
  it.each([
    // [plaintext size, records, last record length]
    [0, 1, TAG_LENGTH],
    [1, 1, 1 + TAG_LENGTH],
    [cs, 1, full],
    [cs + 1, 2, 1 + TAG_LENGTH],
    [3 * cs, 3, full],
    [3 * cs + 7, 4, 7 + TAG_LENGTH],
  ])('a %i-byte file has %i records', (size, count, lastRecordLength) => {
    const records = size === 0 ? 1 : Math.ceil(size / cs);
    const blobLength = HEADER_LENGTH + size + records * TAG_LENGTH;
    const layout = recordLayout(blobLength, cs);
    expect(layout).toEqual({ chunkSize: cs, count, lastRecordLength });
    expect(plaintextSize(layout)).toBe(size);
  });

  it.each([0, HEADER_LENGTH, HEADER_LENGTH + TAG_LENGTH - 1, HEADER_LENGTH + full + 5])(
    'refuses a blob of %i bytes',
    (blobLength) => {
      expect(() => recordLayout(blobLength, cs)).toThrow(BlobIntegrityError);
    },
  );
});

describe('chunk encryption', () => {
  function encryptAll(s: FileSecrets, chunks: Buffer[]) {
    const enc = new ChunkEncryptor(s, 64);
    const records = chunks.map((c, i) => Buffer.concat(enc.encrypt(c, i === chunks.length - 1)));
    return { header: enc.header, records };
  }

  it('round-trips and leaks no plaintext', () => {
    const s = secrets();
    const chunks = [Buffer.alloc(64, 'a'), Buffer.alloc(64, 'b'), Buffer.from('tail')];
    const { header, records } = encryptAll(s, chunks);
    const dec = new ChunkDecryptor(s, header);
    records.forEach((r, i) => {
      expect(r.length).toBe(chunks[i]!.length + TAG_LENGTH);
      expect(r.includes(chunks[i]!.subarray(0, 4))).toBe(false);
      expect(dec.decrypt(r, i, i === records.length - 1)).toEqual(chunks[i]);
    });
  });

  it('refuses to encrypt after the final chunk', () => {
    const enc = new ChunkEncryptor(secrets(), 64);
    enc.encrypt(Buffer.from('x'), true);
    expect(() => enc.encrypt(Buffer.from('y'), false)).toThrow();
  });

  it('binds every chunk to its position, its final flag, its header and its file', () => {
    const s = secrets('f_one');
    const { header, records } = encryptAll(s, [Buffer.alloc(64, 1), Buffer.alloc(10, 2)]);
    const dec = new ChunkDecryptor(s, header);
    // Reordering: chunk 1 presented at index 0.
    expect(() => dec.decrypt(records[1]!, 0, false)).toThrow(BlobIntegrityError);
    // Truncation: the first chunk presented as the last.
    expect(() => dec.decrypt(records[0]!, 0, true)).toThrow(BlobIntegrityError);
    // A different file with the same key (as if blobs were swapped between rows).
    expect(() =>
      new ChunkDecryptor({ ...s, fileId: 'f_two' }, header).decrypt(records[0]!, 0, false),
    ).toThrow(BlobIntegrityError);
    // An edited header.
    expect(() => new ChunkDecryptor(s, encodeHeader(65)).decrypt(records[0]!, 0, false)).toThrow(
      BlobIntegrityError,
    );
    // Wrong key.
    expect(() => new ChunkDecryptor(secrets('f_one'), header).decrypt(records[0]!, 0, false)).toThrow(
      BlobIntegrityError,
    );
  });

  it('detects a single flipped bit anywhere in a record', () => {
    const s = secrets();
    const { header, records } = encryptAll(s, [Buffer.alloc(40, 7)]);
    const dec = new ChunkDecryptor(s, header);
    for (const pos of [0, 20, 39, 40, 55]) {
      const bad = Buffer.from(records[0]!);
      bad[pos]! ^= 0x01;
      expect(() => dec.decrypt(bad, 0, true)).toThrow(BlobIntegrityError);
    }
  });
});
