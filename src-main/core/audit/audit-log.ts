/**
 * The append-only, hash-chained audit log. It records who did what to which
 * record and when: staff id, action, subject id. Never a client's name or
 * health data (docs/compliance.md "Security and accountability"): detail holds ids, counts and flags.
 */
import type { AuditEntry, AuditPage, AuditVerifyResult } from '../../shared/types';
import type { Clock } from '../ports';
import type { Db } from '../db/types';
import { GENESIS_HASH, entryHash } from './entry-hash';
import { addDays, londonMidnightUtc } from '../time/london-time';
import { AuditAnchor, type AuditAnchorOptions, summariseFindings } from './audit-anchor';

export type AuditDetail = Record<string, string | number | boolean | null>;

export interface AuditEvent {
  staffId: string | null;
  action: string;
  subjectType?: string | null;
  subjectId?: string | null;
  detail?: AuditDetail | null;
  /** For events that happened earlier (failed sign-ins seen while locked). */
  at?: string;
}

export interface AuditFilter {
  limit: number;
  beforeSeq?: number;
  action?: string;
  staffId?: string;
  subjectId?: string;
  /** YYYY-MM-DD, a London calendar day, inclusive. */
  from?: string;
  /** YYYY-MM-DD, a London calendar day, inclusive. */
  to?: string;
}

interface AuditRow {
  seq: number;
  at: string;
  staff_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  detail: string | null;
  prev_hash: string;
  hash: string;
}

/** Detail values are short ids, counts and flags; a long string would suggest someone logged free text. */
const MAX_DETAIL_STRING = 120;

function checkDetail(detail: AuditDetail): void {
  for (const [k, v] of Object.entries(detail)) {
    if (typeof v === 'string' && v.length > MAX_DETAIL_STRING) {
      throw new Error(`audit detail "${k}" is too long to be an id`);
    }
  }
}

export class AuditLog {
  private readonly lastStmt;
  private readonly insertStmt;
  /** Built once: better-sqlite3 transaction wrappers are not free to create per call. */
  private readonly appendTx: (event: AuditEvent) => number;
  /** Signed checkpoints of the chain head (docs/audit-anchoring.md); null only for a log opened without the vault's keys. */
  readonly anchor: AuditAnchor | null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    anchor?: AuditAnchorOptions,
  ) {
    this.anchor = anchor ? new AuditAnchor(db, clock, anchor) : null;
    this.lastStmt = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    this.insertStmt = db.prepare(
      `INSERT INTO audit_log (seq, at, staff_id, action, subject_type, subject_id, detail, prev_hash, hash)
       VALUES (@seq, @at, @staffId, @action, @subjectType, @subjectId, @detail, @prevHash, @hash)`,
    );
    this.appendTx = db.transaction((event: AuditEvent) => this.appendOne(event));
  }

  /**
   * Appends one entry and returns its sequence number. Reads the chain head in
   * the same transaction as the insert, so an append inside a caller's
   * transaction that is rolled back leaves the chain as it was.
   */
  append(event: AuditEvent): number {
    if (event.detail) checkDetail(event.detail);
    return this.appendTx(event);
  }

  /** Reads the chain head and inserts, inside appendTx's transaction. */
  private appendOne(event: AuditEvent): number {
    const last = this.lastStmt.get() as { seq: number; hash: string } | undefined;
    const fields = {
      seq: (last?.seq ?? 0) + 1,
      at: event.at ?? this.clock.now().toISOString(),
      staffId: event.staffId,
      action: event.action,
      subjectType: event.subjectType ?? null,
      subjectId: event.subjectId ?? null,
      detail: event.detail ? JSON.stringify(event.detail) : null,
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    this.insertStmt.run({ ...fields, prevHash, hash: entryHash(prevHash, fields) });
    return fields.seq;
  }

  list(filter: AuditFilter): AuditPage {
    const where: string[] = [];
    const params: Record<string, string | number> = { limit: filter.limit + 1 };
    if (filter.beforeSeq !== undefined) {
      where.push('a.seq < @beforeSeq');
      params.beforeSeq = filter.beforeSeq;
    }
    if (filter.action) {
      // A prefix such as "session." matches every session action.
      where.push(filter.action.endsWith('.') ? 'a.action LIKE @action' : 'a.action = @action');
      params.action = filter.action.endsWith('.') ? `${filter.action}%` : filter.action;
    }
    if (filter.staffId) {
      where.push('a.staff_id = @staffId');
      params.staffId = filter.staffId;
    }
    if (filter.subjectId) {
      where.push('a.subject_id = @subjectId');
      params.subjectId = filter.subjectId;
    }
    if (filter.from) {
      where.push('a.at >= @from');
      params.from = londonMidnightUtc(filter.from).toISOString();
    }
    if (filter.to) {
      where.push('a.at < @to');
      params.to = londonMidnightUtc(addDays(filter.to, 1)).toISOString();
    }
    const rows = this.db
      .prepare(
        `SELECT a.*, s.display_name AS staff_name FROM audit_log a
         LEFT JOIN staff s ON s.id = a.staff_id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY a.seq DESC LIMIT @limit`,
      )
      .all(params) as (AuditRow & { staff_name: string | null })[];
    const page = rows.slice(0, filter.limit);
    return {
      entries: page.map(
        (r): AuditEntry => ({
          seq: r.seq,
          at: r.at,
          staffId: r.staff_id,
          staffName: r.staff_name,
          action: r.action,
          subjectType: r.subject_type,
          subjectId: r.subject_id,
          detail: r.detail ? (JSON.parse(r.detail) as AuditEntry['detail']) : null,
        }),
      ),
      nextBeforeSeq: rows.length > filter.limit ? (page.at(-1)?.seq ?? null) : null,
    };
  }

  /**
   * Walks the whole chain, checks it against every signed checkpoint, and names
   * the first entry that does not fit. When all is well and this session can
   * sign (the owner), the head it just checked becomes a new checkpoint.
   */
  verify(): AuditVerifyResult {
    const walk = this.walkChain();
    if (!this.anchor) return walk;
    const report = this.anchor.check('full');
    const anchoredToSeq = report.anchor?.seq ?? null;
    if (walk.ok && report.ok) {
      this.anchor.checkpointNow();
      return { ...walk, anchoredToSeq };
    }
    // One list of findings, the chain walk's among them, so the first bad entry is named whichever check found it.
    const findings = report.findings.slice();
    if (!walk.ok) findings.push({ seq: walk.firstBrokenSeq, problem: `the chain breaks at entry #${walk.firstBrokenSeq}: ${walk.problem}` });
    const { firstBrokenSeq, problem } = summariseFindings(findings);
    return {
      ok: false,
      entriesChecked: walk.entriesChecked,
      firstBrokenSeq,
      problem,
      anchoredToSeq,
    };
  }

  /** Walks the whole chain and names the first entry that does not fit. */
  private walkChain(): AuditVerifyResult {
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    let checked = 0;
    for (const r of this.db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
      const broken = (problem: string): AuditVerifyResult => ({
        ok: false,
        entriesChecked: checked,
        firstBrokenSeq: r.seq,
        problem,
      });
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
    return { ok: true, entriesChecked: checked, firstBrokenSeq: null, problem: null };
  }
}
