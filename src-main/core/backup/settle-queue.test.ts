/**
 * The check after writing, a little behind the writing (settle-queue.ts): a
 * file whose bytes read back as written is renamed to its content address; one
 * that does not is refused, named, and leaves nothing at the address or in
 * the temp folder; the window keeps the written-but-unsettled bytes bounded.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-support/temp-vault';
import { HashPool } from './hash-pool';
import { SettleFailed, SettleQueue } from './settle-queue';

const temps = makeTempDir('cv-settle-');
let pool: HashPool | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});
afterAll(() => temps.cleanup());

function written(name: string, bytes: Buffer): { temp: string; target: string; entry: { size: number; sha256: string } } {
  const dir = join(temps.dir, name);
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  const temp = join(dir, 'tmp', 'one.tmp');
  writeFileSync(temp, bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { temp, target: join(dir, 'blobs', sha256.slice(0, 2), `${sha256}.blob`), entry: { size: bytes.length, sha256 } };
}

describe('settling written files', () => {
  it('renames a file that reads back as written to its content address', async () => {
    pool = new HashPool(2);
    const bytes = randomBytes(100_000);
    const f = written('good', bytes);
    const q = new SettleQueue(pool);
    q.add(f.temp, f.target, f.entry, 'blobs/aa/one.blob');
    await q.flush();
    expect(readFileSync(f.target).equals(bytes)).toBe(true);
    expect(existsSync(f.temp)).toBe(false);
  });

  it('refuses a file that reads back differently, naming it, and leaves nothing behind', async () => {
    pool = new HashPool(2);
    const f = written('bad', randomBytes(100_000));
    // What the drive now holds is not what was written (a bit flipped on the way).
    const bytes = readFileSync(f.temp);
    bytes[5_000]! ^= 1;
    writeFileSync(f.temp, bytes);
    const q = new SettleQueue(pool);
    q.add(f.temp, f.target, f.entry, 'blobs/aa/one.blob');
    const err = await q.flush().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SettleFailed);
    expect((err as Error).message).toBe('blobs/aa/one.blob read back differently from what was written');
    expect(existsSync(f.target)).toBe(false);
    expect(readdirSync(join(temps.dir, 'bad', 'tmp'))).toEqual([]);
  });

  it('settles the oldest files once more than the window waits, before flush', async () => {
    pool = new HashPool(2);
    const q = new SettleQueue(pool, 150_000);
    const files = ['w1', 'w2', 'w3'].map((n) => written(n, randomBytes(100_000)));
    for (const f of files) q.add(f.temp, f.target, f.entry, f.temp);
    // 300,000 bytes waited with a window of 150,000: the first two were sent to be settled, the last waits for flush.
    // Two threads settle them side by side, so either may finish first.
    await expect.poll(() => existsSync(files[0]!.target) && existsSync(files[1]!.target), { timeout: 10_000 }).toBe(true);
    expect(existsSync(files[2]!.target)).toBe(false);
    await q.flush();
    expect(files.every((f) => existsSync(f.target))).toBe(true);
  });

  it('abandoned after a failure or a stop, settles nothing more: what waits stays a temp file', async () => {
    pool = new HashPool(2);
    const f = written('stopped', randomBytes(100_000));
    const q = new SettleQueue(pool);
    q.add(f.temp, f.target, f.entry, f.temp);
    await q.abandon();
    await q.flush();
    expect(existsSync(f.target)).toBe(false);
    expect(existsSync(f.temp)).toBe(true);
  });
});
