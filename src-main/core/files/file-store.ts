/**
 * The encrypted file store: photos, consent PDFs and other attachments.
 *
 * Each file is a blob at `<vault>/blobs/<2 hex>/<32 random hex>.blob`, encrypted
 * under its own random key (see blob-format.ts). The key, nonce prefix and blob
 * name live only in the `files` row inside the encrypted database, so the blob
 * folder reveals nothing but sizes, and deleting the row destroys the file.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { AppError } from '../../contract/errors';
import type { Db } from '../db/types';
import { mkdirOwnerOnly } from '../platform/fs-permissions';
import { releaseBuffer } from '../platform/release-buffer';
import type { Clock } from '../platform/ports';
import { BlobIntegrityError, KEY_LENGTH, NONCE_PREFIX_LENGTH, type FileSecrets } from './blob-format';
import { decryptBlob, encryptSource, type FileSource } from './blob-stream';
import { fsyncDirectory, writeFileDurably, type CreateWriteStream } from './durable-write';
import { isAbortError, isMissingFile, mapDiskFull, mapReadFailure } from './errors';
import type { ClinicalKeyHolder } from '../crypto/clinical-seal';
import {
  FileRows,
  isSealedFileKey,
  newFileId,
  plainFileKey,
  secretsOf,
  storedFileKey,
  toStoredFile,
  type FileRow,
  type StoredFile,
} from './file-rows';

export type { StoredFile } from './file-rows';

export interface FileStoreOptions {
  db: Db;
  vaultDir: string;
  clock: Clock;
  /**
   * The session's keys: clinical files' keys are sealed under keys.clinical
   * (file-rows.ts). Without them (the synthetic seeder) only plain files are handled.
   */
  keys?: ClinicalKeyHolder;
  /** Test seam: lets a test simulate a full disk. */
  createWriteStream?: CreateWriteStream;
}

export interface WriteMeta {
  mediaType: string;
  createdBy: string | null;
  /** Larger sources are refused with VALIDATION before anything is kept. */
  maxBytes?: number;
  /** A clinical file: its key is stored sealed under the clinical key (FORBIDDEN without it). */
  clinical?: boolean;
}

export type VerifyProblem = 'missing blob' | 'failed integrity check';

export interface VerifyReport {
  checked: number;
  damaged: { fileId: string; problem: VerifyProblem }[];
}

const BLOB_NAME = /^[0-9a-f]{32}$/;

function noop(): void {}

/** An abort always surfaces as the signal's own reason, whichever step noticed it. */
function abortOr(err: unknown, signal: AbortSignal | undefined, map: (err: unknown) => unknown): unknown {
  return signal?.aborted ? signal.reason : map(err);
}

export class FileStore {
  private readonly rows: FileRows;
  private readonly blobsDir: string;
  private readonly tmpDir: string;
  private readonly clock: Clock;
  private readonly keys: ClinicalKeyHolder;
  private readonly createWriteStream: CreateWriteStream;
  /** Temp files of writes in progress, which cleanTemp() must leave alone. */
  private readonly activeTemps = new Set<string>();

  constructor(opts: FileStoreOptions) {
    this.rows = new FileRows(opts.db);
    this.blobsDir = join(opts.vaultDir, 'blobs');
    this.tmpDir = join(this.blobsDir, 'tmp');
    this.clock = opts.clock;
    this.keys = opts.keys ?? { clinical: null };
    this.createWriteStream = opts.createWriteStream ?? fs.createWriteStream;
  }

