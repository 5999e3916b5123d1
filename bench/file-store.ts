/**
 * Encrypted file store throughput against one-shot AES-256-GCM on the same bytes.
 *
 * The store's figures include everything a real save or open does: chunking,
 * per-chunk GCM, the temp file, fsync, rename, the directory fsync and the
 * SQLCipher insert (write); reading, verifying and assembling the buffer (read).
 * The raw figures are a single createCipheriv/createDecipheriv over the whole
 * buffer in memory, the ceiling the store is measured against.
 * MB here is 2^20 bytes throughout; the ratios are unit-free.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { migration0001 } from '../src-main/core/db/migrations/0001-foundation';
import { FileStore } from '../src-main/core/files/file-store';
import { systemClock } from '../src-main/core/ports';

export interface FileStoreBenchResult {
  encryptMBps: number;
  decryptMBps: number;
  rawAesGcmEncryptMBps: number;
  rawAesGcmDecryptMBps: number;
  ratioEncrypt: number;
  ratioDecrypt: number;
  /**
   * Context, not a target: the same bytes written unencrypted with one fsync.
   * The store's write cannot beat the disk, so read encryptMBps against this too.
   */
  plainDiskWriteMBps: number;
}

const MB = 1024 * 1024;
/** Rounds per measurement; the median is reported, so one slow disk flush does not decide the result. */
const ROUNDS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return (performance.now() - start) / 1000;
}

export async function benchFileStore(opts: {
  tmpDir: string;
  sizeMB: number;
}): Promise<FileStoreBenchResult> {
  const dir = mkdtempSync(join(opts.tmpDir, 'cv-bench-files-'));
  const db = new Database(join(dir, 'vault.db'));
  try {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`key="x'${randomBytes(32).toString('hex')}'"`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    migration0001.up(db);
    const store = new FileStore({ db, vaultDir: dir, clock: systemClock });
    const data = randomBytes(opts.sizeMB * MB);
    const key = randomBytes(32);
    const iv = randomBytes(12);

    // Warm-up: first-touch page faults, JIT, and the blob folders.
    const warm = await store.write(data.subarray(0, 8 * MB), {
      mediaType: 'application/octet-stream',
      createdBy: null,
    });
    await store.readToBuffer(warm.id);
    await store.delete(warm.id);

    const times = {
      enc: [] as number[],
      dec: [] as number[],
      rawEnc: [] as number[],
      rawDec: [] as number[],
      disk: [] as number[],
    };
    for (let round = 0; round < ROUNDS; round++) {
      let ciphertext = Buffer.alloc(0);
      let tag = Buffer.alloc(0);
      times.rawEnc.push(
        await timed(() => {
          const cipher = createCipheriv('aes-256-gcm', key, iv);
          ciphertext = cipher.update(data);
          cipher.final();
          tag = cipher.getAuthTag();
        }),
      );
      times.rawDec.push(
        await timed(() => {
          const decipher = createDecipheriv('aes-256-gcm', key, iv);
          decipher.setAuthTag(tag);
          decipher.update(ciphertext);
          decipher.final();
        }),
      );
      ciphertext = Buffer.alloc(0);

      let id = '';
      times.enc.push(
        await timed(async () => {
          id = (await store.write(data, { mediaType: 'application/octet-stream', createdBy: null })).id;
        }),
      );
      let plaintext: Buffer = Buffer.alloc(0);
      times.dec.push(
        await timed(async () => {
          plaintext = await store.readToBuffer(id);
        }),
      );
      if (!plaintext.equals(data)) throw new Error('file store round trip produced different bytes');
      plaintext = Buffer.alloc(0);
      await store.delete(id);

      const plainPath = join(dir, 'plain.bin');
      times.disk.push(await timed(() => writeFile(plainPath, data, { flush: true })));
      await rm(plainPath);
    }

    const mbps = (seconds: number[]) => Math.round(opts.sizeMB / median(seconds));
    const encryptMBps = mbps(times.enc);
    const decryptMBps = mbps(times.dec);
    const rawAesGcmEncryptMBps = mbps(times.rawEnc);
    const rawAesGcmDecryptMBps = mbps(times.rawDec);
    return {
      encryptMBps,
      decryptMBps,
      rawAesGcmEncryptMBps,
      rawAesGcmDecryptMBps,
      ratioEncrypt: Math.round((encryptMBps / rawAesGcmEncryptMBps) * 100) / 100,
      ratioDecrypt: Math.round((decryptMBps / rawAesGcmDecryptMBps) * 100) / 100,
      plainDiskWriteMBps: mbps(times.disk),
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
