/**
 * The audit viewer's filtered pages (issue #9 item 5, docs/audit-filters.md):
 * newest first, found through an index and stopped at the page size, never a
 * scan of the whole log. Staff and subject have their (column, seq) indexes
 * from migration 0001, action migration 0010's (action, seq); a date range
 * becomes the seq span its entries lie in. An action group ("session.") is each of its actions'
 * newest entries merged, because the index holds each action's entries in seq
 * order but a range of actions would need a sort of them all.
 */
import type { Db } from '../db/types';
import { addDays, londonMidnightUtc } from '../time/london-time';
import type { AuditTimeOrder, SeqSpan } from './audit-time-order';

export interface AuditFilter {
  limit: number;
  beforeSeq?: number;
  /** An action name, or an action group: a prefix ending in "." such as "session.". */
  action?: string;
  staffId?: string;
  subjectId?: string;
  /**
   * Entries about any of these records: a client and their treatments and photos
   * (src-main/core/audit/client-subjects.ts). A few hundred entries at most, read
   * through the subject index like subjectId.
   */
  subjectIds?: readonly string[];
  /** YYYY-MM-DD, a London calendar day, inclusive. */
  from?: string;
  /** YYYY-MM-DD, a London calendar day, inclusive. */
  to?: string;
}

type Params = Record<string, string | number>;

/** Stored times are UTC ISO-8601 text, so London days are a text range between two UTC instants. */
function timeRange(filter: Omit<AuditFilter, 'limit'>): { from?: string; to?: string } {
  return {
    ...(filter.from ? { from: londonMidnightUtc(filter.from).toISOString() } : {}),
    ...(filter.to ? { to: londonMidnightUtc(addDays(filter.to, 1)).toISOString() } : {}),
  };
}

/**
 * The conditions other than the action, shared by every per-action query of a
 * group. A unary + keeps SQLite off an index it would otherwise pick: a
 * subject has a few hundred entries at most, so its index is always the one to
 * read; and a date range is read as the seq span it covers (seqBounds).
 */
function commonConditions(filter: AuditFilter, seqs: SeqSpan | null): { where: string[]; params: Params } {
  const where: string[] = [];
  const params: Params = {};
  const bySubject = isBySubject(filter);
  if (filter.beforeSeq !== undefined) {
    where.push('seq < @beforeSeq');
    params.beforeSeq = filter.beforeSeq;
  }
  if (seqs) {
    where.push('seq BETWEEN @seqLo AND @seqHi');
    params.seqLo = seqs.lo;
    params.seqHi = seqs.hi;
  }
  if (filter.staffId) {
    where.push(bySubject ? '+staff_id = @staffId' : 'staff_id = @staffId');
    params.staffId = filter.staffId;
  }
  if (filter.subjectId) {
    where.push('subject_id = @subjectId');
    params.subjectId = filter.subjectId;
  }
  if (filter.subjectIds) {
    where.push('subject_id IN (SELECT value FROM json_each(@subjectIds))');
    params.subjectIds = JSON.stringify(filter.subjectIds);
  }
  const { from, to } = timeRange(filter);
  if (from) {
    where.push('+at >= @from');
    params.from = from;
  }
  if (to) {
    where.push('+at < @to');
    params.to = to;
  }
  return { where, params };
}

function isBySubject(filter: Omit<AuditFilter, 'limit'>): boolean {
  return Boolean(filter.subjectId) || filter.subjectIds !== undefined;
}

/**
 * The table as a page query reads it: with a list of subjects, SQLite could
 * otherwise walk the whole log newest first to skip the sort of a few hundred
 * entries, so the subject index is named.
 */
function fromClause(filter: Omit<AuditFilter, 'limit'>): string {
  return filter.subjectIds !== undefined ? 'audit_log INDEXED BY audit_by_subject' : 'audit_log';
}

