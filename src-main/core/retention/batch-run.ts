/**
 * Running a retention batch (issue #13 items 4-5): destroy or anonymise a
 * selection of clients, one client per transaction through the shared
 * mechanism (destruction/destroy-client.ts), with progress and Cancel.
 *
 * - Before anything is touched the whole selection is checked: owner, the
 *   typed confirmation, a plausible "today", no legal hold, every client still
 *   on file and due. A refusal there changes nothing.
 * - The batch and its items are written first; each item turns 'done' in the
 *   transaction that destroys its client. A Cancel, a crash or a killed
 *   process therefore leaves every client fully done or untouched, and
 *   `resumeBatch` carries on with the items still pending.
 * - Between clients the loop gives up the thread (setImmediate), so the core
 *   worker answers other calls and the Cancel promptly; one client takes
 *   milliseconds.
 * - A hold placed while the batch runs is still honoured: the mechanism
 *   refuses that client, which is marked refused and left as it is.
 */
import { AppError } from '../../contract/errors';
import { formatUkDate } from '../../contract/uk-formats';
import { londonToday } from '../../contract/field-schemas';
import type { RetentionActionCategory, RetentionBatch, RetentionBatchKind } from '../../contract/retention-action-types';
import { ANONYMISE_CONFIRMATION, DESTROY_CONFIRMATION } from '../../contract/retention-action-schemas';
import { DESTRUCTION_CATEGORIES, type DestructionCategory } from '../destruction/categories';
import { clientsInScope, holdsClinicalRecord } from '../destruction/client-scope';
import { destroyClientData } from '../destruction/destroy-client';
import type { CallContext } from '../platform/ports';
import { newId } from '../platform/ids';
import type { ServiceContext } from '../service/service-context';
import { treatmentStatisticsOf, writeTreatmentStatistics } from './anonymise';
import { displayNamesOf } from './queue-service';
import { clientRetentionFacts, currentPolicy, destructionCategoriesFor, queueRows, requireNoLegalHold, requirePlausibleToday } from './batch-deps';
import {
  type ItemRow,
  type NewItem,
  batchRow,
  batchView,
  insertBatch,
  markItemDone,
  markItemRefused,
  pendingItems,
  runningSet,
  setBatchStatus,
} from './batch-store';
import { issueCertificate } from './certificate-data';

const yieldThread = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The write-ahead log still holds the pages of destroyed clients as they were
 * until it is checkpointed and truncated. The mechanism does that after each
 * client; a batch does it every WAL_TRUNCATE_EVERY clients and when it ends
 * or stops, since each truncation costs an fsync, and at the start of a
 * resume (after a crash the log may still hold them). The checkpoint copies
 * every page the log holds back into the database, so its time grows with
 * the clients since the last one: a client writes some 200 pages, and five
 * clients' pages take a few tens of milliseconds, where 25 took over 100 ms
 * (bench/retention-actions.ts). Five also keeps the log under SQLite's own
 * checkpoint threshold (1,000 pages), which would otherwise run inside a
 * client's commit. It runs between clients, with the thread given up either side.
 */
const WAL_TRUNCATE_EVERY = 5;
const truncateWal = (ctx: ServiceContext) => ctx.db.pragma('wal_checkpoint(TRUNCATE)');

function requireOwner(ctx: ServiceContext): void {
  // The dispatcher checks records.destroy first; this is for any other caller of the service.
  if (ctx.actor.role !== 'owner') throw new AppError('FORBIDDEN');
}

function requireConfirmation(kind: RetentionBatchKind, typed: string): void {
  const word = kind === 'destroy' ? DESTROY_CONFIRMATION : ANONYMISE_CONFIRMATION;
  if (typed.trim().toUpperCase() !== word) {
    throw new AppError('RETENTION_CONFIRMATION', `Type ${word} to confirm. Nothing was changed.`, {
      issues: [{ field: 'confirm', message: `Type ${word} to confirm.` }],
    });
  }
}

function todayOf(ctx: ServiceContext, asOf: string | undefined): string {
  return asOf ?? londonToday(ctx.clock.now());
}

/**
 * The computer's date must not be earlier than the newest record (a clock set
 * back). A date given for "today" (--as-of) may be earlier than the computer's
 * date, which only makes fewer rows due (what was due then is due now), but
 * never later: that would destroy records before their retention date.
 */
function requirePlausibleDates(ctx: ServiceContext, asOf: string | undefined): void {
  const today = londonToday(ctx.clock.now());
  requirePlausibleToday(ctx.db, today);
  if (asOf && asOf > today) {
    const message = `A destruction cannot be run as of ${formatUkDate(asOf)}, which is after today (${formatUkDate(today)}): records would be destroyed before their retention date. Nothing was changed.`;
    throw new AppError('VALIDATION', message, { issues: [{ field: 'asOf', message }] });
  }
}

