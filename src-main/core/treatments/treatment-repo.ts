/**
 * Treatments in the database: insert, read back in full (with the names of
 * the practitioner, the type and whoever recorded it), list per client, and
 * find every treatment from one batch for a manufacturer's recall.
 *
 * What recall, the under-18 rule and the record's lists need stays in the
 * clear: ids, client, date, practitioner, type, product, batch number and
 * expiry. The clinical details (areas, amount, notes, aftercare, follow-up,
 * adverse event, MHRA report, a doctor's approval) are sealed together under
 * the clinical key in details_sealed (migration 0007; docs/clinical-sealing.md),
 * and the columns that held them before are left at their defaults.
 */
import type { AmountUnit, RecallHit, Treatment } from '../../contract/record-types';
import type { Db } from '../db/types';
import { type ClinicalKeyHolder, type SealPlace, clinicalKeyOf, openBytes, recordDamaged, sealBytes } from '../crypto/clinical-seal';

interface TreatmentRow {
  id: string;
  client_id: string;
  treated_on: string;
  practitioner_id: string;
  practitioner_name: string;
  type_id: string;
  type_name: string;
  product: string;
  batch_number: string;
  batch_expiry: string | null;
  consent_form_file_id: string | null;
  details_sealed: Buffer | null;
  created_at: string;
  created_by_name: string | null;
}

/** What is stored for a new treatment (names are joined in when it is read back). */
export type NewTreatment = Omit<Treatment, 'practitionerName' | 'typeName' | 'createdByName'> & {
  batchKey: string;
  createdBy: string;
};

/** The part of a treatment sealed under the clinical key, as it is read back. */
export type StoredTreatmentDetails = Pick<
  Treatment,
  | 'areas'
  | 'amount'
  | 'amountUnit'
  | 'notes'
  | 'aftercare'
  | 'followUpOn'
  | 'adverseEvent'
  | 'mhraReported'
  | 'mhraReference'
  | 'doctorException'
  | 'medicalHistoryReviewedOn'
>;

/**
 * What a writer passes. The review tick (issue #10) came after the synthetic
 * generator and the legacy sealing, which never record one, so it may be left
 * out; it is kept in the sealed JSON like the other details, needing no
 * migration, and a treatment sealed before it reads back as not ticked.
 */
export type TreatmentDetails = Omit<StoredTreatmentDetails, 'medicalHistoryReviewedOn'> &
  Partial<Pick<StoredTreatmentDetails, 'medicalHistoryReviewedOn'>>;

const NO_DETAILS: StoredTreatmentDetails = {
  areas: [],
  amount: null,
  amountUnit: null,
  notes: '',
  aftercare: '',
  followUpOn: null,
  adverseEvent: '',
  mhraReported: false,
  mhraReference: '',
  doctorException: null,
  medicalHistoryReviewedOn: null,
};

const DETAIL_KEYS = Object.keys(NO_DETAILS) as (keyof StoredTreatmentDetails)[];

/** Bound to the treatment and its client: details moved to another treatment do not open. */
export function treatmentPlace(clientId: string, treatmentId: string): SealPlace {
  return { table: 'treatments', column: 'details_sealed', clientId, rowId: treatmentId };
}

/**
 * The details as JSON without the fields left at their defaults (most
 * treatments have no adverse event, report or doctor's approval), so the
 * sealed value stays small across hundreds of thousands of rows.
 */
export function sealTreatmentDetails(key: Buffer, clientId: string, treatmentId: string, details: TreatmentDetails): Buffer {
  const kept: Partial<Record<keyof StoredTreatmentDetails, unknown>> = {};
  for (const k of DETAIL_KEYS) {
    const value = details[k] === undefined ? NO_DETAILS[k] : details[k];
    if (JSON.stringify(value) !== JSON.stringify(NO_DETAILS[k])) kept[k] = value;
  }
  return sealBytes(key, treatmentPlace(clientId, treatmentId), Buffer.from(JSON.stringify(kept), 'utf8'));
}

export function openTreatmentDetails(key: Buffer, clientId: string, treatmentId: string, sealed: Buffer): StoredTreatmentDetails {
  const bytes = openBytes(key, treatmentPlace(clientId, treatmentId), sealed);
  try {
    return { ...NO_DETAILS, ...(JSON.parse(bytes.toString('utf8')) as Partial<StoredTreatmentDetails>) };
  } catch (err) {
    throw recordDamaged(err);
  }
}

export interface ClientFacts {
  id: string;
  dateOfBirth: string | null;
}

const SELECT_TREATMENT = `
  SELECT t.*, p.display_name AS practitioner_name, tt.name AS type_name, cb.display_name AS created_by_name
  FROM treatments t
  JOIN staff p ON p.id = t.practitioner_id
  JOIN treatment_types tt ON tt.id = t.type_id
  LEFT JOIN staff cb ON cb.id = t.created_by`;

/**
 * Every treatment from one batch key. "batch_key <> ''" repeats the partial
 * index's WHERE so the planner may use treatments_by_batch: SQLite uses a
 * partial index only when the query's WHERE implies the index's.
 */
export const RECALL_SQL = `
  SELECT t.id AS treatment_id, t.client_id, c.first_name, c.last_name, c.date_of_birth, c.mobile, c.email,
         t.treated_on, t.product, t.batch_number, p.display_name AS practitioner_name
  FROM treatments t
  JOIN clients c ON c.id = t.client_id
  JOIN staff p ON p.id = t.practitioner_id
  WHERE t.batch_key = ? AND t.batch_key <> ''
  ORDER BY t.treated_on DESC, t.created_at DESC`;

