/**
 * The synthetic clinic's only source of chance: a seeded PRNG, so the same seed
 * gives the same clinic on every machine and every run. Never Math.random or
 * crypto here (except where a real secret is made, like a file's key).
 */

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 128 bits of
 * state with a counter, so the thousands of per-client streams below never
 * run into each other's sequences (a 32-bit generator like mulberry32 does:
 * its streams are shifts of one cycle, and 50,000 of them overlap).
 * Fast and good for test data; not for secrets.
 */
export function seededRandom(seed: number, stream = 0): () => number {
  // splitmix32 spreads (seed, stream) over the four state words.
  let x = (seed ^ Math.imul(stream, 0x9e3779b9)) >>> 0;
  const splitmix = () => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix() ^ stream;
  let d = 1;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next(); // let the seed mix in before the first value is used
  return next;
}

export class Rng {
  private readonly next: () => number;

  constructor(seed: number, stream = 0) {
    this.next = seededRandom(seed, stream);
  }

  /** [0, 1) */
  float(): number {
    return this.next();
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }

  /** Picks by weight: [[value, weight], ...]. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of choices) total += w;
    let r = this.next() * total;
    for (const [v, w] of choices) {
      r -= w;
      if (r < 0) return v;
    }
    return choices[choices.length - 1]![0];
  }

  /** `count` distinct items, in the order drawn. */
  sample<T>(xs: readonly T[], count: number): T[] {
    const pool = [...xs];
    const out: T[] = [];
    while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]!);
    return out;
  }

  /** `chars` lower-case hex digits, shaped like newId()'s so generated ids look like real ones. */
  hex(chars: number): string {
    let s = '';
    while (s.length < chars) s += Math.floor(this.next() * 0x10000).toString(16).padStart(4, '0');
    return s.slice(0, chars);
  }

  id(prefix: string): string {
    return `${prefix}_${this.hex(20)}`;
  }

  /**
   * An id shaped like newId()'s (prefix, 20 hex digits) that sorts in the order
   * the generator writes: the client's index, the row's number within the
   * client, then random digits. Treatments and consent events get these, so
   * the millions of them go onto the end of their id index instead of all over
   * it (bulk-load.ts). Clients keep fully random ids, as a real clinic's, so
   * anything looked up by client id reads the pages a real clinic would.
   */
  orderedId(prefix: string, clientIndex: number, row: number): string {
    return `${prefix}_${clientIndex.toString(16).padStart(6, '0')}${row.toString(16).padStart(4, '0')}${this.hex(10)}`;
  }

  digits(count: number): string {
    let s = '';
    for (let i = 0; i < count; i++) s += Math.floor(this.next() * 10);
    return s;
  }
}

/**
 * Stream numbers: each client draws from its own streams (identity, treatments,
 * histories), so a client is made from (seed, index) alone and adding a field
 * to one part does not shift every value drawn after it in another.
 */
export const STREAMS_PER_CLIENT = 3;
// Other streams: photos from 0x50000000, pictures 0x70000000, batches with the top bit set.