/** One item per client, its categories merged: each client is one transaction. */
function byClient(items: ReadonlyArray<{ clientId: string; category: RetentionActionCategory }>): NewItem[] {
  const map = new Map<string, Set<RetentionActionCategory>>();
  for (const i of items) {
    let set = map.get(i.clientId);
    if (!set) map.set(i.clientId, (set = new Set()));
    set.add(i.category);
  }
  return [...map].map(([clientId, cats]) => ({ clientId, categories: [...cats].sort() }));
}

/**
 * A closed subject request's record is kept in the requests register and goes
 * by its request id, not with a client's categories (destructionCategoriesFor
 * gives none): a batch refuses it rather than certify a destruction it did not do.
 */
function requireClientCategories(items: readonly NewItem[]): void {
  if (items.some((i) => i.categories.includes('requests'))) {
    throw new AppError('VALIDATION', 'Closed request records are not destroyed by a client batch. Leave them out of the selection. Nothing was changed.', {
      issues: [{ field: 'items', message: 'Leave out the rows of category requests.' }],
    });
  }
}

function requireOnFile(ctx: ServiceContext, items: readonly NewItem[]): void {
  const has = ctx.db.prepare('SELECT 1 FROM clients WHERE id = ?');
  const missing = items.filter((i) => !has.get(i.clientId)).length;
  if (missing > 0) {
    throw new AppError('NOT_FOUND', `${missing} of the selected clients are no longer on file (perhaps already destroyed). Refresh the retention queue and choose again. Nothing was changed.`);
  }
}

/**
 * Destroying a category needs its retention date to have passed (the queue's
 * 'passed' rows). Anonymising removes everything, so it needs the clinical
 * record's date passed, or, for a client never treated, the personal one.
 * The queue's rows are worked out for the selected clients only: the whole
 * clinic's queue would hold the thread for a second at 50,000 clients.
 */
function requireDue(ctx: ServiceContext, kind: RetentionBatchKind, items: readonly NewItem[], today: string): void {
  const facts = clientRetentionFacts(ctx.db, items.map((i) => i.clientId));
  const due = new Set(
    queueRows(facts, currentPolicy(ctx.db), today, 0)
      .filter((r) => r.due === 'passed')
      .map((r) => `${r.clientId}:${r.category}`),
  );
  const notDue = items.filter((item) => {
    if (kind === 'destroy') return item.categories.some((c) => !due.has(`${item.clientId}:${c}`));
    if (due.has(`${item.clientId}:clinical`)) return false;
    return !(due.has(`${item.clientId}:personal`) && !holdsClinicalRecord(ctx.db, clientsInScope(ctx.db, item.clientId)));
  }).length;
  if (notDue > 0) {
    throw new AppError(
      'RETENTION_NOT_DUE',
      `${notDue} of the selected clients ${notDue === 1 ? 'is' : 'are'} not due for ${kind === 'destroy' ? 'destruction' : 'anonymisation'} on ${today.split('-').reverse().join('/')}. Refresh the retention queue and choose again. Nothing was changed.`,
    );
  }
}

export interface StartInput {
  kind: RetentionBatchKind;
  items: ReadonlyArray<{ clientId: string; category: RetentionActionCategory }>;
  confirm: string;
  asOf?: string;
}

/** Checks the whole selection, writes the batch, and runs it to its end or its Cancel. */
export async function startBatch(ctx: ServiceContext, input: StartInput): Promise<RetentionBatch> {
  requireOwner(ctx);
  requireConfirmation(input.kind, input.confirm);
  const today = todayOf(ctx, input.asOf);
  requirePlausibleDates(ctx, input.asOf);
  const items = byClient(input.items);
  requireClientCategories(items);
  requireOnFile(ctx, items);
  // The hold's own message names it (kind, reason, who placed it), and the owner is told whose it is:
  // the first held client stops the batch.
  for (const item of items) {
    try {
      requireNoLegalHold(ctx.db, item.clientId);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'LEGAL_HOLD') throw err;
      const name = displayNamesOf(ctx.db, [item.clientId]).get(item.clientId) ?? item.clientId;
      throw new AppError('LEGAL_HOLD', `${name}: ${err.message} Untick them to run the batch for the others.`);
    }
  }
  requireDue(ctx, input.kind, items, today);
  const id = newId('rb');
  const policy = currentPolicy(ctx.db);
  ctx.db.transaction(() => {
    insertBatch(
      ctx.db,
      { id, kind: input.kind, status: 'running', as_of: today, policy_version: policy.version, started_at: ctx.clock.now().toISOString(), started_by: ctx.actor.id, finished_at: null },
      items,
    );
    ctx.audit.append({
      staffId: ctx.actor.id,
      action: 'retention.batch_started',
      subjectType: 'retention_batch',
      subjectId: id,
      detail: { kind: input.kind, clients: items.length, policyVersion: policy.version, asOf: today },
    });
  })();
  return runBatch(ctx, id);
}