  /**
   * Streams the source through encryption into a temp file, fsyncs it, renames it
   * into place, then inserts the row. On any failure or abort nothing is left:
   * no temp file, no blob, no row.
   */
  async write(source: FileSource, meta: WriteMeta, signal?: AbortSignal): Promise<StoredFile> {
    if (meta.maxBytes !== undefined && !(meta.maxBytes >= 0))
      throw new RangeError('maxBytes must be a size in bytes');
    const id = newFileId();
    const secrets: FileSecrets = {
      fileId: id,
      key: randomBytes(KEY_LENGTH),
      noncePrefix: randomBytes(NONCE_PREFIX_LENGTH),
    };
    // Sealed before any byte is written: without the clinical key, a clinical file is refused up front.
    const storedKey = storedFileKey(this.keys, id, secrets.key, meta.clinical === true);
    const blobName = randomBytes(16).toString('hex');
    const finalPath = this.blobPath(blobName);
    const tempPath = join(this.tmpDir, `${randomBytes(16).toString('hex')}.tmp`);
    this.activeTemps.add(tempPath);
    let renamed = false;
    try {
      await mkdirOwnerOnly(this.tmpDir);
      const counted = { bytes: 0 };
      const blob = encryptSource(source, secrets, { maxBytes: meta.maxBytes, signal, counted });
      await writeFileDurably(tempPath, blob, { createWriteStream: this.createWriteStream, signal });
      signal?.throwIfAborted();
      const shardDir = dirname(finalPath);
      // A new shard folder must itself be durable, or the rename inside it is not.
      if (await mkdirOwnerOnly(shardDir)) await fsyncDirectory(this.blobsDir);
      await rename(tempPath, finalPath);
      renamed = true;
      await fsyncDirectory(shardDir);
      signal?.throwIfAborted();
      const row: FileRow = {
        id,
        blob_name: blobName,
        file_key: storedKey,
        nonce_prefix: secrets.noncePrefix,
        size: counted.bytes,
        media_type: meta.mediaType,
        created_at: this.clock.now().toISOString(),
        created_by: meta.createdBy,
      };
      this.rows.insert(row);
      return toStoredFile(row);
    } catch (err) {
      // writeFileDurably already removed its temp file; these cover the steps after it.
      await rm(renamed ? finalPath : tempPath, { force: true }).catch(noop);
      throw abortOr(err, signal, mapDiskFull);
    } finally {
      this.activeTemps.delete(tempPath);
    }
  }

  /** The whole file, every chunk verified. FILE_DAMAGED if anything is wrong with the blob. */
  async readToBuffer(fileId: string): Promise<Buffer> {
    const row = this.rows.get(fileId);
    const secrets = secretsOf(row, this.keys);
    const out = Buffer.allocUnsafe(row.size);
    let offset = 0;
    try {
      for await (const chunk of decryptBlob(this.blobPath(row.blob_name), secrets, row.size)) {
        if (offset + chunk.length > out.length)
          throw new BlobIntegrityError('blob is longer than its record');
        offset += chunk.copy(out, offset);
        // Copied: the decrypted chunk's memory goes back now, not at the next collection (platform/release-buffer.ts).
        releaseBuffer(chunk);
      }
    } catch (err) {
      throw mapReadFailure(err);
    }
    if (offset !== row.size) throw new AppError('FILE_DAMAGED');
    return out;
  }

  /** A decrypting stream; it errors with FILE_DAMAGED as soon as a chunk fails verification. */
  openReadStream(fileId: string): Readable {
    const row = this.rows.get(fileId);
    const path = this.blobPath(row.blob_name);
    const secrets = secretsOf(row, this.keys);
    async function* verified(): AsyncGenerator<Buffer> {
      try {
        yield* decryptBlob(path, secrets, row.size);
      } catch (err) {
        throw mapReadFailure(err);
      }
    }
    return Readable.from(verified(), { objectMode: false });
  }

  /**
   * Writes the plaintext to destPath via a temp file beside it, renamed only after
   * every chunk verified, so a damaged blob never leaves half a file behind.
   */
  async exportTo(fileId: string, destPath: string, signal?: AbortSignal): Promise<void> {
    const row = this.rows.get(fileId);
    const blobPath = this.blobPath(row.blob_name);
    const secrets = secretsOf(row, this.keys);
    const destDir = dirname(destPath);
    // Beside the destination so the rename is atomic; the name is cut so it stays within 255 bytes.
    const tempPath = join(
      destDir,
      `.${basename(destPath).slice(0, 100)}.${randomBytes(6).toString('hex')}.part`,
    );
    async function* verified(): AsyncGenerator<Buffer> {
      try {
        yield* decryptBlob(blobPath, secrets, row.size, signal);
      } catch (err) {
        throw abortOr(err, signal, mapReadFailure);
      }
    }
    try {
      await writeFileDurably(tempPath, verified(), { createWriteStream: this.createWriteStream, signal });
      signal?.throwIfAborted();
      await rename(tempPath, destPath);
    } catch (err) {
      await rm(tempPath, { force: true }).catch(noop);
      throw abortOr(err, signal, mapDiskFull);
    }
    await fsyncDirectory(destDir).catch(noop);
  }

  /** Deletes the row, and with it the key, then the blob. A blob already gone is not an error. */
  async delete(fileId: string): Promise<void> {
    const row = this.rows.get(fileId);
    this.rows.delete(row.id);
    await rm(this.blobPath(row.blob_name), { force: true });
  }

