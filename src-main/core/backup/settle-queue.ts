/**
 * The check after writing, a little behind the writing (docs/backups.md,
 * "Writing fast and safely"): files a snapshot writes into the set go to temp
 * names without an fsync; once more than a window of bytes waits, the oldest
 * is settled on a file thread (backup-io-worker.ts: fsync, read back, SHA-256
 * compared, renamed to its content address). By then the disk has mostly
 * written it, so the fsync only confirms it, instead of each file waiting for
 * the disk before the next is written.
 *
 * Nothing changes for a crash: an unsettled file is still a temp file, which
 * the next run clears away, and the manifest that lists it is written only
 * after flush() has settled everything.
 */
import type { HashPool } from './hash-pool';

/** Bytes written but not yet settled, at most: a few dozen files, which a disk has written by the time they are settled. */
export const SETTLE_WINDOW_BYTES = 64 * 1024 * 1024;

/** A file that read back differently from what was written (the caller names it to the owner). */
export class SettleFailed extends Error {}

interface Waiting {
  temp: string;
  target: string;
  entry: { size: number; sha256: string };
  /** How a problem names it. */
  where: string;
}

export class SettleQueue {
  private readonly waiting: Waiting[] = [];
  private waitingBytes = 0;
  private readonly running = new Set<Promise<void>>();
  private failure: unknown = null;

  constructor(
    private readonly pool: HashPool,
    private readonly windowBytes = SETTLE_WINDOW_BYTES,
  ) {}

  /** Queues a written temp file to be settled at `target`; throws the first failure of an earlier settle. */
  add(temp: string, target: string, entry: { size: number; sha256: string }, where: string): void {
    this.throwIfFailed();
    this.waiting.push({ temp, target, entry, where });
    this.waitingBytes += entry.size;
    while (this.waitingBytes > this.windowBytes) this.settleOldest();
  }

  /** Settles everything still waiting, and waits for every settle; throws the first failure. */
  async flush(): Promise<void> {
    while (this.waiting.length > 0) this.settleOldest();
    await Promise.all(this.running);
    this.throwIfFailed();
  }

  /**
   * After a failure or a stop: what waits is not settled (its temp file stays in tmp/, which the caller or the
   * next run clears); settles already running are waited for, so none is still writing when tmp/ is cleared.
   */
  async abandon(): Promise<void> {
    this.waiting.length = 0;
    this.waitingBytes = 0;
    await Promise.all(this.running);
  }

  throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  private settleOldest(): void {
    const item = this.waiting.shift()!;
    this.waitingBytes -= item.entry.size;
    const job = this.pool.settle(item.temp, item.target, item.entry).then(
      (r) => {
        if (!r.ok) this.failure ??= new SettleFailed(`${item.where} read back differently from what was written`);
      },
      (err: unknown) => {
        this.failure ??= err;
      },
    );
    const tracked = job.finally(() => this.running.delete(tracked));
    this.running.add(tracked);
  }
}