/** Carries on with a stopped or interrupted batch's pending clients. */
export async function resumeBatch(ctx: ServiceContext, batchId: string, asOf?: string): Promise<RetentionBatch> {
  requireOwner(ctx);
  const row = batchRow(ctx.db, batchId);
  if (!row) throw new AppError('NOT_FOUND', 'That retention batch could not be found. Check the destruction log.');
  if (row.status === 'done') throw new AppError('RETENTION_BATCH_FINISHED');
  if (runningSet(ctx.db).has(batchId)) throw new AppError('RETENTION_BATCH_RUNNING');
  requirePlausibleDates(ctx, asOf);
  return runBatch(ctx, batchId);
}

/** The call as the mechanism sees it: its own step labels stay quiet, the batch reports clients instead. */
function quietCall(call: CallContext | undefined, onStop: () => void): CallContext | undefined {
  if (!call) return undefined;
  return {
    signal: call.signal,
    progress: () => undefined,
    throwIfStopped: () => {
      try {
        call.throwIfStopped();
      } catch (err) {
        onStop();
        throw err;
      }
    },
  };
}

function categoriesOf(item: ItemRow): DestructionCategory[] {
  const wanted = new Set((JSON.parse(item.categories) as RetentionActionCategory[]).flatMap((c) => destructionCategoriesFor(c)));
  return DESTRUCTION_CATEGORIES.filter((c) => wanted.has(c));
}

/** One client, one transaction: its item is marked done inside it. */
function runItem(ctx: ServiceContext, kind: RetentionBatchKind, item: ItemRow): void {
  const at = ctx.clock.now().toISOString();
  if (kind === 'destroy') {
    const categories = categoriesOf(item);
    destroyClientData(ctx, item.client_id, categories, {
      auditAction: 'retention.client_destroyed',
      truncateWal: false,
      alsoInTransaction: () => markItemDone(ctx.db, item.batch_id, item.seq, categories, at),
    });
    return;
  }
  const stats = treatmentStatisticsOf(ctx.db, clientsInScope(ctx.db, item.client_id));
  destroyClientData(ctx, item.client_id, DESTRUCTION_CATEGORIES, {
    auditAction: 'retention.client_anonymised',
    truncateWal: false,
    alsoInTransaction: () => {
      writeTreatmentStatistics(ctx.db, stats);
      markItemDone(ctx.db, item.batch_id, item.seq, DESTRUCTION_CATEGORIES, at);
    },
  });
}

/** Refusals the mechanism may give for one client; anything else stops the batch (and leaves it resumable). */
const REFUSALS = new Set(['LEGAL_HOLD', 'NOT_FOUND']);

async function runBatch(ctx: ServiceContext, batchId: string): Promise<RetentionBatch> {
  const db = ctx.db;
  const running = runningSet(db);
  running.add(batchId);
  try {
    const row = batchRow(db, batchId)!;
    setBatchStatus(db, batchId, 'running', null);
    const items = pendingItems(db, batchId);
    const total = (db.prepare('SELECT count(*) AS n FROM retention_batch_items WHERE batch_id = ?').get(batchId) as { n: number }).n;
    let done = total - items.length;
    let stopped = false;
    // The log may hold up to SQLite's 1,000 pages of earlier work: its truncation is a step of its own too.
    await yieldThread();
    truncateWal(ctx);
    await yieldThread();
    const itemCtx: ServiceContext = { ...ctx, call: quietCall(ctx.call, () => (stopped = true)) };
    const verb = row.kind === 'destroy' ? 'Destroying' : 'Anonymising';
    for (const item of items) {
      ctx.call?.progress({ done, total, label: `${verb} client ${done + 1} of ${total}` });
      try {
        itemCtx.call?.throwIfStopped();
        runItem(itemCtx, row.kind, item);
      } catch (err) {
        if (stopped) break;
        if (err instanceof AppError && REFUSALS.has(err.code)) markItemRefused(db, batchId, item.seq, err.code, ctx.clock.now().toISOString());
        else throw err;
      }
      done += 1;
      await yieldThread();
      if (done % WAL_TRUNCATE_EVERY === 0) {
        truncateWal(ctx);
        await yieldThread();
      }
    }
    truncateWal(ctx);
    if (stopped) {
      setBatchStatus(db, batchId, 'stopped', null);
      ctx.audit.append({ staffId: ctx.actor.id, action: 'retention.batch_stopped', subjectType: 'retention_batch', subjectId: batchId, detail: { done } });
      return batchView(db, batchRow(db, batchId)!);
    }
    const finishedAt = ctx.clock.now().toISOString();
    db.transaction(() => {
      setBatchStatus(db, batchId, 'done', finishedAt);
      issueCertificate(ctx, { ...row, status: 'done', finished_at: finishedAt }, finishedAt);
      ctx.audit.append({ staffId: ctx.actor.id, action: 'retention.batch_finished', subjectType: 'retention_batch', subjectId: batchId, detail: { clients: total } });
    })();
    ctx.call?.progress({ done: total, total, label: row.kind === 'destroy' ? 'Destroyed' : 'Anonymised' });
    return batchView(db, batchRow(db, batchId)!);
  } finally {
    running.delete(batchId);
  }
}
