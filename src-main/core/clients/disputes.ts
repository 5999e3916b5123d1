/**
 * Disputed fields (UK GDPR Art 16; docs/compliance.md "Records and the rights of the people in them"): an
 * opinion the client disputes is not inaccurate, so it is not changed, but the
 * dispute is noted beside it until it is resolved.
 *
 * A dispute about medical or lifestyle history says something about the
 * client's health, so its note is sealed under the clinical key
 * (docs/clinical-sealing.md); which field is disputed, when and by whom stay in
 * the clear. Identity disputes stay readable by reception.
 */
import type { FieldDispute, RecordSection } from '../../contract/record-types';
import type { Db } from '../db/types';
import { newId } from '../platform/ids';
import { type ClinicalKeyHolder, type SealPlace, clinicalKeyOf, openText, sealText } from '../crypto/clinical-seal';
import { isSealedSection } from './change-history';

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

/** A dispute's note is bound to its row, client, section and field. */
export function disputePlace(r: { id: string; clientId: string; section: RecordSection; field: string }): SealPlace {
  return { table: 'field_disputes', column: 'note', clientId: r.clientId, rowId: JSON.stringify([r.id, r.section, r.field]) };
}

function toDispute(r: DisputeRow, keys: ClinicalKeyHolder): FieldDispute {
  const note = isSealedSection(r.section)
    ? openText(clinicalKeyOf(keys), disputePlace({ id: r.id, clientId: r.client_id, section: r.section, field: r.field }), r.note)
    : r.note;
  return {
    id: r.id,
    section: r.section,
    field: r.field,
    note,
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

  constructor(
    db: Db,
    private readonly keys: ClinicalKeyHolder,
  ) {
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
    const note = isSealedSection(input.section)
      ? sealText(clinicalKeyOf(this.keys), disputePlace({ id, ...input }), input.note)
      : input.note;
    this.insertStmt.run({ id, ...input, note });
    return this.get(id)!.dispute;
  }

  /** Whose record a dispute is on and which section it is about, without opening its note. */
  locate(id: string): { clientId: string; section: RecordSection } | undefined {
    const row = this.getStmt.get(id) as DisputeRow | undefined;
    return row && { clientId: row.client_id, section: row.section };
  }

  /** The dispute and whose record it is on (a clinical note needs the clinical key). */
  get(id: string): { dispute: FieldDispute; clientId: string } | undefined {
    const row = this.getStmt.get(id) as DisputeRow | undefined;
    return row && { dispute: toDispute(row, this.keys), clientId: row.client_id };
  }

  /** Every dispute, open and resolved, newest first, in the sections the caller may see. */
  list(clientId: string, sections: ReadonlySet<RecordSection>): FieldDispute[] {
    return (this.listStmt.all(clientId) as DisputeRow[]).filter((r) => sections.has(r.section)).map((r) => toDispute(r, this.keys));
  }

  open(clientId: string, sections: ReadonlySet<RecordSection>): FieldDispute[] {
    return (this.openStmt.all(clientId) as DisputeRow[]).filter((r) => sections.has(r.section)).map((r) => toDispute(r, this.keys));
  }

  /** False when it was already resolved. */
  resolve(id: string, staffId: string, at: string): boolean {
    return this.resolveStmt.run({ id, staffId, at }).changes === 1;
  }
}
