/**
 * The append-only, hash-chained audit log. It records who did what to which
 * record and when: staff id, action, subject id. Never a client's name or
 * health data (docs/compliance.md "Security and accountability"): detail holds ids, counts and flags.
 */
import type { AuditEntry, AuditPage, AuditVerifyResult } from '../../contract/types';
import type { Clock } from '../platform/ports';
import type { Db } from '../db/types';
import { GENESIS_HASH, entryHash } from './entry-hash';
import { AuditAnchor, type AuditAnchorOptions, summariseFindings } from './audit-anchor';
import { AuditQuery, type AuditFilter } from './audit-query';
import { AuditTimeOrder } from './audit-time-order';
import { type ChainWalkOptions, walkChain } from './chain-walk';
import type { AuditRow } from './audit-row';
import type { AuditAction } from '../../contract/audit-actions';

export type { AuditFilter } from './audit-query';
export type AuditVerifyOptions = ChainWalkOptions;

export type AuditDetail = Record<string, string | number | boolean | null>;

export interface AuditEvent {
  staffId: string | null;
  /** One of the listed actions (src-main/contract/audit-actions.ts), so the viewer has a label for it. */
  action: AuditAction;
  subjectType?: string | null;
  subjectId?: string | null;
  detail?: AuditDetail | null;
  /** For events that happened earlier (failed sign-ins seen while locked). */
  at?: string;
}

interface AuditRowWithName extends AuditRow {
  staff_name: string | null;
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

/** The client an entry concerns: its subject, or (a treatment or photo viewed) the clientId in its detail. */
function clientIdOf(subjectType: string | null, subjectId: string | null, detail: AuditEntry['detail']): string | null {
  if (subjectType === 'client') return subjectId;
  const fromDetail = detail?.clientId;
  return typeof fromDetail === 'string' ? fromDetail : null;
}

export class AuditLog {
  private readonly lastStmt;
  private readonly insertStmt;
  /** Built once: better-sqlite3 transaction wrappers are not free to create per call. */
  private readonly appendTx: (event: AuditEvent) => number;
  /** Signed checkpoints of the chain head (docs/audit-anchoring.md); null only for a log opened without the vault's keys. */
  readonly anchor: AuditAnchor | null;
  private readonly query: AuditQuery;
  private readonly timeOrder: AuditTimeOrder;
  private readonly pageRowsStmt;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    anchor?: AuditAnchorOptions,
  ) {
    this.anchor = anchor ? new AuditAnchor(db, clock, anchor) : null;
    this.lastStmt = db.prepare('SELECT seq, hash, at FROM audit_log ORDER BY seq DESC LIMIT 1');
    this.insertStmt = db.prepare(
      `INSERT INTO audit_log (seq, at, staff_id, action, subject_type, subject_id, detail, prev_hash, hash)
       VALUES (@seq, @at, @staffId, @action, @subjectType, @subjectId, @detail, @prevHash, @hash)`,
    );
    this.appendTx = db.transaction((event: AuditEvent) => this.appendOne(event));
    this.timeOrder = new AuditTimeOrder(db);
    this.query = new AuditQuery(db, this.timeOrder);
    this.pageRowsStmt = db.prepare(
      `SELECT a.*, s.display_name AS staff_name FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id
       WHERE a.seq IN (SELECT value FROM json_each(@seqs)) ORDER BY a.seq DESC`,
    );
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
    const last = this.lastStmt.get() as { seq: number; hash: string; at: string } | undefined;
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
    this.timeOrder.noteAppend(last, fields);
    return fields.seq;
  }

  /** A page of entries, newest first, through the filter's index (src-main/core/audit/audit-query.ts). */
  list(filter: AuditFilter): AuditPage {
    return this.pageOf(this.query.pageSeqs(filter), filter.limit);
  }

  /**
   * Entries about any of these subjects with one of these actions, newest first:
   * for "who has opened this record" (src-main/core/audit-viewer/record-openings.ts).
   */
  listAbout(subjectIds: readonly string[], actions: readonly string[], limit: number, beforeSeq?: number): AuditPage {
    return this.pageOf(this.query.aboutSeqs(subjectIds, actions, limit, beforeSeq), limit);
  }

  /** The lowest seq the filter's entries can have (its date range's start), for an export's progress. */
  seqFloor(filter: Omit<AuditFilter, 'limit'>): number {
    const bounds = this.query.seqBounds(filter);
    return bounds === 'unbounded' || bounds === null ? 1 : bounds.lo;
  }

  /** The rows of a page's seqs (one more than `limit` tells an older page exists). Names of clients are not read here. */
  private pageOf(seqs: number[], limit: number): AuditPage {
    const page = seqs.slice(0, limit);
    const rows = this.pageRowsStmt.all({ seqs: JSON.stringify(page) }) as AuditRowWithName[];
    return {
      entries: rows.map((r): AuditEntry => {
        const detail = r.detail ? (JSON.parse(r.detail) as AuditEntry['detail']) : null;
        return {
          seq: r.seq,
          at: r.at,
          staffId: r.staff_id,
          staffName: r.staff_name,
          action: r.action,
          subjectType: r.subject_type,
          subjectId: r.subject_id,
          detail,
          clientId: clientIdOf(r.subject_type, r.subject_id, detail),
          clientName: null,
          subjectName: null,
        };
      }),
      nextBeforeSeq: seqs.length > limit ? (page.at(-1) ?? null) : null,
    };
  }

  /**
   * Walks the whole chain in batches (src-main/core/audit/chain-walk.ts), checks
   * it against every signed checkpoint, and names the first entry that does not
   * fit. When all is well and this session can sign (the owner), the head it
   * just checked becomes a new checkpoint. A cancelled verify says so and
   * signs nothing: a checkpoint vouches only for a chain walked to its end.
   */
  async verify(opts: AuditVerifyOptions = {}): Promise<AuditVerifyResult> {
    const walk = await walkChain(this.db, opts);
    if ('cancelled' in walk) {
      return {
        ok: false,
        cancelled: true,
        entriesChecked: walk.entriesChecked,
        firstBrokenSeq: null,
        problem: 'The check was cancelled before it finished, so the log has not been checked.',
      };
    }
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
}
