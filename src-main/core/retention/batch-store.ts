/**
 * Retention batches and their items in the vault (migration 0022). A batch
 * is written whole before its first client is touched, and each item turns
 * 'done' inside the transaction that destroys its client, so the items always
 * say exactly which clients are done and which are untouched.
 */
import type { RetentionActionCategory, RetentionBatch, RetentionBatchKind, RetentionBatchStatus } from '../../contract/retention-action-types';
import type { Db } from '../db/types';
import type { DestructionCategory } from '../destruction/categories';
import { ERROR_MESSAGES, type ErrorCode } from '../../contract/errors';

export interface BatchRow {
  id: string;
  kind: RetentionBatchKind;
  status: 'running' | 'stopped' | 'done';
  as_of: string;
  policy_version: number;
  started_at: string;
  started_by: string;
  finished_at: string | null;
}

export interface ItemRow {
  batch_id: string;
  seq: number;
  client_id: string;
  categories: string;
  state: 'pending' | 'done' | 'refused';
  destroyed: string;
  refusal: string | null;
  done_at: string | null;
}

export interface NewItem {
  clientId: string;
  categories: RetentionActionCategory[];
}

/** Batches running in this process now: a 'running' batch not listed here was interrupted (the app closed or crashed). */
const runningHere = new WeakMap<Db, Set<string>>();

export function runningSet(db: Db): Set<string> {
  let s = runningHere.get(db);
  if (!s) runningHere.set(db, (s = new Set()));
  return s;
}

export function insertBatch(db: Db, batch: BatchRow, items: readonly NewItem[]): void {
  db.prepare(
    `INSERT INTO retention_batches (id, kind, status, as_of, policy_version, started_at, started_by, finished_at)
     VALUES (@id, @kind, @status, @as_of, @policy_version, @started_at, @started_by, @finished_at)`,
  ).run(batch);
  const add = db.prepare(`INSERT INTO retention_batch_items (batch_id, seq, client_id, categories, state) VALUES (?, ?, ?, ?, 'pending')`);
  items.forEach((item, i) => add.run(batch.id, i + 1, item.clientId, JSON.stringify(item.categories)));
}

export function batchRow(db: Db, batchId: string): BatchRow | undefined {
  return db.prepare('SELECT * FROM retention_batches WHERE id = ?').get(batchId) as BatchRow | undefined;
}

export function pendingItems(db: Db, batchId: string): ItemRow[] {
  return db.prepare(`SELECT * FROM retention_batch_items WHERE batch_id = ? AND state = 'pending' ORDER BY seq`).all(batchId) as ItemRow[];
}

export function allItems(db: Db, batchId: string): ItemRow[] {
  return db.prepare('SELECT * FROM retention_batch_items WHERE batch_id = ? ORDER BY seq').all(batchId) as ItemRow[];
}

/** Called inside the client's destruction transaction: the item is done exactly when the client is. */
export function markItemDone(db: Db, batchId: string, seq: number, destroyed: readonly DestructionCategory[], at: string): void {
  db.prepare(`UPDATE retention_batch_items SET state = 'done', destroyed = ?, done_at = ? WHERE batch_id = ? AND seq = ?`).run(
    JSON.stringify(destroyed),
    at,
    batchId,
    seq,
  );
}

/** A client the destruction refused (a legal hold placed since the batch started, the client gone): left untouched. */
export function markItemRefused(db: Db, batchId: string, seq: number, code: ErrorCode, at: string): void {
  db.prepare(`UPDATE retention_batch_items SET state = 'refused', refusal = ?, done_at = ? WHERE batch_id = ? AND seq = ?`).run(code, at, batchId, seq);
}

export function setBatchStatus(db: Db, batchId: string, status: BatchRow['status'], finishedAt: string | null): void {
  db.prepare('UPDATE retention_batches SET status = ?, finished_at = ? WHERE id = ?').run(status, finishedAt, batchId);
}

function statusOf(db: Db, row: BatchRow): RetentionBatchStatus {
  if (row.status !== 'running') return row.status;
  return runningSet(db).has(row.id) ? 'running' : 'interrupted';
}

/** The batch as the screen and the CLI show it. */
export function batchView(db: Db, row: BatchRow): RetentionBatch {
  const items = allItems(db, row.id);
  const staff = db.prepare('SELECT display_name AS n FROM staff WHERE id = ?').get(row.started_by) as { n: string } | undefined;
  const cert = db.prepare('SELECT id FROM retention_certificates WHERE batch_id = ?').get(row.id) as { id: string } | undefined;
  const count = (s: ItemRow['state']) => items.filter((i) => i.state === s).length;
  return {
    id: row.id,
    kind: row.kind,
    status: statusOf(db, row),
    asOf: row.as_of,
    policyVersion: row.policy_version,
    startedAt: row.started_at,
    startedBy: row.started_by,
    startedByName: staff?.n ?? '',
    finishedAt: row.finished_at,
    total: items.length,
    done: count('done'),
    refused: count('refused'),
    pending: count('pending'),
    refusals: items
      .filter((i) => i.state === 'refused')
      .map((i) => ({ clientId: i.client_id, code: i.refusal ?? 'INTERNAL', message: ERROR_MESSAGES[(i.refusal ?? 'INTERNAL') as ErrorCode] ?? '' })),
    certificateId: cert?.id ?? null,
  };
}

export function listBatches(db: Db): RetentionBatch[] {
  const rows = db.prepare('SELECT * FROM retention_batches ORDER BY started_at DESC, id').all() as BatchRow[];
  return rows.map((r) => batchView(db, r));
}
