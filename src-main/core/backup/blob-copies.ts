/**
 * A snapshot's copies of the vault's blobs (photos and files) into the set
 * (docs/backups.md, "Making a snapshot"). Blobs are immutable and their names
 * random, so one the previous manifest lists at the same path and size is the
 * same file and is not read again; any other is copied and hashed on a file
 * thread (hash-pool.ts) and settled a little later (settle-queue.ts: fsync,
 * read back, SHA-256 compared, renamed to its content address).
 *
 * The copies run while the database is being copied (snapshot.ts): the
 * database's pieces keep the processor busy checking pages, the blobs keep
 * the drive busy, and each fills the other's gaps.
 */
import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { HashPool } from './hash-pool';
import type { BlobEntry, FileEntry, Manifest } from './manifest';
import type { SettleQueue } from './settle-queue';
import { type SetLayout, blobInSet } from './set-layout';

/** A blob in the vault folder: its path inside the folder (as a manifest lists it), where it is, and its size. */
export interface VaultBlob {
  path: string;
  abs: string;
  size: number;
}

/** Blob copies in flight at once, on as many file threads: one reads or writes while another hashes or waits for an fsync. */
export const PARALLEL_COPIES = 4;

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

export class BlobCopies {
  /** What each copied or reused blob is in the set, by its path in the vault. */
  readonly entries = new Map<string, BlobEntry>();
  /** The SHA-256s this run wrote. */
  readonly written = new Set<string>();
  copied = 0;
  reused = 0;
  /** Bytes this run wrote (each distinct blob once). */
  newBytes = 0;
  private total = 0;
  private finished = 0;
  private stopped = false;
  private readonly known: Map<string, string>;

  constructor(
    private readonly set: SetLayout,
    previous: Manifest | null,
    private readonly pool: HashPool,
    private readonly settles: SettleQueue,
    private readonly progress: (done: number, total: number) => void,
  ) {
    this.known = new Map((previous?.blobs ?? []).map((b) => [`${b.path}|${b.size}`, b.sha256]));
  }

  /**
   * Copies (or reuses) every blob in `blobs`, PARALLEL_COPIES at a time. One copy failing, a cancel
   * (`throwIfStopped`) or stop() ends the others at their next blob; the first error is thrown once all have ended.
   */
  async copyAll(blobs: readonly VaultBlob[], throwIfStopped: () => void): Promise<void> {
    this.total += blobs.length;
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < blobs.length && !this.stopped) {
        throwIfStopped();
        const blob = blobs[next++]!;
        try {
          await this.copyOne(blob);
        } catch (err) {
          this.stopped = true;
          throw err;
        }
        this.progress(++this.finished, this.total);
      }
    };
    const lanes = await Promise.allSettled(Array.from({ length: PARALLEL_COPIES }, lane));
    const failed = lanes.find((l): l is PromiseRejectedResult => l.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Ends the copies at their next blob (the snapshot failed elsewhere). */
  stop(): void {
    this.stopped = true;
  }

  private async copyOne(blob: VaultBlob): Promise<void> {
    const knownSha = this.known.get(`${blob.path}|${blob.size}`);
    if (knownSha && (await exists(blobInSet(this.set, knownSha)))) {
      this.entries.set(blob.path, { path: blob.path, size: blob.size, sha256: knownSha });
      this.reused++;
      return;
    }
    const temp = join(this.set.tmp, `${randomBytes(8).toString('hex')}.tmp`);
    const result = await this.pool.copy(blob.abs, temp);
    // Removed from the vault since it was listed (a file deleted meanwhile): the snapshot does not list it.
    if ('missing' in result) return;
    const copied: FileEntry = { size: result.size, sha256: result.sha256 };
    this.settles.add(temp, blobInSet(this.set, copied.sha256), copied, blob.path);
    this.entries.set(blob.path, { path: blob.path, ...copied });
    if (!this.written.has(copied.sha256)) this.newBytes += copied.size;
    this.written.add(copied.sha256);
    this.copied++;
  }
}
