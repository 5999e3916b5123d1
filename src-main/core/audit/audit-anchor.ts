/**
 * Checks the audit log against its signed checkpoints, and writes new ones
 * (docs/audit-anchoring.md). Two depths:
 *
 * - `quick` (every unlock): the append-only triggers are as migrated; the
 *   newest checkpoints in the database and in audit-anchor.json are validly
 *   signed; the file holds none newer than the database; the entry at the
 *   newest checkpoint's seq has the signed hash (which covers every entry
 *   before it); and seqs 1..that seq are all present (a count and a range over
 *   the primary key, not a walk).
 * - `full` (verify): the same over every checkpoint, beside AuditLog's walk of
 *   the whole chain up to the head.
 *
 * Every problem names the first sequence number that can no longer be
 * trusted (or, for a trigger, the trigger).
 */
import type { KeyObject } from 'node:crypto';
import { formatUkInstantDate } from '../../contract/uk-formats';
import type { Clock } from '../platform/ports';
import type { Db } from '../db/types';
import { durableTransaction } from '../db/durable-transaction';
import { readGeneration } from './generation';
import { type AuditCheckpoint, checkpointSignedBy, newerFirst, signCheckpoint } from './checkpoint';
import { ANCHOR_FILE_KEEPS, type AnchorFileRead, databaseCheckpoints, insertCheckpoint, readAnchorFile, writeAnchorFile } from './checkpoint-store';
import { auditTriggerProblems } from './audit-triggers';

export interface AuditAnchorOptions {
  vaultId: string;
  /** Checks checkpoints; every session has it. */
  publicKey: KeyObject;
  /** Signs checkpoints; owner and recovery sessions only (src-main/core/crypto/vault-keys.ts). */
  signingKey: KeyObject | null;
  /** audit-anchor.json in the vault folder. */
  anchorFile: string;
}

export interface AnchorFinding {
  /** The first entry that can no longer be trusted; null for a problem that is not about one entry (a trigger). */
  seq: number | null;
  problem: string;
}

export interface AnchorReport {
  ok: boolean;
  findings: AnchorFinding[];
  /** The newest validly signed checkpoint the log was checked against. */
  anchor: AuditCheckpoint | null;
}

/** The first bad seq across findings (numbered ones first), and every problem as one sentence. */
export function summariseFindings(findings: readonly AnchorFinding[]): { firstBrokenSeq: number | null; problem: string | null } {
  if (findings.length === 0) return { firstBrokenSeq: null, problem: null };
  const seqs = findings.map((f) => f.seq).filter((s): s is number => s !== null);
  const ordered = [...findings].sort((a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity));
  const text = [...new Set(ordered.map((f) => f.problem))].join('; ');
  return { firstBrokenSeq: seqs.length ? Math.min(...seqs) : null, problem: `${text.charAt(0).toUpperCase()}${text.slice(1)}.` };
}

/** How many of the database's checkpoints an unlock looks at: the newest few, as the file does. */
const QUICK_DATABASE_CHECKPOINTS = ANCHOR_FILE_KEEPS;

const dated = (c: AuditCheckpoint) => {
  try {
    return `signed ${formatUkInstantDate(c.at)}`;
  } catch {
    return 'signed';
  }
};

