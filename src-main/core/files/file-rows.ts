/**
 * The `files` table: one row per stored file, holding the file's own key. The
 * row is the only way to decrypt its blob, so deleting it destroys the file
 * (the database runs with secure_delete, so the old key is overwritten rather than
 * left in a free page).
 *
 * A clinical file's key (photos and their thumbnails, treatment consent forms,
 * photo and treatment consent evidence) is itself sealed under the clinical
 * key (docs/clinical-sealing.md), so the database key alone, which reception
 * holds, cannot decrypt the blob. A file_key of KEY_LENGTH bytes is a plain
 * key; anything longer is a sealed one, bound to the file's id.
 */
import { randomBytes } from 'node:crypto';
import { AppError } from '../../contract/errors';
import type { Db } from '../db/types';
import { type ClinicalKeyHolder, type SealPlace, clinicalKeyOf, openBytes, sealBytes } from '../crypto/clinical-seal';

import { KEY_LENGTH, type FileSecrets } from './blob-format';
import { preparedStatement } from '../db/statement-cache';

export interface StoredFile {
  id: string;
  size: number;
  mediaType: string;
  createdAt: string;
  createdBy: string | null;
}

export interface FileRow {
  id: string;
  blob_name: string;
  file_key: Buffer;
  nonce_prefix: Buffer;
  size: number;
  media_type: string;
  created_at: string;
  created_by: string | null;
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** 'f_' + 20 base32 characters: 100 random bits. 256 is a multiple of 32, so `& 31` is unbiased. */
export function newFileId(): string {
  let id = 'f_';
  for (const byte of randomBytes(20)) id += ID_ALPHABET[byte & 31];
  return id;
}

export function toStoredFile(row: FileRow): StoredFile {
  return {
    id: row.id,
    size: row.size,
    mediaType: row.media_type,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

export function fileKeyPlace(fileId: string): SealPlace {
  return { table: 'files', column: 'file_key', clientId: '', rowId: fileId };
}

/** Whether the stored key is sealed under the clinical key (a plain key is exactly KEY_LENGTH bytes). */
export function isSealedFileKey(stored: Buffer): boolean {
  return stored.length !== KEY_LENGTH;
}

/** The stored form of a file key: sealed for a clinical file, as it is otherwise. */
export function storedFileKey(keys: ClinicalKeyHolder, fileId: string, plainKey: Buffer, clinical: boolean): Buffer {
  return clinical ? sealBytes(clinicalKeyOf(keys), fileKeyPlace(fileId), plainKey) : plainKey;
}

/** The file's own key: FORBIDDEN for a clinical file without the clinical key, RECORD_DAMAGED if it does not open. */
export function plainFileKey(keys: ClinicalKeyHolder, row: Pick<FileRow, 'id' | 'file_key'>): Buffer {
  if (!isSealedFileKey(row.file_key)) return row.file_key;
  return openBytes(clinicalKeyOf(keys), fileKeyPlace(row.id), row.file_key);
}

export function secretsOf(row: FileRow, keys: ClinicalKeyHolder): FileSecrets {
  return { fileId: row.id, key: plainFileKey(keys, row), noncePrefix: row.nonce_prefix };
}

export class FileRows {
  constructor(readonly db: Db) {}

  /** NOT_FOUND if there is no such file. */
  get(fileId: string): FileRow {
    const row = preparedStatement(this.db, 'SELECT * FROM files WHERE id = ?').get(fileId) as FileRow | undefined;
    if (!row) throw new AppError('NOT_FOUND');
    return row;
  }

  exists(fileId: string): boolean {
    return this.db.prepare('SELECT 1 FROM files WHERE id = ?').get(fileId) !== undefined;
  }

  /** Every row, fetched at once: better-sqlite3 cannot keep an iterator open across awaits. */
  all(): FileRow[] {
    return this.db.prepare('SELECT * FROM files ORDER BY created_at, id').all() as FileRow[];
  }

  insert(row: FileRow): void {
    const insert = this.db.prepare(
      `INSERT INTO files (id, blob_name, file_key, nonce_prefix, size, media_type, created_at, created_by)
       VALUES (@id, @blob_name, @file_key, @nonce_prefix, @size, @media_type, @created_at, @created_by)`,
    );
    this.db.transaction(() => insert.run(row))();
  }

  /** Rewrites a file's stored key (sealing or unsealing it); call inside the caller's transaction. */
  setStoredKey(fileId: string, stored: Buffer): void {
    this.db.prepare('UPDATE files SET file_key = ? WHERE id = ?').run(stored, fileId);
  }

  delete(fileId: string): void {
    preparedStatement(this.db, 'DELETE FROM files WHERE id = ?').run(fileId);
  }
}
