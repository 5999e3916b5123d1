/**
 * Test support: every page of a vault's database as an attacker holding the
 * database key would see it, decrypted straight from the files on disk rather
 * than through SQLite. So free pages, freelist leftovers and the write-ahead
 * log's frames are all covered, not only what a query happens to read.
 *
 * SQLCipher 4 (vault/open-database.ts sets legacy=4 and a raw key): 4096-byte
 * pages, each AES-256-CBC under the raw key with its IV in the page's reserved
 * tail (16-byte IV + 64-byte HMAC-SHA512 = 80 bytes); page 1 starts with the
 * 16-byte salt instead of data. The WAL holds a 32-byte header, then frames of
 * a 24-byte header and one encrypted page.
 */
import { createDecipheriv } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

const PAGE = 4096;
const RESERVE = 80;
const SALT = 16;
const WAL_HEADER = 32;
const FRAME_HEADER = 24;

function decryptPage(page: Buffer, key: Buffer, isFirst: boolean): Buffer {
  const iv = page.subarray(PAGE - RESERVE, PAGE - RESERVE + 16);
  const decipher = createDecipheriv('aes-256-cbc', key, iv);
  decipher.setAutoPadding(false);
  return Buffer.concat([decipher.update(page.subarray(isFirst ? SALT : 0, PAGE - RESERVE)), decipher.final()]);
}

/** Every page of `databasePath` and of its -wal file, decrypted. */
export function decryptedPages(databasePath: string, key: Buffer): Buffer[] {
  const pages: Buffer[] = [];
  const file = readFileSync(databasePath);
  for (let n = 0; n * PAGE < file.length; n++) pages.push(decryptPage(file.subarray(n * PAGE, (n + 1) * PAGE), key, n === 0));
  const walPath = `${databasePath}-wal`;
  if (existsSync(walPath)) {
    const wal = readFileSync(walPath);
    for (let off = WAL_HEADER; off + FRAME_HEADER + PAGE <= wal.length; off += FRAME_HEADER + PAGE) {
      const pageNumber = wal.readUInt32BE(off);
      pages.push(decryptPage(wal.subarray(off + FRAME_HEADER, off + FRAME_HEADER + PAGE), key, pageNumber === 1));
    }
  }
  return pages;
}

/** The needles found anywhere in those pages (as UTF-8), so a test can name what leaked. */
export function textsInPages(pages: Buffer[], needles: readonly string[]): string[] {
  return needles.filter((needle) => {
    const bytes = Buffer.from(needle, 'utf8');
    return pages.some((p) => p.includes(bytes));
  });
}
