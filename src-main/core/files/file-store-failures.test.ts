import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { Writable, finished } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../contract/errors';
import { createTestVault, type TestVault } from '../test-support/file-test-vault';

const MiB = 1024 * 1024;
const meta = { mediaType: 'application/pdf', createdBy: null };

/** A createWriteStream whose disk fills up after `limit` bytes, as the real one reports it. */
function diskFullAfter(limit: number): typeof fs.createWriteStream {
  return ((path: fs.PathLike, options?: Parameters<typeof fs.createWriteStream>[1]) => {
    const real = fs.createWriteStream(path, options);
    let written = 0;
    return new Writable({
      write(chunk: Buffer, _encoding, callback) {
        written += chunk.length;
        if (written > limit) {
          const err = Object.assign(new Error('ENOSPC: no space left on device, write'), {
            code: 'ENOSPC',
            errno: -28,
            syscall: 'write',
          });
          callback(err);
          return;
        }
        real.write(chunk, callback);
      },
      final(callback) {
        real.end(callback);
      },
      destroy(err, callback) {
        real.destroy();
        finished(real, () => callback(err));
      },
    }) as unknown as fs.WriteStream;
  }) as typeof fs.createWriteStream;
}

/** Everything the store left behind: files in blobs/ (temp and shards) and rows. */
function leftovers(v: TestVault): { files: string[]; rows: number } {
  const blobs = join(v.dir, 'blobs');
  const files = fs.existsSync(blobs)
    ? (fs.readdirSync(blobs, { recursive: true, withFileTypes: true }) as fs.Dirent[])
        .filter((d) => d.isFile())
        .map((d) => join(d.parentPath, d.name))
    : [];
  const { n } = v.db.prepare('SELECT count(*) AS n FROM files').get() as { n: number };
  return { files, rows: n };
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: unknown) => err,
  );
}

let v: TestVault;
beforeEach(() => {
  v = createTestVault();
});
afterEach(() => v.cleanup());

describe('disk full', () => {
  it('reports DISK_FULL, leaves nothing, and earlier files still read', async () => {
    const earlier = randomBytes(2 * MiB + 1);
    const { id } = await v.store.write(earlier, meta);
    const before = leftovers(v);
    const full = v.storeWith({ createWriteStream: diskFullAfter(3 * MiB) });
    const err = await caught(full.write(randomBytes(8 * MiB), meta));
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('DISK_FULL');
    expect(leftovers(v)).toEqual(before);
    expect((await v.store.readToBuffer(id)).equals(earlier)).toBe(true);
  });

  it('reports DISK_FULL when it happens on the first bytes of a streamed source', async () => {
    const full = v.storeWith({ createWriteStream: diskFullAfter(0) });
    async function* source() {
      for (let i = 0; i < 10; i++) yield randomBytes(300_000);
    }
    expect(await caught(full.write(source(), meta))).toMatchObject({ code: 'DISK_FULL' });
    expect(leftovers(v)).toEqual({ files: [], rows: 0 });
  });

  it('exportTo reports DISK_FULL and leaves no file', async () => {
    const { id } = await v.store.write(randomBytes(5 * MiB), meta);
    const full = v.storeWith({ createWriteStream: diskFullAfter(2 * MiB) });
    const dest = join(v.dir, 'export.pdf');
    expect(await caught(full.exportTo(id, dest))).toMatchObject({ code: 'DISK_FULL' });
    expect(fs.readdirSync(v.dir).filter((n) => n.includes('export'))).toEqual([]);
  });
});

describe('size limit', () => {
  it('refuses a file over maxBytes with VALIDATION and leaves nothing', async () => {
    async function* source() {
      for (let i = 0; i < 100; i++) yield randomBytes(100_000);
    }
    const err = await caught(v.store.write(source(), { ...meta, maxBytes: 2 * MiB }));
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('VALIDATION');
    expect((err as AppError).message).toContain('larger than the limit of 2 MB');
    expect(leftovers(v)).toEqual({ files: [], rows: 0 });
    expect(await caught(v.store.write(Buffer.alloc(11), { ...meta, maxBytes: 10 }))).toMatchObject({
      code: 'VALIDATION',
    });
  });

  it('accepts a file of exactly maxBytes', async () => {
    const stored = await v.store.write(Buffer.alloc(MiB, 1), { ...meta, maxBytes: MiB });
    expect(stored.size).toBe(MiB);
  });
});

describe('cancellation', () => {
  it('abort mid-write leaves nothing, even while the source is stalled', async () => {
    const controller = new AbortController();
    let sent = 0;
    async function* source(): AsyncGenerator<Buffer> {
      for (;;) {
        if (sent === 3 * MiB) {
          setTimeout(() => controller.abort(), 10);
          await new Promise(() => {}); // a network share that stopped answering
        }
        sent += 256 * 1024;
        yield randomBytes(256 * 1024);
      }
    }
    const err = await caught(v.store.write(source(), meta, controller.signal));
    expect(err).toMatchObject({ name: 'AbortError' });
    expect(leftovers(v)).toEqual({ files: [], rows: 0 });
  });

  it('abort while chunks are being encrypted leaves nothing', async () => {
    const controller = new AbortController();
    async function* source(): AsyncGenerator<Buffer> {
      for (let i = 0; i < 64; i++) {
        if (i === 8) controller.abort();
        yield randomBytes(MiB);
      }
    }
    await expect(v.store.write(source(), meta, controller.signal)).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(leftovers(v)).toEqual({ files: [], rows: 0 });
  });

  it('an already-aborted signal writes nothing', async () => {
    await expect(v.store.write(Buffer.alloc(10), meta, AbortSignal.abort())).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(leftovers(v)).toEqual({ files: [], rows: 0 });
  });

  it('abort during exportTo leaves no file', async () => {
    const { id } = await v.store.write(randomBytes(8 * MiB), meta);
    const controller = new AbortController();
    const dest = join(v.dir, 'out.bin');
    const exporting = v.store.exportTo(id, dest, controller.signal);
    controller.abort();
    await expect(exporting).rejects.toMatchObject({ name: 'AbortError' });
    expect(fs.readdirSync(v.dir).filter((n) => n.includes('out.bin'))).toEqual([]);
  });

  it('a source that fails passes its error through and leaves nothing', async () => {
    async function* source(): AsyncGenerator<Buffer> {
      yield randomBytes(2 * MiB);
      throw new Error('camera disconnected');
    }
    await expect(v.store.write(source(), meta)).rejects.toThrow('camera disconnected');
    expect(leftovers(v)).toEqual({ files: [], rows: 0 });
  });
});
