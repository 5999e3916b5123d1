/**
 * The database in a backup set as content-addressed chunks (docs/backups.md,
 * "The database as chunks"): vault.db cut into fixed 2 MB pieces on page
 * boundaries, each stored once in the set's blob store under its SHA-256,
 * like a photo. SQLCipher rewrites a page in place and only when it changes
 * (with a fresh IV), so between two snapshots almost every chunk is the same
 * bytes: a snapshot stores only the chunks the set lacks, and checks only those.
 *
 * What a snapshot checks of each new chunk:
 *  - in the call, it is read back from the drive after its fsync and its
 *    SHA-256 compared (settle-queue.ts, direct-io.ts): the bytes on the drive
 *    are the bytes read from the vault;
 *  - after the call, the database is rebuilt from its chunks and every page
 *    authenticated with the database key (SQLCipher's per-page HMAC-SHA512,
 *    bound to the page number: the vault check's own code,
 *    db/sqlcipher-pages.ts), then given SQLite's structure check
 *    (structure-check-after.ts). `PRAGMA cipher_integrity_check` cannot do the
 *    first: the SQLite3 Multiple Ciphers build the app ships answers it with
 *    nothing, like any unknown pragma (db/page-check.ts).
 * Every full verify and drill reads every chunk again, with every page.
 */
import { createHash, randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PAGE_SIZE, type PageKeys, SALT_SIZE, pageKeys, verifyPage } from '../db/sqlcipher-pages';
import { fsyncDirectory } from '../files/durable-write';
import { type ChunkResult, HashPool } from './hash-pool';
import type { FileEntry, Manifest } from './manifest';
import { SettleFailed, SettleQueue } from './settle-queue';
import { type SetLayout, blobInSet } from './set-layout';

/**
 * 512 SQLCipher pages (2 MB): small enough that a few changed pages cost a few MB, large enough that a
 * 750 MB vault is under 400 files. Each file costs an fsync, and at 1 MB the fsyncs, not the bytes,
 * were most of a first snapshot's database time (bench/backup.ts: 57 MB/s at 50,000 clients).
 */
export const CHUNK_BYTES = 512 * PAGE_SIZE;

/** Pieces being read, hashed and checked at once: enough to keep every file thread busy. */
const CHUNKS_IN_FLIGHT = 8;

export interface StoredDatabase {
  /** The whole file's size and SHA-256: a restore must rebuild exactly this. */
  file: FileEntry;
  /** Each chunk's SHA-256, in order. */
  chunks: string[];
  /** Chunks this run wrote (and read back from the drive). */
  written: Set<string>;
  writtenBytes: number;
}

/** The page numbers in `buf` (starting at page `firstPage`) whose HMAC does not check. */
export function badPages(keys: PageKeys, buf: Buffer, firstPage: number): number[] {
  const bad: number[] = [];
  const whole = Math.floor(buf.length / PAGE_SIZE);
  for (let i = 0; i < whole; i++) if (!verifyPage(keys, buf.subarray(i * PAGE_SIZE, (i + 1) * PAGE_SIZE), firstPage + i)) bad.push(firstPage + i);
  if (buf.length % PAGE_SIZE !== 0) bad.push(firstPage + whole);
  return bad;
}

class ChunkCheckFailed extends Error {}

/**
 * The keys to check the pages of a database stored as `chunks` with: its salt is the first chunk's first
 * 16 bytes. Undefined when that chunk cannot be read (the rebuild then names it).
 */
export async function pageKeysForChunks(set: SetLayout, chunks: readonly string[], key: Buffer): Promise<PageKeys | undefined> {
  if (chunks.length === 0) return undefined;
  // Only the salt: the rebuild reads the chunk whole, and checks it.
  const salt = Buffer.alloc(SALT_SIZE);
  const fh = await open(blobInSet(set, chunks[0]!), 'r').catch(() => null);
  if (!fh) return undefined;
  try {
    const { bytesRead } = await fh.read(salt, 0, SALT_SIZE, 0);
    return bytesRead === SALT_SIZE ? pageKeys(key, salt) : undefined;
  } finally {
    await fh.close();
  }
}

/**
 * Stores the database file at `path` (held still by the caller: raw-copy.ts's
 * read transaction) into the set as chunks. The file threads (hash-pool.ts)
 * read it piece by piece: each piece is hashed, and one the set does not hold
 * yet is written, then settled a little later (settle-queue.ts: fsync, read
 * back from the drive, SHA-256 compared, renamed). One thread meanwhile reads
 * the whole file for its SHA-256. The core's thread only hands out pieces and
 * collects answers. Throws an AppError-ready message (isChunkCheckFailure) if
 * the file is not whole pages or a piece fails its check.
 */