function toTreatment(r: TreatmentRow, key: Buffer): Treatment {
  // Every row is sealed once a clinical session has opened the vault (sealing/legacy-sealing.ts).
  if (r.details_sealed === null) throw recordDamaged();
  const details = openTreatmentDetails(key, r.client_id, r.id, r.details_sealed);
  return {
    id: r.id,
    clientId: r.client_id,
    treatedOn: r.treated_on,
    practitionerId: r.practitioner_id,
    practitionerName: r.practitioner_name,
    typeId: r.type_id,
    typeName: r.type_name,
    areas: details.areas,
    product: r.product,
    batchNumber: r.batch_number,
    batchExpiry: r.batch_expiry,
    amount: details.amount,
    amountUnit: details.amountUnit as AmountUnit | null,
    consentFormFileId: r.consent_form_file_id,
    notes: details.notes,
    aftercare: details.aftercare,
    followUpOn: details.followUpOn,
    adverseEvent: details.adverseEvent,
    mhraReported: details.mhraReported,
    mhraReference: details.mhraReference,
    // Approvals recorded before the assessment date and reason were asked for have neither.
    doctorException: details.doctorException
      ? { ...details.doctorException, assessedOn: details.doctorException.assessedOn ?? null, reason: details.doctorException.reason ?? '' }
      : null,
    medicalHistoryReviewedOn: details.medicalHistoryReviewedOn,
    createdAt: r.created_at,
    createdByName: r.created_by_name ?? '',
  };
}

interface RecallRow {
  treatment_id: string;
  client_id: string;
  first_name: string;
  last_name: string;
  date_of_birth: string | null;
  mobile: string | null;
  email: string | null;
  treated_on: string;
  product: string;
  batch_number: string;
  practitioner_name: string;
}

export class TreatmentRepo {
  private readonly getStmt;
  private readonly listStmt;
  private readonly clientStmt;
  private readonly insertStmt;
  private readonly visitStmt;
  private readonly recallStmt;

  constructor(
    db: Db,
    private readonly keys: ClinicalKeyHolder,
  ) {
    this.getStmt = db.prepare(`${SELECT_TREATMENT} WHERE t.id = ?`);
    this.listStmt = db.prepare(`${SELECT_TREATMENT} WHERE t.client_id = ? ORDER BY t.treated_on DESC, t.created_at DESC`);
    // A record merged into another (client_merges, docs/duplicates.md) takes no more treatments.
    this.clientStmt = db.prepare('SELECT id, date_of_birth FROM clients c WHERE id = ? AND NOT EXISTS (SELECT 1 FROM client_merges m WHERE m.merged_id = c.id)');
    this.insertStmt = db.prepare(
      `INSERT INTO treatments (id, client_id, treated_on, practitioner_id, type_id, product, batch_number,
         batch_key, batch_expiry, consent_form_file_id, details_sealed, created_at, created_by)
       VALUES (@id, @clientId, @treatedOn, @practitionerId, @typeId, @product, @batchNumber,
         @batchKey, @batchExpiry, @consentFormFileId, @detailsSealed, @createdAt, @createdBy)`,
    );
    // max() of NULL is NULL in SQLite, hence the coalesce: a first visit sets the date.
    this.visitStmt = db.prepare(
      `UPDATE clients SET last_visit_on = max(coalesce(last_visit_on, ''), @treatedOn) WHERE id = @clientId`,
    );
    this.recallStmt = db.prepare(RECALL_SQL);
  }

  get(id: string): Treatment | undefined {
    const row = this.getStmt.get(id) as TreatmentRow | undefined;
    return row && toTreatment(row, clinicalKeyOf(this.keys));
  }

  /** Newest first: the treatment date, then the order they were recorded in. */
  listForClient(clientId: string): Treatment[] {
    const key = clinicalKeyOf(this.keys);
    return (this.listStmt.all(clientId) as TreatmentRow[]).map((r) => toTreatment(r, key));
  }

  client(id: string): ClientFacts | undefined {
    const row = this.clientStmt.get(id) as { id: string; date_of_birth: string | null } | undefined;
    return row && { id: row.id, dateOfBirth: row.date_of_birth || null };
  }

  insert(t: NewTreatment): void {
    this.insertStmt.run({
      id: t.id,
      clientId: t.clientId,
      treatedOn: t.treatedOn,
      practitionerId: t.practitionerId,
      typeId: t.typeId,
      product: t.product,
      batchNumber: t.batchNumber,
      batchKey: t.batchKey,
      batchExpiry: t.batchExpiry,
      consentFormFileId: t.consentFormFileId,
      detailsSealed: sealTreatmentDetails(clinicalKeyOf(this.keys), t.clientId, t.id, t),
      createdAt: t.createdAt,
      createdBy: t.createdBy,
    });
  }

  /** clients.last_visit_on becomes the later of what it was and this treatment's date. */
  recordVisit(clientId: string, treatedOn: string): void {
    this.visitStmt.run({ clientId, treatedOn });
  }

  recall(key: string): RecallHit[] {
    return (this.recallStmt.all(key) as RecallRow[]).map((r) => ({
      clientId: r.client_id,
      clientName: `${r.first_name} ${r.last_name}`.trim(),
      dateOfBirth: r.date_of_birth ?? '',
      mobile: r.mobile ?? '',
      email: r.email ?? '',
      treatmentId: r.treatment_id,
      treatedOn: r.treated_on,
      product: r.product,
      batchNumber: r.batch_number,
      practitionerName: r.practitioner_name,
    }));
  }
}