export class AuditAnchor {
  private readonly hashAtStmt;
  private readonly countStmt;
  private readonly minStmt;
  private readonly maxStmt;
  private readonly headStmt;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly opts: AuditAnchorOptions,
  ) {
    this.hashAtStmt = db.prepare('SELECT hash FROM audit_log WHERE seq = ?');
    // Three statements, not one: min() and max() alone are single index seeks, and a bare
    // count(*) is answered from the narrowest index (audit_log_seq_only, migration 0006).
    this.countStmt = db.prepare('SELECT count(*) AS n FROM audit_log').pluck();
    this.minStmt = db.prepare('SELECT min(seq) FROM audit_log').pluck();
    this.maxStmt = db.prepare('SELECT max(seq) FROM audit_log').pluck();
    this.headStmt = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  }

  get canSign(): boolean {
    return this.opts.signingKey !== null;
  }

  /**
   * `withOutside: false` leaves audit-anchor.json out: after an older database
   * has been detected (src-main/core/vault/vault-trust.ts), its newer
   * checkpoints are expected not to match, and the owner is asked about the
   * database as a whole instead.
   */
  check(depth: 'quick' | 'full', opts: { withOutside?: boolean; alsoOutside?: readonly AuditCheckpoint[] } = {}): AnchorReport {
    const findings: AnchorFinding[] = auditTriggerProblems(this.db).map((problem) => ({ seq: null, problem }));
    const inDatabase = databaseCheckpoints(this.db, depth === 'quick' ? QUICK_DATABASE_CHECKPOINTS : undefined);
    const file: AnchorFileRead = opts.withOutside === false ? { ok: true, checkpoints: [] } : readAnchorFile(this.opts.anchorFile);
    if (!file.ok) findings.push({ seq: null, problem: file.problem });
    // Other copies kept outside the database (the rollback records' checkpoints, src-main/core/audit/generation.ts).
    const outside = [...(file.ok ? file.checkpoints : []), ...(opts.withOutside === false ? [] : (opts.alsoOutside ?? []))];

    const signed = (list: AuditCheckpoint[]) =>
      list.filter((c) => {
        if (checkpointSignedBy(c, this.opts.vaultId, this.opts.publicKey)) return true;
        const seq = Number.isSafeInteger(c?.seq) && c.seq > 0 ? c.seq : null;
        findings.push({ seq, problem: `the checkpoint for entry #${seq ?? '?'} is not signed by this vault's owner key` });
        return false;
      });
    const validDatabase = signed(inDatabase).sort(newerFirst);
    const validOutside = signed(outside).sort(newerFirst);

    const newestDb = validDatabase[0];
    const newestOutside = validOutside[0];
    if (newestOutside && (!newestDb || newerFirst(newestOutside, newestDb) < 0)) {
      findings.push({
        seq: newestOutside.seq,
        problem: `the checkpoint for entry #${newestOutside.seq} (${dated(newestOutside)}) is missing from the database, which may have been replaced by an older copy`,
      });
    }
    const anchor = [newestDb, newestOutside].filter((c): c is AuditCheckpoint => !!c).sort(newerFirst)[0] ?? null;
    if (anchor) {
      const entryFinding = this.checkEntriesUpTo(anchor, [...validOutside, ...(depth === 'quick' ? [] : validDatabase)]);
      if (entryFinding) findings.push(entryFinding);
    }
    return { ok: findings.length === 0, findings, anchor };
  }

  /**
   * Seqs 1..anchor.seq all present, and the entry at anchor.seq has the signed
   * hash. When all is well: the log is exactly 1..head (count = max, min = 1,
   * head ≥ anchor), which covers 1..anchor, plus one lookup of the hash.
   */
  private checkEntriesUpTo(anchor: AuditCheckpoint, known: AuditCheckpoint[]): AnchorFinding | null {
    const count = this.countStmt.get() as number;
    const lo = this.minStmt.get() as number | null;
    const hi = this.maxStmt.get() as number | null;
    const complete = lo === 1 && hi !== null && count === hi && hi >= anchor.seq;
    if (complete && this.hashAt(anchor.seq) === anchor.hash) return null;

    // Something is wrong: now it is worth reading every checkpoint to say where.
    const all = [...known, anchor, ...databaseCheckpoints(this.db).filter((c) => checkpointSignedBy(c, this.opts.vaultId, this.opts.publicKey))];
    const ascending = [...new Map(all.map((c) => [c.signature, c])).values()].sort((a, b) => a.seq - b.seq || a.generation - b.generation);
    const firstMismatch = ascending.find((c) => this.hashAt(c.seq) !== c.hash);
    if (!firstMismatch) {
      // Every checkpointed entry is intact, so an entry between them was removed.
      const missing = this.firstMissingSeq(1, hi ?? anchor.seq);
      if (missing > (hi ?? anchor.seq)) return { seq: lo ?? 1, problem: `entries have been inserted into the audit log before #${lo ?? 1}` };
      if (missing > anchor.seq) return { seq: missing, problem: `entry #${missing} has been removed from the audit log` };
      return { seq: missing, problem: `entry #${missing} has been removed from the audit log (the checkpoint for #${anchor.seq}, ${dated(anchor)}, includes it)` };
    }
    const lastGood = ascending.filter((c) => c.seq < firstMismatch.seq && this.hashAt(c.seq) === c.hash).at(-1)?.seq ?? 0;
    const missing = this.firstMissingSeq(lastGood + 1, firstMismatch.seq);
    if (missing <= firstMismatch.seq) {
      return { seq: missing, problem: `entry #${missing} has been removed from the audit log (the checkpoint for #${firstMismatch.seq}, ${dated(firstMismatch)}, includes it)` };
    }
    // Rewritten with recomputed hashes: the change lies after the last checkpoint that still matches.
    const from = lastGood + 1;
    const which = from === firstMismatch.seq ? `entry #${from} has` : `an entry from #${from} to #${firstMismatch.seq} has`;
    return { seq: from, problem: `${which} been changed since it was signed (${dated(firstMismatch)})` };
  }

  private hashAt(seq: number): string | undefined {
    return (this.hashAtStmt.get(seq) as { hash: string } | undefined)?.hash;
  }

  /** Only on the failure path: walks the seqs in [from, to] (not the rows' contents) for the first gap; to + 1 if none. */
  private firstMissingSeq(from: number, to: number): number {
    let expected = from;
    const seqs = this.db.prepare('SELECT seq FROM audit_log WHERE seq BETWEEN ? AND ? ORDER BY seq').iterate(from, to) as IterableIterator<{ seq: number }>;
    for (const r of seqs) {
      if (r.seq !== expected) return expected;
      expected++;
    }
    return expected;
  }

  /**
   * Signs the current head and stores it in the database. Call inside a
   * durable transaction; then `saveOutside` the result once it has committed,
   * so the file never vouches for a checkpoint the database lost.
   */
  checkpointHeadInTransaction(generation: number): AuditCheckpoint | null {
    if (!this.opts.signingKey) return null;
    const head = this.headStmt.get() as { seq: number; hash: string } | undefined;
    if (!head) return null;
    const cp = signCheckpoint(
      { vaultId: this.opts.vaultId, seq: head.seq, hash: head.hash, at: this.clock.now().toISOString(), generation },
      this.opts.signingKey,
    );
    insertCheckpoint(this.db, cp);
    return cp;
  }

  /** Adds a committed checkpoint to audit-anchor.json, keeping the newest few that are validly signed. */
  saveOutside(cp: AuditCheckpoint): void {
    const file = readAnchorFile(this.opts.anchorFile);
    const kept = (file.ok ? file.checkpoints : []).filter((c) => checkpointSignedBy(c, this.opts.vaultId, this.opts.publicKey));
    writeAnchorFile(this.opts.anchorFile, [cp, ...kept]);
  }

  /**
   * After the owner accepts an older database: the file's checkpoints from the
   * newer one that was replaced can never match again, so it is rewritten from
   * this database's own checkpoints. Returns the newest seq that was dropped.
   */
  resetOutsideToDatabase(): number | null {
    const file = readAnchorFile(this.opts.anchorFile);
    const fromDb = databaseCheckpoints(this.db, ANCHOR_FILE_KEEPS).filter((c) => checkpointSignedBy(c, this.opts.vaultId, this.opts.publicKey));
    const kept = new Set(fromDb.map((c) => c.signature));
    const dropped = (file.ok ? file.checkpoints : [])
      .filter((c) => !kept.has(c.signature))
      .map((c) => c.seq)
      .filter((s) => Number.isSafeInteger(s));
    writeAnchorFile(this.opts.anchorFile, fromDb);
    return dropped.length ? Math.max(...dropped) : null;
  }

  /** The database's newest validly signed checkpoint, for the rollback records to carry. */
  newestInDatabase(): AuditCheckpoint | null {
    return databaseCheckpoints(this.db, ANCHOR_FILE_KEEPS).find((c) => checkpointSignedBy(c, this.opts.vaultId, this.opts.publicKey)) ?? null;
  }

  /** A checkpoint at the head now, at the database's current generation (verify, backup). */
  checkpointNow(): AuditCheckpoint | null {
    if (!this.canSign) return null;
    const cp = durableTransaction(this.db, () => this.checkpointHeadInTransaction(readGeneration(this.db)));
    if (cp) this.saveOutside(cp);
    return cp;
  }
}
