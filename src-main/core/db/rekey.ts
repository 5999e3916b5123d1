/**
 * Database key rotation at the file level (docs/integrity-checks.md, "Key
 * rotation"): vault.db is re-encrypted page by page into a temporary file,
 * which then replaces it in one rename. `PRAGMA rekey` would do the same work
 * in one synchronous call, holding the process for seconds on a large vault
 * with no progress and no way to stop it.
 *
 * Guarantee: whenever the process dies, vault.db is wholly under the old key
 * (the rename has not happened) or wholly under the new one (it has); a
 * leftover temporary file holds nothing the old file does not, and is removed
 * by the next call or by cleanRekeyLeftovers. A cancel or a full disk leaves
 * the old file untouched.
 *
 * Precondition: the caller has checkpointed (TRUNCATE) and closed every
 * connection, so vault.db alone holds every page and nobody writes to it.
 */
import { existsSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { type FileHandle, open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { AppError } from '../../contract/errors';
import { toFsAppError } from '../platform/fs-errors';
import {
  PAGE_SIZE,
  type PageKeys,
  RESERVE_SIZE,
  SALT_SIZE,
  decryptPage,
  encryptPage,
  freshPageKeys,
  headerLayout,
  pageKeys,
  wipePageKeys,
} from './sqlcipher-pages';

export interface RekeyOptions {
  onProgress?(done: number, total: number): void;
  signal?: AbortSignal;
}

/** How the temporary file is written; the tests give a disk that fills up. */
export interface RekeyIo {
  write(file: FileHandle, data: Buffer, position: number): Promise<void>;
}

/**
 * 128 pages (512 KB) a step: about 6 ms of crypto on a quiet machine (decrypt,
 * encrypt, two HMACs a page), then the event loop gets a turn.
 */
export const REKEY_PAGES_PER_STEP = 128;

export const rekeyTempPath = (dbPath: string) => `${dbPath}.rekey-tmp`;

const realIo: RekeyIo = {
  async write(file, data, position) {
    let written = 0;
    while (written < data.length) {
      const { bytesWritten } = await file.write(data, written, data.length - written, position + written);
      written += bytesWritten;
    }
  },
};

/** Removes what a rotation cut short left behind. vault.db itself is never touched. */
export function cleanRekeyLeftovers(dbPath: string): void {
  rmSync(rekeyTempPath(dbPath), { force: true });
}

export async function rekeyDatabaseFile(dbPath: string, oldKey: Buffer, newKey: Buffer, opts: RekeyOptions = {}): Promise<void> {
  return rekeyDatabaseFileWith(realIo, dbPath, oldKey, newKey, opts);
}

function checkNoPendingWal(dbPath: string): void {
  const wal = `${dbPath}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) {
    throw new Error('vault.db-wal still holds pages: checkpoint (TRUNCATE) and close every connection before rotating the key');
  }
}

async function fsyncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch (err) {
    // Some platforms (Windows) cannot open a folder to flush it; the rename is still atomic there.
    if ((err as { code?: string }).code !== 'EISDIR' && (err as { code?: string }).code !== 'EPERM') throw err;
  }
}

/**
 * Marks a promise that is awaited later as handled now, so its failure while
 * another step is awaited is not an unhandled rejection (which ends the
 * process); the later await still sees the error.
 */
function inFlight<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

/** One step's pages, checked and decrypted under the old keys, encrypted under the new. */
function reencryptStep(keys: { old: PageKeys; new: PageKeys }, buf: Buffer, first: number): Buffer {
  const out = Buffer.allocUnsafe(buf.length);
  for (let i = 0; i < buf.length / PAGE_SIZE; i++) {
    const pgno = first + i;
    let plain: Buffer;
    try {
      plain = decryptPage(keys.old, buf.subarray(i * PAGE_SIZE, (i + 1) * PAGE_SIZE), pgno);
    } catch (err) {
      // A damaged page (or the wrong old key) must not be carried over under a fresh HMAC.
      throw new AppError('DATABASE_DAMAGED', `${new AppError('DATABASE_DAMAGED').message} (page ${pgno} failed its check)`, { cause: err });
    }
    if (pgno === 1) {
      const layout = headerLayout(plain);
      if (layout.pageSize !== PAGE_SIZE || layout.reserve !== RESERVE_SIZE) throw new AppError('DATABASE_DAMAGED');
    }
    encryptPage(keys.new, plain, pgno).copy(out, i * PAGE_SIZE);
  }
  return out;
}

export async function rekeyDatabaseFileWith(io: RekeyIo, dbPath: string, oldKey: Buffer, newKey: Buffer, opts: RekeyOptions = {}): Promise<void> {
  cleanRekeyLeftovers(dbPath);
  checkNoPendingWal(dbPath);
  opts.signal?.throwIfAborted();
  const tmpPath = rekeyTempPath(dbPath);
  let src: FileHandle | null = null;
  let tmp: FileHandle | null = null;
  let renamed = false;
  /** The read and the write in flight, settled before the files are closed on a failure. */
  let reading: Promise<Buffer> | null = null;
  let writing: Promise<void> = Promise.resolve();
  const newKeys = freshPageKeys(newKey);
  let oldKeys: ReturnType<typeof pageKeys> | null = null;
  try {
    src = await open(dbPath, 'r');
    const size = (await src.stat()).size;
    if (size === 0 || size % PAGE_SIZE !== 0) throw new AppError('DATABASE_DAMAGED');
    const total = size / PAGE_SIZE;
    const salt = Buffer.alloc(SALT_SIZE);
    await src.read(salt, 0, SALT_SIZE, 0);
    oldKeys = pageKeys(oldKey, salt);
    const keys = { old: oldKeys, new: newKeys };
    const source = src;
    const readStep = async (first: number): Promise<Buffer> => {
      const buf = Buffer.allocUnsafe(Math.min(REKEY_PAGES_PER_STEP, total - first + 1) * PAGE_SIZE);
      const { bytesRead } = await source.read(buf, 0, buf.length, (first - 1) * PAGE_SIZE);
      if (bytesRead !== buf.length) throw new AppError('DATABASE_DAMAGED');
      return buf;
    };

    tmp = await open(tmpPath, 'wx', 0o600);
    const target = tmp;
    opts.onProgress?.(0, total);
    // The disk works while the CPU does: the next step is read, and this one's
    // output written, while the following step is re-encrypted.
    reading = inFlight(readStep(1));
    for (let first = 1; first <= total; first += REKEY_PAGES_PER_STEP) {
      opts.signal?.throwIfAborted();
      const buf = (await reading)!; // set for every step: the last one reads nothing ahead
      const next = first + REKEY_PAGES_PER_STEP;
      reading = next <= total ? inFlight(readStep(next)) : null;
      const out = reencryptStep(keys, buf, first);
      await writing;
      writing = inFlight(io.write(target, out, (first - 1) * PAGE_SIZE));
      opts.onProgress?.(first + out.length / PAGE_SIZE - 1, total);
      await nextTurn();
    }
    await writing;
    opts.signal?.throwIfAborted();
    await tmp.sync();
    await tmp.close();
    tmp = null;
    await src.close();
    src = null;

    // The WAL and its index are empty (checked above) and belong to the old file's connections.
    checkNoPendingWal(dbPath);
    rmSync(`${dbPath}-wal`, { force: true });
    rmSync(`${dbPath}-shm`, { force: true });
    opts.signal?.throwIfAborted();
    await rename(tmpPath, dbPath);
    renamed = true;
    await fsyncDir(dirname(dbPath));
  } catch (err) {
    await Promise.allSettled([reading, writing]);
    await tmp?.close().catch(() => undefined);
    if (!renamed) {
      try {
        unlinkSync(tmpPath);
      } catch {
        // not created yet, or already gone
      }
    }
    if (err instanceof Error && err.name === 'AbortError') throw err;
    throw toFsAppError(err);
  } finally {
    await src?.close().catch(() => undefined);
    if (oldKeys) wipePageKeys(oldKeys);
    wipePageKeys(newKeys);
  }
}
