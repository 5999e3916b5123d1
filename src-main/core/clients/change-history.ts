/**
 * The rectification history (UK GDPR Art 16, docs/compliance.md "Records and the rights of the people in them":
 * keep the history of what was changed). Every update writes one field_changes
 * row per field whose value changed, with the old and new value, who, when and
 * why, in the same transaction as the change itself, so nothing is ever
 * overwritten without a trace.
 *
 * A change to medical or lifestyle history is health data in itself (the old
 * and new answers, and often the reason), so for those sections the values and
 * the reason are stored sealed under the clinical key (docs/clinical-sealing.md);
 * which field changed, when and by whom stay in the clear. Identity changes stay
 * under the database key alone: reception reads them.
 */
import type { FieldChange, RecordSection } from '../../contract/record-types';
import type { Db } from '../db/types';
import { newId } from '../platform/ids';
import { type ClinicalKeyHolder, type SealPlace, clinicalKeyOf, openNullableText, openText, sealNullableText, sealText } from '../crypto/clinical-seal';

/** One field's before and after, as the text the history shows. */
export interface FieldDiff {
  field: string;
  oldValue: string | null;
  newValue: string | null;
}

/** Values as display text: text as it is, lists and objects as JSON, no value as null. */
export function displayValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** The fields (in `fields` order) whose value differs between two versions of a record. */
export function diffFields<T extends object>(before: T, after: T, fields: readonly (keyof T & string)[]): FieldDiff[] {
  const diffs: FieldDiff[] = [];
  for (const field of fields) {
    const oldValue = displayValue(before[field]);
    const newValue = displayValue(after[field]);
    if (oldValue !== newValue) diffs.push({ field, oldValue, newValue });
  }
  return diffs;
}

/** Sections whose changes are sealed: everything but identity. */
export function isSealedSection(section: RecordSection): boolean {
  return section !== 'identity';
}

type SealedColumn = 'old_value' | 'new_value' | 'reason';

/** A change's values are bound to its row, client, section and field. */
export function changePlace(r: { id: string; clientId: string; section: RecordSection; field: string }, column: SealedColumn): SealPlace {
  return { table: 'field_changes', column, clientId: r.clientId, rowId: JSON.stringify([r.id, r.section, r.field]) };
}

interface ChangeRow {
  id: string;
  client_id: string;
  section: RecordSection;
  field: string;
  old_value: string | null;
  new_value: string | null;
  changed_at: string;
  changed_by: string;
  changed_by_name: string | null;
  reason: string;
}

export interface ChangeAuthor {
  clientId: string;
  section: RecordSection;
  staffId: string;
  at: string;
  reason: string;
}

export class ChangeHistory {
  private readonly insertStmt;
  private readonly listStmt;

  constructor(
    db: Db,
    private readonly keys: ClinicalKeyHolder,
  ) {
    this.insertStmt = db.prepare(
      `INSERT INTO field_changes (id, client_id, section, field, old_value, new_value, changed_at, changed_by, reason)
       VALUES (@id, @clientId, @section, @field, @oldValue, @newValue, @at, @staffId, @reason)`,
    );
    // Newest first; rowid breaks ties between fields changed in the same call.
    this.listStmt = db.prepare(
      `SELECT fc.*, s.display_name AS changed_by_name
       FROM field_changes fc LEFT JOIN staff s ON s.id = fc.changed_by
       WHERE fc.client_id = ? ORDER BY fc.changed_at DESC, fc.rowid DESC`,
    );
  }

  /** Call inside the transaction that makes the change. */
  record(author: ChangeAuthor, diffs: FieldDiff[]): void {
    const key = isSealedSection(author.section) ? clinicalKeyOf(this.keys) : null;
    for (const d of diffs) {
      const id = newId('fc');
      if (!key) {
        this.insertStmt.run({ id, ...author, ...d });
        continue;
      }
      const place = (column: SealedColumn) => changePlace({ id, clientId: author.clientId, section: author.section, field: d.field }, column);
      this.insertStmt.run({
        id,
        ...author,
        field: d.field,
        oldValue: sealNullableText(key, place('old_value'), d.oldValue),
        newValue: sealNullableText(key, place('new_value'), d.newValue),
        reason: sealText(key, place('reason'), author.reason),
      });
    }
  }

  /** Changes to a client's record, newest first, limited to the sections the caller may see. */
  list(clientId: string, sections: ReadonlySet<RecordSection>): FieldChange[] {
    return (this.listStmt.all(clientId) as ChangeRow[])
      .filter((r) => sections.has(r.section))
      .map((r) => ({
        id: r.id,
        section: r.section,
        field: r.field,
        ...this.valuesOf(r),
        changedAt: r.changed_at,
        changedById: r.changed_by,
        changedByName: r.changed_by_name ?? '',
      }));
  }

  /** Opened only for rows the caller may see (list filters first), so reception never needs the key. */
  private valuesOf(r: ChangeRow): Pick<FieldChange, 'oldValue' | 'newValue' | 'reason'> {
    if (!isSealedSection(r.section)) return { oldValue: r.old_value, newValue: r.new_value, reason: r.reason };
    const key = clinicalKeyOf(this.keys);
    const place = (column: SealedColumn) => changePlace({ id: r.id, clientId: r.client_id, section: r.section, field: r.field }, column);
    return {
      oldValue: openNullableText(key, place('old_value'), r.old_value),
      newValue: openNullableText(key, place('new_value'), r.new_value),
      reason: openText(key, place('reason'), r.reason),
    };
  }
}