export async function storeDatabaseChunks(path: string, set: SetLayout, opts: { signal?: AbortSignal; pool?: HashPool } = {}): Promise<StoredDatabase> {
  const pool = opts.pool ?? new HashPool();
  const settles = new SettleQueue(pool);
  const chunks: string[] = [];
  const written = new Set<string>();
  let writtenBytes = 0;
  const inFlight: Promise<ChunkResult>[] = [];
  try {
    const total = (await stat(path)).size;
    if (total < PAGE_SIZE || total % PAGE_SIZE !== 0) throw new ChunkCheckFailed(`the database file is ${total} bytes, not a whole number of ${PAGE_SIZE}-byte pages`);
    const wholeFile = pool.hash(path);
    // Awaited below; a failure before then must not count as unhandled.
    wholeFile.catch(() => undefined);
    const pieces: { offset: number; length: number }[] = [];
    for (let offset = 0; offset < total; offset += CHUNK_BYTES) pieces.push({ offset, length: Math.min(CHUNK_BYTES, total - offset) });
    /** Piece i's answer, taken in the file's order so the chunk list is too. */
    const take = async (i: number): Promise<void> => {
      const result = await inFlight[i]!;
      const { offset, length } = pieces[i]!;
      chunks.push(result.sha256);
      if (!result.stored) return;
      settles.add(result.temp, result.target, { size: length, sha256: result.sha256 }, `a piece of the database copy (at page ${offset / PAGE_SIZE + 1})`);
      if (!written.has(result.sha256)) writtenBytes += length;
      written.add(result.sha256);
    };
    for (const [i, piece] of pieces.entries()) {
      opts.signal?.throwIfAborted();
      settles.throwIfFailed();
      const job = pool.chunk({ path, ...piece, blobsDir: set.blobs, temp: join(set.tmp, `${randomBytes(8).toString('hex')}.chunk.tmp`) });
      job.catch(() => undefined);
      inFlight.push(job);
      if (i >= CHUNKS_IN_FLIGHT) await take(i - CHUNKS_IN_FLIGHT);
    }
    for (let i = Math.max(0, pieces.length - CHUNKS_IN_FLIGHT); i < pieces.length; i++) await take(i);
    await settles.flush();
    const whole = await wholeFile;
    // Both reads are of the file held still (raw-copy.ts): a difference means it was not.
    if ('missing' in whole || whole.size !== total) throw new Error('the database file changed while it was being copied');
    for (const shard of new Set([...written].map((s) => s.slice(0, 2)))) await fsyncDirectory(join(set.blobs, shard));
    return { file: { size: whole.size, sha256: whole.sha256 }, chunks, written, writtenBytes };
  } catch (err) {
    if (err instanceof SettleFailed) throw new ChunkCheckFailed(err.message);
    throw err;
  } finally {
    // A failure leaves temp files behind only in the set's tmp/, which the caller (or the next run) clears once
    // no piece is still being written there.
    await Promise.allSettled(inFlight);
    await settles.abandon();
    if (!opts.pool) await pool.close();
  }
}

/** The size of a snapshot's database piece `i`: every piece is CHUNK_BYTES but the last, which holds the rest. */
export function chunkSize(manifest: Pick<Manifest, 'databaseChunks' | 'files'>, i: number): number {
  const count = manifest.databaseChunks?.length ?? 0;
  return i < count - 1 ? CHUNK_BYTES : manifest.files.database.size - CHUNK_BYTES * (count - 1);
}

export function isChunkCheckFailure(err: unknown): err is Error {
  return err instanceof ChunkCheckFailed;
}

/**
 * Rebuilds the database file at `to` from its chunks (temp name, fsync,
 * rename), checking each chunk's SHA-256 and the whole file's on the way: the
 * result is byte for byte the file the snapshot copied, or a problem naming
 * the first chunk that is not. Optionally checks every page's HMAC as it goes.
 */
export async function assembleDatabase(
  set: SetLayout,
  chunks: readonly string[],
  expected: FileEntry,
  to: string,
  opts: {
    signal?: AbortSignal;
    keys?: PageKeys;
    problems: string[];
    /** Chunks (sha@index) whose pages were checked earlier in this run: their SHA-256 is still checked, their pages not again. */
    pagesSeen?: Set<string>;
    /** fsync before the rename: a restore's file must be durable, a check's scratch copy need not be. */
    durable?: boolean;
  },
): Promise<boolean> {
  const temp = `${to}.tmp`;
  await rm(temp, { force: true });
  const out = await open(temp, 'wx', 0o600);
  const whole = createHash('sha256');
  let size = 0;
  let ok = true;
  try {
    for (const [i, sha] of chunks.entries()) {
      opts.signal?.throwIfAborted();
      const name = `blobs/${sha.slice(0, 2)}/${sha}.blob (piece ${i + 1} of the database)`;
      let buf: Buffer;
      try {
        buf = await readWhole(blobInSet(set, sha));
      } catch (err) {
        if ((err as { code?: string }).code !== 'ENOENT') throw err;
        opts.problems.push(`${name} is missing`);
        ok = false;
        break;
      }
      if (createHash('sha256').update(buf).digest('hex') !== sha) {
        opts.problems.push(`${name} is damaged (its SHA-256 does not match the manifest)`);
        ok = false;
        break;
      }
      if (opts.keys && !opts.pagesSeen?.has(`${sha}@${i}`)) {
        opts.pagesSeen?.add(`${sha}@${i}`);
        const bad = badPages(opts.keys, buf, size / PAGE_SIZE + 1);
        if (bad.length > 0) {
          opts.problems.push(`vault.db: ${bad.length} damaged page(s), first page ${bad[0]}`);
          ok = false;
          break;
        }
      }
      whole.update(buf);
      size += buf.length;
      let done = 0;
      while (done < buf.length) done += (await out.write(buf, done, buf.length - done)).bytesWritten;
    }
    if (ok && (size !== expected.size || whole.digest('hex') !== expected.sha256)) {
      opts.problems.push('vault.db rebuilt from its pieces is not the file the backup copied (its SHA-256 does not match the manifest)');
      ok = false;
    }
    if (ok && opts.durable !== false) await out.sync();
  } finally {
    await out.close();
  }
  if (!ok) {
    await rm(temp, { force: true });
    return false;
  }
  await rename(temp, to);
  return true;
}

async function readWhole(path: string): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const buf = Buffer.allocUnsafe(size);
    let got = 0;
    while (got < size) {
      const { bytesRead } = await fh.read(buf, got, size - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return got === size ? buf : buf.subarray(0, got);
  } finally {
    await fh.close();
  }
}
