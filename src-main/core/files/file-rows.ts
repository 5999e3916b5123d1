/**
 * The `files` table: one row per stored file, holding the file's own key. The
 * row is the only way to decrypt its blob, so deleting it destroys the file
 * (the database runs with secure_delete, so the old key is overwritten rather than
 * left in a free page).
 */
import { randomBytes } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/types';
import type { FileSecrets } from './blob-format';

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

export function secretsOf(row: FileRow): FileSecrets {
  return { fileId: row.id, key: row.file_key, noncePrefix: row.nonce_prefix };
}

export class FileRows {
  constructor(private readonly db: Db) {}

  /** NOT_FOUND if there is no such file. */
  get(fileId: string): FileRow {
    const row = this.db.prepare('SELECT * FROM files WHERE id = ?').get(fileId) as FileRow | undefined;
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

  delete(fileId: string): void {
    this.db.prepare('DELETE FROM files WHERE id = ?').run(fileId);
  }
}
