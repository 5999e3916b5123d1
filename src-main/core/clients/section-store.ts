/**
 * Medical and lifestyle history: one JSON document per client and section in
 * client_sections. A client with no history yet reads as the defaults (every
 * answer 'unknown', every note empty), so the first save is an ordinary update.
 *
 * The document is health data, so it is stored sealed under the clinical key
 * (docs/clinical-sealing.md): a session without that key (reception) can
 * neither read nor write it, whatever the database lets it see. The review
 * date and who updated it stay in the clear beside it.
 */
import { lifestyleHistorySchema, medicalHistorySchema } from '../../contract/record-schemas';
import type { LifestyleHistory, MedicalHistory } from '../../contract/record-types';
import type { Db } from '../db/types';
import { type ClinicalKeyHolder, type SealPlace, clinicalKeyOf, openJson, sealJson } from '../crypto/clinical-seal';

export type HealthSection = 'medical' | 'lifestyle';

export interface SectionDocs {
  medical: MedicalHistory;
  lifestyle: LifestyleHistory;
}

/** The stored fields of a section: everything but updatedAt, which comes from the row. */
export type SectionData<S extends HealthSection> = Omit<SectionDocs[S], 'updatedAt'>;

const DEFAULTS: { [S in HealthSection]: () => SectionData<S> } = {
  medical: () => medicalHistorySchema.parse({}),
  lifestyle: () => lifestyleHistorySchema.parse({}),
};

/** A section document's place: bound to its client and section, so it cannot be moved to another. */
export function sectionPlace(clientId: string, section: HealthSection): SealPlace {
  return { table: 'client_sections', column: 'data', clientId, rowId: section };
}

interface SectionRow {
  data: string;
  updated_at: string;
}

export class SectionStore {
  private readonly getStmt;
  private readonly putStmt;

  constructor(
    db: Db,
    private readonly keys: ClinicalKeyHolder,
  ) {
    this.getStmt = db.prepare('SELECT data, updated_at FROM client_sections WHERE client_id = ? AND section = ?');
    this.putStmt = db.prepare(
      `INSERT INTO client_sections (client_id, section, data, reviewed_on, updated_at, updated_by)
       VALUES (@clientId, @section, @data, @reviewedOn, @at, @staffId)
       ON CONFLICT (client_id, section) DO UPDATE SET
         data = excluded.data, reviewed_on = excluded.reviewed_on,
         updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    );
  }

  /** The stored data over the defaults, so a field added in a later version reads as its default. */
  get<S extends HealthSection>(clientId: string, section: S): SectionDocs[S] {
    const key = clinicalKeyOf(this.keys);
    const row = this.getStmt.get(clientId, section) as SectionRow | undefined;
    const stored = row ? openJson<Partial<SectionData<S>>>(key, sectionPlace(clientId, section), row.data) : {};
    return { ...DEFAULTS[section](), ...stored, updatedAt: row?.updated_at ?? null } as SectionDocs[S];
  }

  put<S extends HealthSection>(clientId: string, section: S, data: SectionData<S>, staffId: string, at: string): void {
    const sealed = sealJson(clinicalKeyOf(this.keys), sectionPlace(clientId, section), data);
    this.putStmt.run({ clientId, section, data: sealed, reviewedOn: data.reviewedOn, at, staffId });
  }
}

/** The stored part of a section document (drops updatedAt). */
export function sectionData<S extends HealthSection>(doc: SectionDocs[S]): SectionData<S> {
  const { updatedAt: _updatedAt, ...data } = doc;
  return data as SectionData<S>;
}
