import { describe, expect, it } from 'vitest';
import { Chunker } from './chunker';

/** Runs pieces of the given sizes through a chunker; returns the chunk sizes, final flags and bytes. */
function run(chunkSize: number, pieceSizes: number[]) {
  const chunker = new Chunker(chunkSize);
  const sizes: number[] = [];
  const finals: boolean[] = [];
  const out: Buffer[] = [];
  let counter = 0;
  const input: Buffer[] = [];
  const take = (chunk: Buffer, final: boolean) => {
    sizes.push(chunk.length);
    finals.push(final);
    out.push(Buffer.from(chunk)); // copy: the chunk is only valid until the generator resumes
  };
  for (const n of pieceSizes) {
    const piece = Buffer.alloc(n);
    for (let i = 0; i < n; i++) piece[i] = counter++ & 0xff;
    input.push(Buffer.from(piece));
    for (const [chunk, final] of chunker.push(piece)) take(chunk, final);
    piece.fill(0xee); // the source reusing its buffer must not affect what was chunked
  }
  take(...chunker.end());
  return { sizes, finals, same: Buffer.concat(out).equals(Buffer.concat(input)) };
}

describe('Chunker', () => {
  it.each([
    // [pieces, expected chunk sizes] with a chunk size of 10
    [[], [0]],
    [[0, 0], [0]],
    [[1], [1]],
    [[10], [10]],
    [[5, 5], [10]],
    [[11], [10, 1]],
    [
      [10, 1],
      [10, 1],
    ],
    [
      [3, 3, 3, 3],
      [10, 2],
    ],
    [[30], [10, 10, 10]],
    [
      [25, 5],
      [10, 10, 10],
    ],
    [
      [7, 30, 4],
      [10, 10, 10, 10, 1],
    ],
    [[10, 0, 0], [10]],
  ])('pieces %j make chunks %j, only the last final', (pieces, expected) => {
    const { sizes, finals, same } = run(10, pieces);
    expect(sizes).toEqual(expected);
    expect(finals).toEqual(expected.map((_, i) => i === expected.length - 1));
    expect(same).toBe(true);
  });

  it('emits chunks inside a large buffer as views, without copying', () => {
    const chunker = new Chunker(10);
    const data = Buffer.alloc(35);
    const chunks = [...chunker.push(data)];
    expect(chunks.map(([c]) => c.buffer === data.buffer)).toEqual([true, true, true]);
  });
});
