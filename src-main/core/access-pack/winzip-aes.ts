/**
 * WinZip AES encryption of one ZIP entry (AE-2, AES-256), done with Node's
 * native crypto. @zip.js/zip.js encrypts in JavaScript (~25 MB/s on the
 * shared machine), which held the protected pack's ZIP at a quarter of the
 * disk's speed; here AES runs in OpenSSL (AES-NI, ~2 GB/s).
 *
 * The format (WinZip's "AES Encryption Information", as 7-Zip, WinZip and
 * zip.js read it): per entry a random 16-byte salt; PBKDF2-HMAC-SHA1 with 1000
 * iterations derives 66 bytes from the passphrase and salt: a 32-byte AES key,
 * a 32-byte HMAC key and a 2-byte password verifier. The entry's data is
 * salt | verifier | ciphertext | the first 10 bytes of HMAC-SHA1(ciphertext).
 * The cipher is AES in counter mode with Brian Gladman's counter: a 128-bit
 * *little-endian* block number starting at 1. Node's `aes-256-ctr` counts
 * big-endian, so the counter blocks are made here and encrypted with ECB
 * (the same keystream, block by block), then XORed with the data.
 */
import { type Cipheriv, type Hmac, createCipheriv, createHmac, pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2Async = promisify(pbkdf2);

export const AES_SALT_BYTES = 16;
const VERIFIER_BYTES = 2;
const KEY_BYTES = 32;
export const AES_MAC_BYTES = 10;
/** What AES adds to an entry: salt, verifier and authentication code. */
export const AES_OVERHEAD_BYTES = AES_SALT_BYTES + VERIFIER_BYTES + AES_MAC_BYTES;
const PBKDF2_ITERATIONS = 1000;
const BLOCK = 16;
/** Counter blocks made at once: 1 MB of keystream, one buffer reused for every entry. */
const SEGMENT_BLOCKS = 65536;
const counters = Buffer.alloc(SEGMENT_BLOCKS * BLOCK);
// Written as 32-bit words: a Buffer method call per word cost more than the AES itself.
const counterWords = new Uint32Array(counters.buffer, counters.byteOffset, counters.length / 4);
const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Writes blocks first..first+count-1 as 128-bit little-endian numbers (the top 64 bits stay 0: 2^64 blocks is never reached). */
function fillCounters(first: number, count: number): Buffer {
  for (let i = 0; i < count; i++) {
    const n = first + i;
    if (littleEndian) {
      counterWords[i * 4] = n >>> 0;
      counterWords[i * 4 + 1] = Math.floor(n / 2 ** 32);
    } else {
      counters.writeUInt32LE(n >>> 0, i * BLOCK);
      counters.writeUInt32LE(Math.floor(n / 2 ** 32), i * BLOCK + 4);
    }
  }
  return counters.subarray(0, count * BLOCK);
}

/** target ^= source, a word at a time where both are aligned (the usual case: whole buffers from the file store). */
function xorInto(target: Buffer, source: Buffer): void {
  const n = target.length;
  let i = 0;
  if (target.byteOffset % 4 === 0 && source.byteOffset % 4 === 0) {
    const t = new Int32Array(target.buffer, target.byteOffset, n >> 2);
    const s = new Int32Array(source.buffer, source.byteOffset, n >> 2);
    for (let w = 0; w < t.length; w++) t[w]! ^= s[w]!;
    i = t.length * 4;
  }
  for (; i < n; i++) target[i]! ^= source[i]!;
}

export class WinZipAesEncryptor {
  private position = 0;

  private constructor(
    /** salt | password verifier: the first bytes of the entry's data. */
    readonly preamble: Buffer,
    private readonly ecb: Cipheriv,
    private readonly mac: Hmac,
  ) {}

  /** Derives the entry's keys from the passphrase and a new random salt (PBKDF2 runs on the thread pool). */
  static async create(password: string): Promise<WinZipAesEncryptor> {
    const salt = randomBytes(AES_SALT_BYTES);
    // The passphrase as UTF-8, as WinZip, 7-Zip and zip.js encode it.
    const derived = await pbkdf2Async(Buffer.from(password, 'utf8'), salt, PBKDF2_ITERATIONS, 2 * KEY_BYTES + VERIFIER_BYTES, 'sha1');
    const ecb = createCipheriv('aes-256-ecb', derived.subarray(0, KEY_BYTES), null);
    ecb.setAutoPadding(false);
    const mac = createHmac('sha1', derived.subarray(KEY_BYTES, 2 * KEY_BYTES));
    return new WinZipAesEncryptor(Buffer.concat([salt, derived.subarray(2 * KEY_BYTES)]), ecb, mac);
  }

  /**
   * The ciphertext of the next bytes of the entry, in new buffers (the
   * plaintext is left as it is: its SHA-256 may still be being worked out).
   * Each piece comes with the whole buffer it is a view of, to give back
   * (platform/release-buffer.ts) once written.
   * Pieces may be any length; a piece that ends inside a block is continued
   * by the next (that block's keystream is made again, which costs one block).
   */
  encrypt(plain: Buffer): Array<{ bytes: Buffer; backing: Buffer }> {
    const out: Array<{ bytes: Buffer; backing: Buffer }> = [];
    let done = 0;
    while (done < plain.length) {
      const skip = this.position % BLOCK;
      const firstBlock = Math.floor(this.position / BLOCK) + 1;
      const blocks = Math.min(SEGMENT_BLOCKS, Math.ceil((skip + plain.length - done) / BLOCK));
      const length = Math.min(blocks * BLOCK - skip, plain.length - done);
      const keystream = this.ecb.update(fillCounters(firstBlock, blocks));
      const piece = keystream.subarray(skip, skip + length);
      xorInto(piece, plain.subarray(done, done + length));
      this.mac.update(piece);
      out.push({ bytes: piece, backing: keystream });
      done += length;
      this.position += length;
    }
    return out;
  }

  /** The 10-byte authentication code that ends the entry's data. */
  authenticationCode(): Buffer {
    return this.mac.digest().subarray(0, AES_MAC_BYTES);
  }
}
