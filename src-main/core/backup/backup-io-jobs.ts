/**
 * The jobs a backup file thread (backup-io-worker.ts) takes and what each
 * answers, shared by the thread and the pool that sends them (hash-pool.ts).
 */

export type IoJob =
  | { op: 'hash'; path: string }
  | { op: 'copy'; from: string; temp: string }
  | {
      op: 'chunk';
      path: string;
      offset: number;
      length: number;
      /** The set's blob store: a piece already there under its SHA-256 is not written again. */
      blobsDir: string;
      temp: string;
    }
  | { op: 'settle'; temp: string; target: string; size: number; sha256: string };

export type FileHash = { size: number; sha256: string } | { missing: true };
/** What copy() answers: the size and SHA-256 of what was read and written. */
export type FileCopy = { size: number; sha256: string } | { missing: true };
/** A database piece: its SHA-256; `stored` when it was written to its temp name (to be settled at `target`). */
export type ChunkResult = { sha256: string; stored: false } | { sha256: string; stored: true; temp: string; target: string };
/** A settle: false when the bytes read back are not the ones written (the temp file is removed). */
export type SettleResult = { ok: boolean };
