import { randomBytes } from 'node:crypto';
import {
  existsSync,
  readFileSync,
  readdirSync,
  renameSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer as collect } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../contract/errors';
import { HEADER_LENGTH, TAG_LENGTH } from './blob-format';
import { createTestVault, type TestVault } from '../test-support/file-test-vault';

const MiB = 1024 * 1024;
const meta = { mediaType: 'image/jpeg', createdBy: 'staff_1' };

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
}

function flipByte(path: string, position: number): void {
  const data = readFileSync(path);
  data[position]! ^= 0x40;
  writeFileSync(path, data);
}

async function* inPieces(data: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

let v: TestVault;
beforeEach(() => {
  v = createTestVault();
});
afterEach(() => v.cleanup());

describe('round trip', () => {
  it.each([
    ['empty', 0],
    ['1 byte', 1],
    ['exactly 1 MiB', MiB],
    ['1 MiB + 1', MiB + 1],
    ['~5 MB', 5 * 1000 * 1000 + 3],
  ])('%s, written from a Buffer, a Readable and an async iterable', async (_name, size) => {
    const data = randomBytes(size);
    const sources = [data, Readable.from(inPieces(data, 65_536)), inPieces(data, 7_777)];
    for (const source of sources) {
      const stored = await v.store.write(source, meta);
      expect(stored).toEqual({
        id: stored.id,
        size,
        mediaType: 'image/jpeg',
        createdAt: '2025-03-04T10:00:00.000Z',
        createdBy: 'staff_1',
      });
      expect(stored.id).toMatch(/^f_[a-z2-7]{20}$/);
      expect(v.store.info(stored.id)).toEqual(stored);
      expect((await v.store.readToBuffer(stored.id)).equals(data)).toBe(true);
      expect((await collect(v.store.openReadStream(stored.id))).equals(data)).toBe(true);
      const chunks = size === 0 ? 1 : Math.ceil(size / MiB);
      expect(statSync(v.blobPathOf(stored.id)).size).toBe(HEADER_LENGTH + size + chunks * TAG_LENGTH);
    }
    const { n } = v.db.prepare('SELECT count(*) AS n FROM files').get() as { n: number };
    expect(n).toBe(3);
  });

  it('exports the plaintext to a file', async () => {
    const data = randomBytes(3 * MiB + 5);
    const { id } = await v.store.write(data, meta);
    const dest = join(v.dir, 'export.bin');
    await v.store.exportTo(id, dest);
    expect(readFileSync(dest).equals(data)).toBe(true);
    expect(readdirSync(v.dir).filter((n) => n.includes('export'))).toEqual(['export.bin']);
  });

  it('stores no plaintext, and names that reveal nothing', async () => {
    const marker = 'Jane Doe, botox 20 units, glabella; ';
    const data = Buffer.from(marker.repeat(50_000));
    const { id } = await v.store.write(data, meta);
    const path = v.blobPathOf(id);
    const blob = readFileSync(path);
    expect(blob.includes(Buffer.from('Jane Doe'))).toBe(false);
    expect(blob.includes(Buffer.from('glabella'))).toBe(false);
    expect(path).toMatch(/blobs[/\\]([0-9a-f]{2})[/\\]\1[0-9a-f]{30}\.blob$/);
    expect(path.includes(id)).toBe(false);
    expect(statSync(path).mode & 0o077).toBe(0);
  });

  it('gives every file its own key and nonce prefix', async () => {
    const a = await v.store.write(Buffer.from('same'), meta);
    const b = await v.store.write(Buffer.from('same'), meta);
    const rows = v.db.prepare('SELECT file_key, nonce_prefix FROM files').all() as {
      file_key: Buffer;
      nonce_prefix: Buffer;
    }[];
    expect(rows[0]!.file_key.length).toBe(32);
    expect(rows[0]!.nonce_prefix.length).toBe(8);
    expect(rows[0]!.file_key.equals(rows[1]!.file_key)).toBe(false);
    expect(readFileSync(v.blobPathOf(a.id)).equals(readFileSync(v.blobPathOf(b.id)))).toBe(false);
  });
});

describe('damage is detected', () => {
  it.each([
    ['the header', 5],
    ['the first chunk', HEADER_LENGTH + 100],
    ['a tag in the middle', HEADER_LENGTH + MiB + 3],
    ['the last byte', -1],
  ])('a byte flipped in %s', async (_name, position) => {
    const healthy = await v.store.write(randomBytes(1000), meta);
    const { id } = await v.store.write(randomBytes(2 * MiB + 10), meta);
    const path = v.blobPathOf(id);
    flipByte(path, position < 0 ? statSync(path).size + position : position);
    await expectCode(v.store.readToBuffer(id), 'FILE_DAMAGED');
    await expectCode(collect(v.store.openReadStream(id)), 'FILE_DAMAGED');
    const progress: [number, number][] = [];
    const report = await v.store.verifyAll((done, total) => progress.push([done, total]));
    expect(report).toEqual({ checked: 2, damaged: [{ fileId: id, problem: 'failed integrity check' }] });
    expect(progress).toEqual([
      [0, 2],
      [1, 2],
      [2, 2],
    ]);
    expect((await v.store.readToBuffer(healthy.id)).length).toBe(1000);
  });

  it('a blob cut at a chunk boundary, even if its recorded size were cut too', async () => {
    const { id } = await v.store.write(randomBytes(3 * MiB), meta);
    const path = v.blobPathOf(id);
    truncateSync(path, HEADER_LENGTH + 2 * (MiB + TAG_LENGTH));
    await expectCode(v.store.readToBuffer(id), 'FILE_DAMAGED');
    // Without the size check, the crypto must still notice the missing final chunk.
    v.db.prepare('UPDATE files SET size = ? WHERE id = ?').run(2 * MiB, id);
    await expectCode(v.store.readToBuffer(id), 'FILE_DAMAGED');
    await expectCode(collect(v.store.openReadStream(id)), 'FILE_DAMAGED');
    expect((await v.store.verifyAll()).damaged).toEqual([{ fileId: id, problem: 'failed integrity check' }]);
  });

  it('an extra chunk appended after the final one', async () => {
    const { id } = await v.store.write(randomBytes(MiB), meta);
    const path = v.blobPathOf(id);
    const blob = readFileSync(path);
    writeFileSync(path, Buffer.concat([blob, blob.subarray(HEADER_LENGTH)]));
    v.db.prepare('UPDATE files SET size = ? WHERE id = ?').run(2 * MiB, id);
    await expectCode(v.store.readToBuffer(id), 'FILE_DAMAGED');
  });

  it('two blobs swapped between files', async () => {
    const a = await v.store.write(randomBytes(4096), meta);
    const b = await v.store.write(randomBytes(4096), meta);
    const pa = v.blobPathOf(a.id);
    const pb = v.blobPathOf(b.id);
    renameSync(pa, `${pa}.x`);
    renameSync(pb, pa);
    renameSync(`${pa}.x`, pb);
    await expectCode(v.store.readToBuffer(a.id), 'FILE_DAMAGED');
    await expectCode(v.store.readToBuffer(b.id), 'FILE_DAMAGED');
    expect((await v.store.verifyAll()).damaged.map((d) => d.problem)).toEqual([
      'failed integrity check',
      'failed integrity check',
    ]);
  });

  it('a missing or emptied blob', async () => {
    const { id } = await v.store.write(randomBytes(10), meta);
    const path = v.blobPathOf(id);
    truncateSync(path, 0);
    await expectCode(v.store.readToBuffer(id), 'FILE_DAMAGED');
    expect((await v.store.verifyAll()).damaged).toEqual([{ fileId: id, problem: 'failed integrity check' }]);
    renameSync(path, `${path}.gone`);
    await expectCode(v.store.readToBuffer(id), 'FILE_DAMAGED');
    await expectCode(collect(v.store.openReadStream(id)), 'FILE_DAMAGED');
    expect((await v.store.verifyAll()).damaged).toEqual([{ fileId: id, problem: 'missing blob' }]);
  });

  it('exportTo a damaged blob leaves no file at the destination', async () => {
    const { id } = await v.store.write(randomBytes(3 * MiB), meta);
    // Damage the last chunk, so the first chunks were already written when it fails.
    const path = v.blobPathOf(id);
    flipByte(path, statSync(path).size - 50);
    const dest = join(v.dir, 'photo.jpg');
    await expectCode(v.store.exportTo(id, dest), 'FILE_DAMAGED');
    expect(existsSync(dest)).toBe(false);
    expect(readdirSync(v.dir).filter((n) => n.includes('photo'))).toEqual([]);
  });
});

describe('delete, info and housekeeping', () => {
  it('delete removes the row (and so the key) and the blob', async () => {
    const { id } = await v.store.write(randomBytes(100), meta);
    const path = v.blobPathOf(id);
    await v.store.delete(id);
    expect(existsSync(path)).toBe(false);
    expect(v.db.prepare('SELECT count(*) AS n FROM files').get()).toEqual({ n: 0 });
    await expectCode(v.store.readToBuffer(id), 'NOT_FOUND');
    expect(() => v.store.openReadStream(id)).toThrow(AppError);
    expect(() => v.store.info(id)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    await expectCode(v.store.delete(id), 'NOT_FOUND');
  });

  it('delete succeeds when the blob is already gone', async () => {
    const { id } = await v.store.write(randomBytes(100), meta);
    renameSync(v.blobPathOf(id), join(v.dir, 'elsewhere'));
    await v.store.delete(id);
    expect(() => v.store.info(id)).toThrow(AppError);
  });

  it('cleanTemp removes temp files left by a crash', async () => {
    await v.store.write(randomBytes(10), meta); // creates blobs/tmp
    const tmp = join(v.dir, 'blobs', 'tmp');
    writeFileSync(join(tmp, 'deadbeef.tmp'), 'partial ciphertext');
    writeFileSync(join(tmp, 'cafe.tmp'), '');
    expect(await v.store.cleanTemp()).toBe(2);
    expect(readdirSync(tmp)).toEqual([]);
    expect(await v.storeWith({ vaultDir: join(v.dir, 'nowhere') }).cleanTemp()).toBe(0);
  });

  it('cleanTemp leaves the temp file of a write in progress alone', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    async function* source(): AsyncGenerator<Buffer> {
      yield randomBytes(3 * MiB);
      await gate;
      yield randomBytes(10);
    }
    const writing = v.store.write(source(), meta);
    const tmp = join(v.dir, 'blobs', 'tmp');
    while (!existsSync(tmp) || readdirSync(tmp).length === 0) await new Promise((r) => setTimeout(r, 5));
    expect(await v.store.cleanTemp()).toBe(0);
    release();
    const { id, size } = await writing;
    expect(size).toBe(3 * MiB + 10);
    expect((await v.store.readToBuffer(id)).length).toBe(size);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('verifyAll on an empty store, and its abort', async () => {
    expect(await v.store.verifyAll()).toEqual({ checked: 0, damaged: [] });
    await v.store.write(randomBytes(10), meta);
    const controller = new AbortController();
    controller.abort();
    await expect(v.store.verifyAll(undefined, controller.signal)).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});
