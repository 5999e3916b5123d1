/**
 * Direct I/O for the backup's file threads (direct-io.ts): on Linux a set's
 * folder takes it, and whatever a file's size (a last partial block, an
 * empty file, exactly one buffer), what a file thread copies and reads back
 * is the source byte for byte, directly written or not.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-support/temp-vault';
import { BLOCK, DirectBuffers, finishFile, openNew, openToRead, writeAt } from './direct-io';
import { HashPool } from './hash-pool';

const temps = makeTempDir('cv-direct-');
let pool: HashPool | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});
afterAll(() => temps.cleanup());

const MB = 1024 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('direct I/O in a backup set', () => {
  it('is used for a set on a Linux disk, and nowhere O_DIRECT does not exist', () => {
    const dir = join(temps.dir, 'probe');
    mkdirSync(dir);
    expect(new DirectBuffers(BLOCK * 4).forFolder(dir).direct).toBe(process.platform === 'linux');
  });

  for (const direct of [true, false]) {
    it(`writes a last partial block and cuts the file to its size, and reads it back whole (${direct ? 'direct' : 'through the cache'})`, () => {
      const dir = join(temps.dir, `partial-${direct}`);
      mkdirSync(dir);
      const buffers = new DirectBuffers(BLOCK * 4);
      const { buf, direct: usable } = buffers.forFolder(dir);
      const bytes = randomBytes(BLOCK * 2 + 123);
      bytes.copy(buf);
      const path = join(dir, 'one.tmp');
      const fd = openNew(path, direct && usable);
      writeAt(fd, buf, bytes.length, 0, direct && usable);
      finishFile(fd, bytes.length, direct && usable);
      closeSync(fd);
      expect(readFileSync(path).equals(bytes)).toBe(true);
      const back = buffers.forFolder(dir).buf;
      const rd = openToRead(path, direct && usable);
      const n = readSync(rd, back, 0, back.length, 0);
      closeSync(rd);
      expect(n).toBe(bytes.length);
      expect(back.subarray(0, n).equals(bytes)).toBe(true);
    });
  }

  it('copies and settles files of every awkward size byte for byte on the file threads', async () => {
    const dir = join(temps.dir, 'sizes');
    mkdirSync(join(dir, 'tmp'), { recursive: true });
    pool = new HashPool(2);
    for (const size of [0, 1, BLOCK - 1, BLOCK, BLOCK + 1, 3 * MB + 7, 8 * MB, 8 * MB + 4096 + 5]) {
      const source = join(dir, `source-${size}`);
      const bytes = randomBytes(size);
      writeFileSync(source, bytes);
      const temp = join(dir, 'tmp', `${size}.tmp`);
      const copied = await pool.copy(source, temp);
      expect(copied).toEqual({ size, sha256: sha(bytes) });
      const target = join(dir, 'blobs', `${size}.blob`);
      // The settle reads the file back from the drive and compares its SHA-256 with what was written.
      expect(await pool.settle(temp, target, { size, sha256: sha(bytes) })).toEqual({ ok: true });
      expect(readFileSync(target).equals(bytes)).toBe(true);
    }
  });

  it('refuses a settle whose file on the drive is not what was written', async () => {
    const dir = join(temps.dir, 'differs');
    mkdirSync(join(dir, 'tmp'), { recursive: true });
    pool = new HashPool(1);
    const bytes = randomBytes(BLOCK * 3 + 9);
    writeFileSync(join(dir, 'source'), bytes);
    const temp = join(dir, 'tmp', 'a.tmp');
    await pool.copy(join(dir, 'source'), temp);
    // One byte changed on the drive after the write, before the settle reads it back.
    const onDisk = readFileSync(temp);
    onDisk[BLOCK + 1] = onDisk[BLOCK + 1]! ^ 0xff;
    writeFileSync(temp, onDisk);
    expect(await pool.settle(temp, join(dir, 'blobs', 'a.blob'), { size: bytes.length, sha256: sha(bytes) })).toEqual({ ok: false });
  });
});
