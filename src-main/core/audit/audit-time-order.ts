/**
 * Finding a date range's entries by seq (docs/audit-filters.md). Entries are
 * appended in time order, so the log's times rise with seq, except for the few
 * entries dated earlier than some entry before them (a failed sign-in seen at
 * unlock, a clock put back). Those are listed in audit_out_of_order (migration
 * 0010) as they are appended; every other entry is "in order", and the
 * in-order entries' times never fall as seq rises, so a binary search over seq
 * finds where a time falls among them. This costs an append one read, not an
 * index write: an index on the time would add an encrypted page to every
 * append's commit.
 */
import type { Db } from '../db/types';

export interface SeqSpan {
  lo: number;
  hi: number;
}

function statements(db: Db) {
  return {
    isListed: db.prepare('SELECT 1 FROM audit_out_of_order WHERE seq = ?').pluck(),
    latestInOrder: db
      .prepare('SELECT at FROM audit_log a WHERE seq < ? AND NOT EXISTS (SELECT 1 FROM audit_out_of_order o WHERE o.seq = a.seq) ORDER BY seq DESC LIMIT 1')
      .pluck(),
    list: db.prepare('INSERT INTO audit_out_of_order (seq, at) VALUES (?, ?)'),
    firstInOrderFrom: db.prepare(
      'SELECT seq, at FROM audit_log a WHERE seq >= ? AND NOT EXISTS (SELECT 1 FROM audit_out_of_order o WHERE o.seq = a.seq) ORDER BY seq LIMIT 1',
    ),
    head: db.prepare('SELECT MAX(seq) FROM audit_log').pluck(),
    listedSpan: db.prepare('SELECT MIN(seq) AS lo, MAX(seq) AS hi FROM audit_out_of_order WHERE at >= @from AND at < @to'),
  };
}

export class AuditTimeOrder {
  private prepared: ReturnType<typeof statements> | null = null;

  constructor(private readonly db: Db) {}

  /** Prepared at first use, not at construction: code that reads an older database (migration tests) never needs them. */
  private get s(): ReturnType<typeof statements> {
    return (this.prepared ??= statements(this.db));
  }

  /**
   * Called inside the append's transaction with the entry before it: lists the
   * new entry if it is dated earlier than the latest time in the log (the time
   * of the last in-order entry).
   */
  noteAppend(prev: { seq: number; at: string } | undefined, entry: { seq: number; at: string }): void {
    if (!prev) return;
    const latest = this.s.isListed.get(prev.seq) ? ((this.s.latestInOrder.get(prev.seq) as string | undefined) ?? null) : prev.at;
    if (latest !== null && entry.at < latest) this.s.list.run(entry.seq, entry.at);
  }

  /** The first in-order entry at or after `fromSeq` whose time is at or after `at`, by binary search; head + 1 if none. */
  private firstInOrderAtOrAfter(at: string, head: number): number {
    let lo = 1;
    let hi = head + 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const row = this.s.firstInOrderFrom.get(mid) as { seq: number; at: string } | undefined;
      // No in-order entry from mid on, or the next one is already late enough: the answer is at or before it.
      if (!row || row.at >= at) hi = mid;
      else lo = row.seq + 1;
    }
    const row = this.s.firstInOrderFrom.get(lo) as { seq: number; at: string } | undefined;
    return row ? row.seq : head + 1;
  }

  /**
   * The lowest and highest seq any entry dated in [from, to) can have: the
   * in-order entries in the range lie between the two binary searches' answers,
   * and the listed ones are read from their own small table. Null when no
   * entry is dated in the range. Exact whatever the order: it is never
   * narrower than the true span.
   */
  seqSpan(from: string | undefined, to: string | undefined): SeqSpan | null {
    const head = (this.s.head.get() as number | null) ?? 0;
    if (head === 0) return null;
    const start = from ? this.firstInOrderAtOrAfter(from, head) : 1;
    const end = (to ? this.firstInOrderAtOrAfter(to, head) : head + 1) - 1;
    const listed = this.s.listedSpan.get({ from: from ?? '', to: to ?? '\uffff' }) as { lo: number | null; hi: number | null };
    const spans = [...(start <= end ? [{ lo: start, hi: end }] : []), ...(listed.lo !== null && listed.hi !== null ? [{ lo: listed.lo, hi: listed.hi }] : [])];
    if (spans.length === 0) return null;
    return { lo: Math.min(...spans.map((s) => s.lo)), hi: Math.max(...spans.map((s) => s.hi)) };
  }
}
