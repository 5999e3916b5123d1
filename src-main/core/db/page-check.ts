/**
 * SQLCipher's page-level check over the whole of vault.db: every page's HMAC,
 * free pages included, read straight from the file in steps so a large vault
 * never holds the event loop (docs/integrity-checks.md).
 *
 * A query only notices a damaged page when it happens to read it; this reads
 * them all. (`PRAGMA cipher_integrity_check` does not exist in the SQLite3
 * Multiple Ciphers build the app ships: it answers [] like any unknown pragma.)
 */
import { open } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { PAGE_SIZE, SALT_SIZE, type PageKeys, pageKeys, verifyPage, wipePageKeys } from './sqlcipher-pages';

/** 1 MB a step: about 2 ms of HMAC work, then the event loop gets a turn. */
export const PAGES_PER_STEP = 256;

export interface PageScanOptions {
  onProgress?(done: number, total: number): void;
  signal?: AbortSignal;
}

export interface PageScan {
  pagesChecked: number;
  /** Page numbers that failed their HMAC, ascending. A short last page counts as damaged. */
  damaged: number[];
}

/** The keys vault.db's pages are under: its salt (page 1's first bytes) and the raw key. */
export async function pageKeysForFile(dbPath: string, key: Buffer): Promise<PageKeys> {
  const fh = await open(dbPath, 'r');
  try {
    const salt = Buffer.alloc(SALT_SIZE);
    const { bytesRead } = await fh.read(salt, 0, SALT_SIZE, 0);
    if (bytesRead < SALT_SIZE) throw new Error('the database file is too short to hold its salt');
    return pageKeys(key, salt);
  } finally {
    await fh.close();
  }
}

/**
 * Reads the file as it is now, page by page. Pages a checkpoint rewrites while
 * the scan runs are read whole either side of it (this process's own writes,
 * on the same thread), so they verify either way.
 */
export async function scanDatabasePages(dbPath: string, key: Buffer, opts: PageScanOptions = {}): Promise<PageScan> {
  const keys = await pageKeysForFile(dbPath, key);
  const fh = await open(dbPath, 'r');
  try {
    const size = (await fh.stat()).size;
    const total = Math.ceil(size / PAGE_SIZE);
    const damaged: number[] = [];
    const buf = Buffer.alloc(PAGES_PER_STEP * PAGE_SIZE);
    opts.onProgress?.(0, total);
    for (let first = 1; first <= total; first += PAGES_PER_STEP) {
      opts.signal?.throwIfAborted();
      const { bytesRead } = await fh.read(buf, 0, buf.length, (first - 1) * PAGE_SIZE);
      const whole = Math.floor(bytesRead / PAGE_SIZE);
      for (let i = 0; i < whole; i++) {
        if (!verifyPage(keys, buf.subarray(i * PAGE_SIZE, (i + 1) * PAGE_SIZE), first + i)) damaged.push(first + i);
      }
      // A file cut short mid-page (or a read that ended early) leaves the rest unverifiable.
      const expected = Math.min(PAGES_PER_STEP, total - first + 1);
      for (let i = whole; i < expected; i++) damaged.push(first + i);
      opts.onProgress?.(Math.min(first + PAGES_PER_STEP - 1, total), total);
      await nextTurn();
    }
    return { pagesChecked: total, damaged };
  } finally {
    wipePageKeys(keys);
    await fh.close();
  }
}
