/**
 * The audit chain's hash: each entry's hash covers the previous entry's hash
 * and every stored field of this one, so editing, inserting or deleting any
 * entry breaks every hash after it.
 */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface HashedFields {
  seq: number;
  at: string;
  staffId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  /** The stored JSON text, exactly as kept in the row. */
  detail: string | null;
}

export function entryHash(prevHash: string, e: HashedFields): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(JSON.stringify([e.seq, e.at, e.staffId, e.action, e.subjectType, e.subjectId, e.detail]))
    .digest('hex');
}
