/**
 * Cuts incoming plaintext of any piece size into fixed-size chunks, holding the
 * most recent full chunk back until it is known whether more data follows: the
 * final-chunk flag is part of each chunk's associated data, so a chunk cannot be
 * encrypted before we know whether it is the last.
 *
 * Copies are avoided where that is safe: a full chunk that lies inside a large
 * incoming buffer and is followed by more bytes of that same buffer is emitted as
 * a view of it. A chunk that would have to outlive the push() call is copied into
 * the staging buffer, because an async source may reuse its buffer once we ask it
 * for the next one.
 */

/** A chunk and whether it is the file's last. The buffer is valid only until the generator resumes. */
export type Chunk = [plaintext: Buffer, final: boolean];

export class Chunker {
  private readonly staging: Buffer;
  private fill = 0;
  private ended = false;

  constructor(private readonly chunkSize: number) {
    this.staging = Buffer.allocUnsafe(chunkSize);
  }

  /**
   * Yields every chunk that `data` completes and that is known not to be the last.
   * A generator rather than a callback, so the caller can wait for the disk between
   * chunks and a single huge buffer is never encrypted into memory all at once.
   */
  *push(data: Buffer): Generator<Chunk, void, void> {
    if (this.ended) throw new Error('push after end');
    let offset = 0;
    while (offset < data.length) {
      // A full staged chunk followed by at least one more byte cannot be the last.
      if (this.fill === this.chunkSize) {
        yield [this.staging, false];
        this.fill = 0;
      }
      const remaining = data.length - offset;
      if (this.fill === 0 && remaining > this.chunkSize) {
        yield [data.subarray(offset, offset + this.chunkSize), false];
        offset += this.chunkSize;
        continue;
      }
      const n = Math.min(remaining, this.chunkSize - this.fill);
      data.copy(this.staging, this.fill, offset, offset + n);
      this.fill += n;
      offset += n;
    }
  }

  /** The final chunk: whatever is staged, which is empty only if nothing was ever pushed. */
  end(): Chunk {
    if (this.ended) throw new Error('end called twice');
    this.ended = true;
    return [this.staging.subarray(0, this.fill), true];
  }
}
