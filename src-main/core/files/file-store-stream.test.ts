/**
 * A 200 MB file streamed in and out must not need 200 MB of memory. Its own test
 * file, so it runs in its own process and the RSS figures are not muddied by others.
 */
import { createHash, randomFillSync } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestVault, type TestVault } from '../test-support/file-test-vault';

const MiB = 1024 * 1024;
const TOTAL = 200 * MiB;
/**
 * Half the file size. Only a few chunks are ever live, but V8 frees spent 1 MiB
 * buffers lazily (it collects once ~64 MB of external memory has piled up), so
 * about 60 MB of growth is normal; buffering the file would need over 200 MB.
 */
const MAX_RSS_GROWTH = 100 * MiB;

let v: TestVault;
beforeEach(() => {
  v = createTestVault();
});
afterEach(() => v.cleanup());

it('streams a 200 MB file in and out with bounded memory', { timeout: 15_000 }, async () => {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 5);
  try {
    const sourceHash = createHash('sha256');
    // One reused 256 KiB buffer refilled with random bytes: the store must not keep it past the next pull.
    async function* source(): AsyncGenerator<Buffer> {
      const piece = Buffer.alloc(256 * 1024);
      for (let sent = 0; sent < TOTAL; sent += piece.length) {
        randomFillSync(piece);
        sourceHash.update(piece);
        sample();
        yield piece;
      }
    }
    const stored = await v.store.write(source(), { mediaType: 'video/mp4', createdBy: null });
    expect(stored.size).toBe(TOTAL);

    const readHash = createHash('sha256');
    let read = 0;
    for await (const chunk of v.store.openReadStream(stored.id)) {
      readHash.update(chunk as Buffer);
      read += (chunk as Buffer).length;
      sample();
    }
    expect(read).toBe(TOTAL);
    expect(readHash.digest('hex')).toBe(sourceHash.digest('hex'));
  } finally {
    clearInterval(timer);
  }
  expect(peak - baseline).toBeLessThan(MAX_RSS_GROWTH);
});
