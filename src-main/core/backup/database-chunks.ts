/**
 * The database in a backup set as content-addressed chunks (docs/backups.md,
 * "The database as chunks"): vault.db cut into fixed 2 MB pieces on page
 * boundaries, each stored once in the set's blob store under its SHA-256,
 * like a photo. SQLCipher rewrites a page in place and only when it changes
 * (with a fresh IV), so between two snapshots almost every chunk is the same
 * bytes: a snapshot stores only the chunks the set lacks, and checks only those.
 *
 * What a snapshot checks of each new chunk (the check after writing):
 *  - it is read back from the set after its fsync and its SHA-256 compared;
 *  - every page in those re-read bytes is authenticated with the database key
 *    (SQLCipher's per-page HMAC-SHA512, bound to the page number: the vault
 *    check's own code, db/sqlcipher-pages.ts). `PRAGMA cipher_integrity_check`
 *    cannot do this: the SQLite3 Multiple Ciphers build the app ships answers
 *    it with nothing, like any unknown pragma (db/page-check.ts).
 * Chunks already in the set were checked so when they were written, and are
 * read again, with every page, by every full verify and drill.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { PAGE_SIZE, type PageKeys, verifyPage } from '../db/sqlcipher-pages';
import { fsyncDirectory } from '../files/durable-write';
import type { FileHash } from './hash-pool';
import type { FileEntry } from './manifest';
import { type SetLayout, blobInSet } from './set-layout';

/**
 * 512 SQLCipher pages (2 MB): small enough that a few changed pages cost a few MB, large enough that a
 * 750 MB vault is under 400 files. Each file costs an fsync, and at 1 MB the fsyncs, not the bytes,
 * were most of a first snapshot's database time (bench/backup.ts: 57 MB/s at 50,000 clients).
 */
export const CHUNK_BYTES = 512 * PAGE_SIZE;

/**
 * Chunk writes in flight at once: concurrent fsyncs share the file system's journal commits (on the
 * development machine, 1 MB files fsynced 16 at a time went 61 -> 117 MB/s against 4 at a time).
 */
const PARALLEL_WRITES = 12;

export interface StoredDatabase {
  /** The whole file's size and SHA-256: a restore must rebuild exactly this. */
  file: FileEntry;
  /** Each chunk's SHA-256, in order. */
  chunks: string[];
  /** Chunks this run wrote (and read back, and checked page by page). */
  written: Set<string>;
  writtenBytes: number;
  pagesChecked: number;
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

/** Writes one chunk into the set: temp, fsync, read back (SHA-256 and every page's HMAC), rename. */
async function writeChunk(set: SetLayout, bytes: Buffer, sha256: string, firstPage: number, keys: PageKeys): Promise<number> {
  const temp = join(set.tmp, `${randomBytes(8).toString('hex')}.chunk.tmp`);
  const out = await open(temp, 'wx', 0o600);
  try {
    let done = 0;
    while (done < bytes.length) done += (await out.write(bytes, done, bytes.length - done)).bytesWritten;
    await out.sync();
  } finally {
    await out.close();
  }
  try {
    const back = Buffer.alloc(bytes.length);
    const fh = await open(temp, 'r');
    try {
      let got = 0;
      while (got < back.length) {
        const { bytesRead } = await fh.read(back, got, back.length - got, got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
    } finally {
      await fh.close();
    }
    if (createHash('sha256').update(back).digest('hex') !== sha256) throw new ChunkCheckFailed(`a piece of the database copy read back differently from what was written (at page ${firstPage})`);
    const bad = badPages(keys, back, firstPage);
    if (bad.length > 0) throw new ChunkCheckFailed(`page ${bad[0]} of the database copy does not check against the database key`);
    const target = blobInSet(set, sha256);
    await mkdir(join(set.blobs, sha256.slice(0, 2)), { recursive: true, mode: 0o700 });
    await rename(temp, target);
    return Math.ceil(bytes.length / PAGE_SIZE);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

async function present(set: SetLayout, sha256: string, size: number): Promise<boolean> {
  return stat(blobInSet(set, sha256)).then(
    (s) => s.size === size,
    () => false,
  );
}

/**
 * Stores the database file at `path` (held still by the caller: raw-copy.ts's
 * read transaction) into the set as chunks, reading it once: each 2 MB is
 * hashed for the whole file's SHA-256 and its own; a chunk the set already
 * holds (listed by the previous manifest at the same place, or found) is not
 * written again. Throws an AppError-ready message if a new chunk fails its check.
 */
export async function storeDatabaseChunks(
  path: string,
  set: SetLayout,
  keys: PageKeys,
  known: ReadonlySet<string>,
  signal?: AbortSignal,
  /**
   * The whole file's size and SHA-256, read and hashed on a thread of its own (hash-pool.ts) while this
   * reads the chunks: the two passes of SHA-256 over the file then run side by side. Hashed here when absent.
   */
  wholeFile?: Promise<FileHash>,
): Promise<StoredDatabase> {
  const whole = wholeFile ? null : createHash('sha256');
  const chunks: string[] = [];
  const written = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  let pagesChecked = 0;
  let writtenBytes = 0;
  let failure: unknown = null;
  const fh = await open(path, 'r');
  let size = 0;
  try {
    const total = (await fh.stat()).size;
    for (let offset = 0; offset < total; offset += CHUNK_BYTES) {
      signal?.throwIfAborted();
      if (failure) throw failure;
      const buf = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, total - offset));
      let got = 0;
      while (got < buf.length) {
        const { bytesRead } = await fh.read(buf, got, buf.length - got, offset + got);
        if (bytesRead === 0) throw new Error('the database file became shorter while it was being copied');
        got += bytesRead;
      }
      whole?.update(buf);
      size += buf.length;
      const sha = createHash('sha256').update(buf).digest('hex');
      chunks.push(sha);
      if (written.has(sha) || (known.has(sha) && (await present(set, sha, buf.length)))) continue;
      written.add(sha);
      writtenBytes += buf.length;
      const job = writeChunk(set, buf, sha, offset / PAGE_SIZE + 1, keys).then(
        (n) => {
          pagesChecked += n;
        },
        (err: unknown) => {
          failure ??= err;
        },
      );
      const tracked = job.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
      if (inFlight.size >= PARALLEL_WRITES) await Promise.race(inFlight);
      else await nextTurn();
    }
    await Promise.all(inFlight);
    if (failure) throw failure;
  } finally {
    await Promise.allSettled(inFlight);
    await fh.close();
  }
  let file: FileEntry = { size, sha256: whole?.digest('hex') ?? '' };
  if (wholeFile) {
    const read = await wholeFile;
    // Both reads are of the file held still (raw-copy.ts): a difference means it was not.
    if ('missing' in read || read.size !== size) throw new Error('the database file changed while it was being copied');
    file = read;
  }
  for (const shard of new Set([...written].map((s) => s.slice(0, 2)))) await fsyncDirectory(join(set.blobs, shard));
  return { file, chunks, written, writtenBytes, pagesChecked };
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