/** The first text after every text that starts with `prefix` (its last character moved on by one). */
function afterPrefix(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

export class AuditQuery {
  private readonly statements = new Map<string, ReturnType<Db['prepare']>>();

  constructor(
    private readonly db: Db,
    private readonly timeOrder: AuditTimeOrder,
  ) {}

  private stmt(sql: string) {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /** The distinct actions in a group, one index seek each (a skip-scan of the action index). */
  actionsInGroup(prefix: string): string[] {
    const rows = this.stmt(
      `WITH RECURSIVE g(action) AS (
         SELECT (SELECT MIN(action) FROM audit_log WHERE action >= @lo AND action < @hi)
         UNION ALL
         SELECT (SELECT MIN(action) FROM audit_log WHERE action > g.action AND action < @hi) FROM g WHERE g.action IS NOT NULL
       ) SELECT action FROM g WHERE action IS NOT NULL`,
    ).all({ lo: prefix, hi: afterPrefix(prefix) }) as { action: string }[];
    return rows.map((r) => r.action);
  }

  /** The seq span of the date range (src-main/core/audit/audit-time-order.ts); 'unbounded' without dates. */
  seqBounds(filter: Omit<AuditFilter, 'limit'>): SeqSpan | null | 'unbounded' {
    const { from, to } = timeRange(filter);
    if (!from && !to) return 'unbounded';
    return this.timeOrder.seqSpan(from, to);
  }

  /**
   * The seqs of a page of entries about any of these subjects with one of these
   * actions (plus one), newest first. Each subject is read through its
   * (subject_id, seq) index; a client and its treatments and photos have a few
   * hundred entries between them, so they are merged and sorted here.
   */
  aboutSeqs(subjectIds: readonly string[], actions: readonly string[], limit: number, beforeSeq?: number): number[] {
    if (subjectIds.length === 0 || actions.length === 0) return [];
    const rows = this.stmt(
      `SELECT seq FROM audit_log INDEXED BY audit_by_subject
        WHERE subject_id IN (SELECT value FROM json_each(@subjects))
          AND +action IN (SELECT value FROM json_each(@actions))
          AND seq < @before
        ORDER BY seq DESC LIMIT @take`,
    ).all({
      subjects: JSON.stringify(subjectIds),
      actions: JSON.stringify(actions),
      before: beforeSeq ?? Number.MAX_SAFE_INTEGER,
      take: limit + 1,
    }) as { seq: number }[];
    return rows.map((r) => r.seq);
  }

  /** The seqs of one page (plus one, to tell whether an older page exists), newest first. */
  pageSeqs(filter: AuditFilter): number[] {
    const bounds = this.seqBounds(filter);
    if (bounds === null) return [];
    const { where, params } = commonConditions(filter, bounds === 'unbounded' ? null : bounds);
    const take = filter.limit + 1;
    const bySubject = isBySubject(filter);
    const from = fromClause(filter);
    const run = (action: string | undefined): number[] => {
      const conditions = action === undefined ? where : [...where, bySubject ? '+action = @action' : 'action = @action'];
      const sql = `SELECT seq FROM ${from} ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT @take`;
      const p: Params = action === undefined ? { ...params, take } : { ...params, take, action };
      return (this.stmt(sql).all(p) as { seq: number }[]).map((r) => r.seq);
    };
    if (!filter.action) return run(undefined);
    if (!filter.action.endsWith('.')) return run(filter.action);
    // A member of staff or a subject has far fewer entries than a busy action: read theirs, newest
    // first, and keep those in the group, rather than each action's entries looking for theirs.
    if (filter.staffId || bySubject) {
      const sql = `SELECT seq FROM ${from} WHERE ${[...where, '+action >= @lo', '+action < @hi'].join(' AND ')} ORDER BY seq DESC LIMIT @take`;
      return (this.stmt(sql).all({ ...params, take, lo: filter.action, hi: afterPrefix(filter.action) }) as { seq: number }[]).map((r) => r.seq);
    }
    const merged = this.actionsInGroup(filter.action).flatMap((a) => run(a));
    return merged.sort((a, b) => b - a).slice(0, take);
  }
}
