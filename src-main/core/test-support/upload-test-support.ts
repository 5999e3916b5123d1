/**
 * Test support (not shipped code) for uploads and photos: what is left in the
 * vault (file rows, staged rows, blobs on disk), and streamed sources that
 * count how much of themselves was read.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CoreApi } from '../app';
import type { Db } from '../db/types';

export function dbOf(api: CoreApi): Db {
  return api.core.requireSession().vault.db;
}

/** Every encrypted blob on disk (temp files of writes in progress included). */
export function blobFiles(vaultDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else found.push(join(dir, e.name));
    }
  };
  walk(join(vaultDir, 'blobs'));
  return found;
}

export interface VaultContents {
  files: number;
  staged: number;
  photos: number;
  blobs: number;
}

export function contents(api: CoreApi, vaultDir: string): VaultContents {
  const db = dbOf(api);
  const count = (table: string) =>
    (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    files: count('files'),
    staged: count('staged_uploads'),
    photos: count('photos'),
    blobs: blobFiles(vaultDir).length,
  };
}

/**
 * `totalBytes` of zeros in 1 MiB pieces, counting what was pulled and whether
 * the consumer closed it early. One buffer is reused, so the source itself holds
 * 1 MiB however large it claims to be.
 */
export function countingSource(totalBytes: number) {
  const piece = Buffer.alloc(1024 * 1024);
  const state = { pulled: 0, closed: false };
  async function* generate(): AsyncGenerator<Buffer> {
    try {
      while (state.pulled < totalBytes) {
        const n = Math.min(piece.length, totalBytes - state.pulled);
        state.pulled += n;
        yield piece.subarray(0, n);
      }
    } finally {
      state.closed = true;
    }
  }
  return { source: generate(), state };
}
