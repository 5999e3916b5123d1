/**
 * Disputed fields (UK GDPR Art 16; UK-GDPR-RULES.md "Rectification"): an
 * opinion the client disputes is not inaccurate, so it is not changed, but the
 * dispute is noted beside it until it is resolved.
 */
import type { FieldDispute, RecordSection } from '../../shared/record-types';
import type { Db } from '../db/types';
import { newId } from '../ids';

interface DisputeRow {
  id: string;
  client_id: string;
  section: RecordSection;
  field: string;
  note: string;
  recorded_at: string;
  recorded_by: string;
  recorded_by_name: string | null;
  resolved_at: string | null;
}

function toDispute(r: DisputeRow): FieldDispute {
  return {
    id: r.id,
    section: r.section,
    field: r.field,
    note: r.note,
    recordedAt: r.recorded_at,
    recordedByName: r.recorded_by_name ?? '',
    resolvedAt: r.resolved_at,
  };
}

const SELECT = `SELECT d.*, s.display_name AS recorded_by_name
  FROM field_disputes d LEFT JOIN staff s ON s.id = d.recorded_by`;

export class Disputes {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly listStmt;
  private readonly openStmt;
  private readonly resolveStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO field_disputes (id, client_id, section, field, note, recorded_at, recorded_by)
       VALUES (@id, @clientId, @section, @field, @note, @at, @staffId)`,
    );
    this.getStmt = db.prepare(`${SELECT} WHERE d.id = ?`);
    this.listStmt = db.prepare(`${SELECT} WHERE d.client_id = ? ORDER BY d.recorded_at DESC, d.rowid DESC`);
    this.openStmt = db.prepare(
      `${SELECT} WHERE d.client_id = ? AND d.resolved_at IS NULL ORDER BY d.recorded_at DESC, d.rowid DESC`,
    );
    this.resolveStmt = db.prepare(
      'UPDATE field_disputes SET resolved_at = @at, resolved_by = @staffId WHERE id = @id AND resolved_at IS NULL',
    );
  }

  add(input: { clientId: string; section: RecordSection; field: string; note: string; staffId: string; at: string }): FieldDispute {
    const id = newId('fd');
    this.insertStmt.run({ id, ...input });
    return this.get(id)!.dispute;
  }

  /** The dispute and whose record it is on. */
  get(id: string): { dispute: FieldDispute; clientId: string } | undefined {
    const row = this.getStmt.get(id) as DisputeRow | undefined;
    return row && { dispute: toDispute(row), clientId: row.client_id };
  }

  /** Every dispute, open and resolved, newest first, in the sections the caller may see. */
  list(clientId: string, sections: ReadonlySet<RecordSection>): FieldDispute[] {
    return (this.listStmt.all(clientId) as DisputeRow[]).filter((r) => sections.has(r.section)).map(toDispute);
  }

  open(clientId: string, sections: ReadonlySet<RecordSection>): FieldDispute[] {
    return (this.openStmt.all(clientId) as DisputeRow[]).filter((r) => sections.has(r.section)).map(toDispute);
  }

  /** False when it was already resolved. */
  resolve(id: string, staffId: string, at: string): boolean {
    return this.resolveStmt.run({ id, staffId, at }).changes === 1;
  }
}
