/**
 * The SQLCipher 4 page format, in plain Node crypto, for the checks and the
 * key rotation that must see every page (docs/integrity-checks.md).
 *
 * The vault's database is opened with cipher='sqlcipher', legacy=4 and a raw
 * 32-byte key (src-main/core/db/open-database.ts), which gives this layout:
 *
 *   page (4096 bytes) = ciphertext (4016) ‖ IV (16) ‖ HMAC-SHA512 (64)
 *   page 1            = salt (16) ‖ ciphertext (4000) ‖ IV ‖ HMAC
 *
 * - the ciphertext is AES-256-CBC without padding, keyed by the raw key itself
 *   (a raw key skips SQLCipher's password KDF) and the page's own random IV;
 * - the HMAC key is PBKDF2-HMAC-SHA512(raw key, salt XOR 0x3a, 2 rounds, 32 bytes);
 * - the HMAC covers ciphertext ‖ IV ‖ page number as 4 bytes little-endian
 *   (checked against files the app wrote, see sqlcipher-pages.test.ts).
 *
 * The same format holds for a page inside a WAL frame: SQLCipher encrypts it
 * under its database page number before it is appended.
 */
import { type Hash, createCipheriv, createDecipheriv, createHash, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

export const PAGE_SIZE = 4096;
export const SALT_SIZE = 16;
export const IV_SIZE = 16;
export const HMAC_SIZE = 64;
/** Bytes SQLCipher reserves at the end of every page: IV then HMAC. */
export const RESERVE_SIZE = IV_SIZE + HMAC_SIZE;

const HMAC_SALT_MASK = 0x3a;
const HMAC_KDF_ROUNDS = 2;
/** What SQLite writes at the start of an unencrypted page 1; SQLCipher stores the salt there instead. */
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** The two keys one database's pages are written under. */
export interface PageKeys {
  readonly encryptionKey: Buffer;
  readonly hmacKey: Buffer;
  /**
   * HMAC-SHA512's inner and outer hashes with the key block already fed in
   * (RFC 2104), copied for each page: a third faster than createHmac per page,
   * which the whole-file check needs to stay near 2 s at 50,000 clients. Hash
   * state cannot be wiped, only dropped; it authenticates pages, decrypts nothing.
   */
  readonly hmacInner: Hash;
  readonly hmacOuter: Hash;
  readonly salt: Buffer;
}

/** The salt is page 1's first 16 bytes, stored in the clear. */
export function saltOf(page1: Buffer): Buffer {
  if (page1.length < SALT_SIZE) throw new Error('page 1 is too short to hold a salt');
  return Buffer.from(page1.subarray(0, SALT_SIZE));
}

export function pageKeys(rawKey: Buffer, salt: Buffer): PageKeys {
  if (rawKey.length !== 32) throw new Error('database key must be 32 bytes');
  if (salt.length !== SALT_SIZE) throw new Error('salt must be 16 bytes');
  const hmacSalt = Buffer.from(salt.map((b) => b ^ HMAC_SALT_MASK));
  const hmacKey = pbkdf2Sync(rawKey, hmacSalt, HMAC_KDF_ROUNDS, 32, 'sha512');
  return {
    encryptionKey: Buffer.from(rawKey),
    hmacKey,
    hmacInner: keyedHash(hmacKey, 0x36),
    hmacOuter: keyedHash(hmacKey, 0x5c),
    salt: Buffer.from(salt),
  };
}

/** Keys for a brand-new file: a fresh random salt, as SQLCipher makes for a new database. */
export function freshPageKeys(rawKey: Buffer): PageKeys {
  return pageKeys(rawKey, randomBytes(SALT_SIZE));
}

export function wipePageKeys(keys: PageKeys): void {
  keys.encryptionKey.fill(0);
  keys.hmacKey.fill(0);
}

function ciphertextStart(pgno: number): number {
  return pgno === 1 ? SALT_SIZE : 0;
}

/** SHA-512's block size: the HMAC key is zero-padded to it, then XORed with ipad/opad. */
const SHA512_BLOCK = 128;

function keyedHash(key: Buffer, pad: number): Hash {
  const block = Buffer.alloc(SHA512_BLOCK);
  key.copy(block);
  for (let i = 0; i < SHA512_BLOCK; i++) block[i] = block[i]! ^ pad;
  const hash = createHash('sha512').update(block);
  block.fill(0);
  return hash;
}

const pgnoBytes = Buffer.alloc(4);

/** HMAC over ciphertext ‖ IV (adjacent in the page, so one update) ‖ page number. */
function hmacOf(keys: PageKeys, ciphertextAndIv: Buffer, pgno: number): Buffer {
  pgnoBytes.writeUInt32LE(pgno);
  const inner = keys.hmacInner.copy().update(ciphertextAndIv).update(pgnoBytes).digest();
  return keys.hmacOuter.copy().update(inner).digest();
}

function checkShape(page: Buffer, pgno: number): void {
  if (page.length !== PAGE_SIZE) throw new Error(`page ${pgno} is ${page.length} bytes, not ${PAGE_SIZE}`);
  if (!Number.isInteger(pgno) || pgno < 1 || pgno > 0xffffffff) throw new Error(`bad page number ${pgno}`);
}

/**
 * True if the page's HMAC matches: the page is exactly as SQLCipher wrote it
 * under these keys at this position. Any flipped bit fails it, as does a page
 * moved to another position (the page number is inside the HMAC).
 */
export function verifyPage(keys: PageKeys, page: Buffer, pgno: number): boolean {
  checkShape(page, pgno);
  const macAt = PAGE_SIZE - HMAC_SIZE;
  return timingSafeEqual(hmacOf(keys, page.subarray(ciphertextStart(pgno), macAt), pgno), page.subarray(macAt));
}

/**
 * The page as SQLite sees it: 4096 bytes, page 1 beginning "SQLite format 3",
 * the reserved tail zeroed. Throws if the HMAC does not match (never decrypt
 * what was not authenticated).
 */
export function decryptPage(keys: PageKeys, page: Buffer, pgno: number): Buffer {
  if (!verifyPage(keys, page, pgno)) throw new Error(`page ${pgno} failed its HMAC check`);
  const body = PAGE_SIZE - RESERVE_SIZE;
  const start = ciphertextStart(pgno);
  const decipher = createDecipheriv('aes-256-cbc', keys.encryptionKey, page.subarray(body, body + IV_SIZE));
  decipher.setAutoPadding(false);
  const out = Buffer.alloc(PAGE_SIZE);
  if (pgno === 1) SQLITE_MAGIC.copy(out, 0);
  const plain = Buffer.concat([decipher.update(page.subarray(start, body)), decipher.final()]);
  plain.copy(out, start);
  return out;
}

/**
 * Encrypts a plaintext page (as decryptPage returns it) under these keys with
 * a fresh IV. Page 1 gets these keys' salt in its first 16 bytes, so a file
 * written under new keys carries its own salt.
 */
export function encryptPage(keys: PageKeys, plain: Buffer, pgno: number, iv: Buffer = randomBytes(IV_SIZE)): Buffer {
  checkShape(plain, pgno);
  const body = PAGE_SIZE - RESERVE_SIZE;
  const start = ciphertextStart(pgno);
  const cipher = createCipheriv('aes-256-cbc', keys.encryptionKey, iv);
  cipher.setAutoPadding(false);
  const ciphertext = Buffer.concat([cipher.update(plain.subarray(start, body)), cipher.final()]);
  const out = Buffer.alloc(PAGE_SIZE);
  if (pgno === 1) keys.salt.copy(out, 0);
  ciphertext.copy(out, start);
  iv.copy(out, body);
  hmacOf(keys, out.subarray(start, body + IV_SIZE), pgno).copy(out, body + IV_SIZE);
  return out;
}

/** The page size and reserve recorded in a decrypted page 1's header (SQLite file format, offsets 16 and 20). */
export function headerLayout(plainPage1: Buffer): { pageSize: number; reserve: number } {
  const raw = plainPage1.readUInt16BE(16);
  return { pageSize: raw === 1 ? 65536 : raw, reserve: plainPage1[20]! };
}
