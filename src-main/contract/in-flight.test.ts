import { describe, expect, it } from 'vitest';
import { inFlight } from './in-flight';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('inFlight', () => {
  it('never runs more than the limit at once, and returns results in item order', async () => {
    let running = 0;
    let most = 0;
    const results = await inFlight([30, 5, 20, 1, 10, 2], 3, async (ms, i) => {
      running++;
      most = Math.max(most, running);
      await tick(ms);
      running--;
      return `${i}:${ms}`;
    });
    expect(most).toBe(3);
    expect(results).toEqual(['0:30', '1:5', '2:20', '3:1', '4:10', '5:2']);
  });

  it('keeps going past a failure and rethrows the first one at the end', async () => {
    const done: number[] = [];
    await expect(
      inFlight([1, 2, 3, 4], 2, async (n) => {
        if (n === 2) throw new Error('two failed');
        await tick(1);
        done.push(n);
        return n;
      }),
    ).rejects.toThrow('two failed');
    expect(done.sort()).toEqual([1, 3, 4]);
  });

  it('handles no items, and refuses a limit below 1', async () => {
    expect(await inFlight([], 3, async () => 1)).toEqual([]);
    await expect(inFlight([1], 0, async () => 1)).rejects.toThrow(RangeError);
  });
});
