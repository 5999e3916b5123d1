/**
 * Walks the audit chain from the first entry to the head in batches, yielding
 * to the event loop between them, so a long log (millions of entries) never
 * blocks the process for more than one batch (issue #9 item 2,
 * docs/audit-filters.md). Reports progress after each batch and stops at the
 * next batch when its AbortSignal fires.
 */
import type { AuditVerifyResult } from '../../contract/types';
import type { Db } from '../db/types';
import { GENESIS_HASH, entryHash } from './entry-hash';
import type { AuditRow } from './audit-row';

export interface ChainWalkOptions {
  /** Called after each batch with the entries checked so far and the entries up to the head when the walk began. */
  onProgress?: (done: number, total: number) => void;
  /** Cancels the walk at the next batch boundary. */
  signal?: AbortSignal;
  /** Entries per batch; the default is some 15 ms of reading and hashing on a quiet machine (bench/audit-scale.ts). */
  batchSize?: number;
}

export const DEFAULT_WALK_BATCH = 5_000;

export type ChainWalkResult = AuditVerifyResult | { cancelled: true; entriesChecked: number };


const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Checks every entry up to the head as it was when the walk began: entries
 * appended meanwhile are the next verify's. The log is append-only, so the
 * batches together read the same rows one long read would have.
 */
export async function walkChain(db: Db, opts: ChainWalkOptions = {}): Promise<ChainWalkResult> {
  const batchSize = opts.batchSize ?? DEFAULT_WALK_BATCH;
  const head = (db.prepare('SELECT MAX(seq) AS seq FROM audit_log').get() as { seq: number | null }).seq ?? 0;
  const batchStmt = db.prepare('SELECT * FROM audit_log WHERE seq > @after AND seq <= @head ORDER BY seq LIMIT @batchSize');
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  let after = 0;
  for (;;) {
    // A vault locked part way (its database closed) ends the walk as a cancel does: nothing was proven either way.
    if (opts.signal?.aborted || !db.open) return { cancelled: true, entriesChecked: checked };
    const rows = batchStmt.all({ after, head, batchSize }) as AuditRow[];
    for (const r of rows) {
      const broken = (problem: string): AuditVerifyResult => ({ ok: false, entriesChecked: checked, firstBrokenSeq: r.seq, problem });
      if (r.seq !== expectedSeq) return broken(`entries before #${r.seq} are missing`);
      if (r.prev_hash !== prevHash) return broken('it does not follow on from the entry before it');
      const fields = {
        seq: r.seq,
        at: r.at,
        staffId: r.staff_id,
        action: r.action,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        detail: r.detail,
      };
      if (entryHash(prevHash, fields) !== r.hash) return broken('its contents have been altered');
      prevHash = r.hash;
      expectedSeq++;
      checked++;
    }
    opts.onProgress?.(checked, head);
    const last = rows.at(-1);
    if (!last || last.seq >= head) break;
    after = last.seq;
    await yieldToEventLoop();
  }
  return { ok: true, entriesChecked: checked, firstBrokenSeq: null, problem: null };
}