  /**
   * Destroys files for good (erasure, retention: core/destruction/): deletes
   * their rows, and with them their keys, and queues their blobs for removal
   * from disk. Synchronous, for the caller's transaction: if it rolls back the
   * files are untouched. After the commit, removeQueuedBlobs() deletes them.
   */
  destroyFiles(fileIds: readonly string[]): number {
    const queue = this.rows.db.prepare('INSERT OR IGNORE INTO pending_blob_deletions (blob_name, queued_at) VALUES (?, ?)');
    const at = this.clock.now().toISOString();
    for (const fileId of fileIds) {
      const row = this.rows.get(fileId);
      this.rows.delete(row.id);
      queue.run(row.blob_name, at);
    }
    return fileIds.length;
  }

  /**
   * Removes the blobs destroyFiles queued (after its transaction committed, and
   * at the vault's opening for any a crash left behind). A blob whose name has
   * a files row again is not removed. Returns how many went.
   */
  removeQueuedBlobs(): number {
    const db = this.rows.db;
    const names = (db.prepare('SELECT blob_name FROM pending_blob_deletions').all() as { blob_name: string }[]).map((r) => r.blob_name);
    const stillUsed = db.prepare('SELECT 1 FROM files WHERE blob_name = ?');
    const done = db.prepare('DELETE FROM pending_blob_deletions WHERE blob_name = ?');
    let removed = 0;
    const handled: string[] = [];
    try {
      for (const name of names) {
        if (!stillUsed.get(name) && BLOB_NAME.test(name)) {
          fs.rmSync(this.blobPath(name), { force: true });
          removed += 1;
        }
        handled.push(name);
      }
    } finally {
      // One commit for the lot, not one per blob (a destroyed client has ten or more);
      // a blob removed but still queued after a crash is simply removed again.
      db.transaction(() => {
        for (const name of handled) done.run(name);
      })();
    }
    return removed;
  }

  /** Checks every stored file end to end. Reads the whole store, so run it in the background. */
  async verifyAll(
    onProgress?: (done: number, total: number) => void,
    signal?: AbortSignal,
  ): Promise<VerifyReport> {
    const rows = this.rows.all();
    const damaged: VerifyReport['damaged'] = [];
    onProgress?.(0, rows.length);
    for (const [index, row] of rows.entries()) {
      signal?.throwIfAborted();
      const problem = await this.check(row, signal);
      // A blob that vanished because its file was deleted meanwhile is not damage.
      if (problem && (problem !== 'missing blob' || this.rows.exists(row.id)))
        damaged.push({ fileId: row.id, problem });
      onProgress?.(index + 1, rows.length);
    }
    return { checked: rows.length, damaged };
  }

  /**
   * Makes a file clinical (its key sealed under the clinical key) or not (its
   * key under the database key alone), for a staged upload claimed for a use.
   * Synchronous: call it inside the transaction that links the file.
   */
  setClinical(fileId: string, clinical: boolean): void {
    const row = this.rows.get(fileId);
    if (isSealedFileKey(row.file_key) === clinical) return;
    this.rows.setStoredKey(fileId, storedFileKey(this.keys, fileId, plainFileKey(this.keys, row), clinical));
  }

  /** Whether the file's key is sealed under the clinical key. */
  isClinical(fileId: string): boolean {
    return isSealedFileKey(this.rows.get(fileId).file_key);
  }

  info(fileId: string): StoredFile {
    return toStoredFile(this.rows.get(fileId));
  }

  /** Removes temp files left by a crash or power cut. Call when the vault opens. Returns how many went. */
  async cleanTemp(): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.tmpDir);
    } catch (err) {
      if (isMissingFile(err)) return 0;
      throw err;
    }
    let removed = 0;
    for (const name of names) {
      const path = join(this.tmpDir, name);
      if (this.activeTemps.has(path)) continue;
      await rm(path, { force: true, recursive: true });
      removed += 1;
    }
    return removed;
  }

  private async check(row: FileRow, signal?: AbortSignal): Promise<VerifyProblem | null> {
    try {
      for await (const _chunk of decryptBlob(
        this.blobPath(row.blob_name),
        secretsOf(row, this.keys),
        row.size,
        signal,
      )) {
        // Decrypting is the check; the plaintext is dropped.
      }
      return null;
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      if (isAbortError(err)) throw err;
      // A session without the clinical key cannot check clinical files: that is no damage.
      if (err instanceof AppError && err.code === 'FORBIDDEN') throw err;
      return isMissingFile(err) ? 'missing blob' : 'failed integrity check';
    }
  }

  /** Blob names come from our own rows, but a name is checked before it becomes a path. */
  private blobPath(blobName: string): string {
    if (!BLOB_NAME.test(blobName))
      throw new AppError('FILE_DAMAGED', undefined, { cause: new BlobIntegrityError('bad blob name') });
    return join(this.blobsDir, blobName.slice(0, 2), `${blobName}.blob`);
  }
}
