/**
 * Where checkpoints are kept: every one in the database (audit_checkpoints,
 * migration 0006), and the newest few in `audit-anchor.json` in the vault
 * folder, outside the database, so deleting checkpoint rows, or putting back an
 * older vault.db, leaves a signed checkpoint the database no longer has.
 */
import { readFileSync } from 'node:fs';
import type { Db } from '../db/types';
import { writeFileAtomicSync } from '../platform/atomic-file';
import type { AuditCheckpoint } from './checkpoint';
import { newerFirst } from './checkpoint';

/** How many checkpoints the anchor file keeps: enough to survive a few bad ones, small enough to read at every unlock. */
export const ANCHOR_FILE_KEEPS = 8;

const FORMAT = 'clinic-vault-audit-anchor';

interface CheckpointRow {
  vault_id: string;
  seq: number;
  hash: string;
  at: string;
  generation: number;
  signature: string;
}

const fromRow = (r: CheckpointRow): AuditCheckpoint => ({
  vaultId: r.vault_id,
  seq: r.seq,
  hash: r.hash,
  at: r.at,
  generation: r.generation,
  signature: r.signature,
});

export function insertCheckpoint(db: Db, c: AuditCheckpoint): void {
  db.prepare(
    `INSERT INTO audit_checkpoints (vault_id, seq, hash, at, generation, signature)
     VALUES (@vaultId, @seq, @hash, @at, @generation, @signature)`,
  ).run(c);
}

/** The database's newest checkpoints (by sequence number), newest first; all of them without a limit. */
export function databaseCheckpoints(db: Db, limit?: number): AuditCheckpoint[] {
  const rows = db
    // Ordered as the seq index stores it (seq, then rowid), so the newest few are read without sorting the table.
    .prepare(`SELECT * FROM audit_checkpoints ORDER BY seq DESC, id DESC ${limit ? 'LIMIT @limit' : ''}`)
    .all(limit ? { limit } : {}) as CheckpointRow[];
  return rows.map(fromRow);
}

export type AnchorFileRead = { ok: true; checkpoints: AuditCheckpoint[] } | { ok: false; problem: string };

/** A missing file is an empty list (a vault from before checkpoints); an unreadable one is a problem to report. */
export function readAnchorFile(path: string): AnchorFileRead {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, checkpoints: [] };
    return { ok: false, problem: 'the audit anchor file (audit-anchor.json) cannot be read' };
  }
  try {
    const parsed = JSON.parse(text) as { format?: unknown; checkpoints?: unknown };
    if (parsed.format !== FORMAT || !Array.isArray(parsed.checkpoints)) throw new Error('not an anchor file');
    return { ok: true, checkpoints: parsed.checkpoints as AuditCheckpoint[] };
  } catch {
    return { ok: false, problem: 'the audit anchor file (audit-anchor.json) has been damaged or replaced' };
  }
}

/** Writes the newest ANCHOR_FILE_KEEPS checkpoints atomically (a reader sees the old file or the new one). */
export function writeAnchorFile(path: string, checkpoints: readonly AuditCheckpoint[]): void {
  const unique = new Map(checkpoints.map((c) => [c.signature, c]));
  const keep = [...unique.values()].sort(newerFirst).slice(0, ANCHOR_FILE_KEEPS);
  writeFileAtomicSync(path, `${JSON.stringify({ format: FORMAT, version: 1, checkpoints: keep }, null, 2)}\n`);
}
