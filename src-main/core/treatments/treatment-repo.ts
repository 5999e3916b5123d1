/**
 * Treatments in the database: insert, read back in full (with the names of
 * the practitioner, the type and whoever recorded it), list per client, and
 * find every treatment from one batch for a manufacturer's recall.
 */
import type { AmountUnit, RecallHit, Treatment } from '../../shared/record-types';
import type { Db } from '../db/types';

interface TreatmentRow {
  id: string;
  client_id: string;
  treated_on: string;
  practitioner_id: string;
  practitioner_name: string;
  type_id: string;
  type_name: string;
  areas: string;
  product: string;
  batch_number: string;
  batch_expiry: string | null;
  amount: number | null;
  amount_unit: string | null;
  consent_form_file_id: string | null;
  notes: string;
  aftercare: string;
  follow_up_on: string | null;
  adverse_event: string;
  mhra_reported: number;
  mhra_reference: string;
  doctor_exception: string | null;
  created_at: string;
  created_by_name: string | null;
}

/** What is stored for a new treatment (names are joined in when it is read back). */
export type NewTreatment = Omit<Treatment, 'practitionerName' | 'typeName' | 'createdByName'> & {
  batchKey: string;
  createdBy: string;
};

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

function toTreatment(r: TreatmentRow): Treatment {
  return {
    id: r.id,
    clientId: r.client_id,
    treatedOn: r.treated_on,
    practitionerId: r.practitioner_id,
    practitionerName: r.practitioner_name,
    typeId: r.type_id,
    typeName: r.type_name,
    areas: JSON.parse(r.areas) as string[],
    product: r.product,
    batchNumber: r.batch_number,
    batchExpiry: r.batch_expiry,
    amount: r.amount,
    amountUnit: r.amount_unit as AmountUnit | null,
    consentFormFileId: r.consent_form_file_id,
    notes: r.notes,
    aftercare: r.aftercare,
    followUpOn: r.follow_up_on,
    adverseEvent: r.adverse_event,
    mhraReported: r.mhra_reported === 1,
    mhraReference: r.mhra_reference,
    doctorException: r.doctor_exception ? (JSON.parse(r.doctor_exception) as Treatment['doctorException']) : null,
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

  constructor(db: Db) {
    this.getStmt = db.prepare(`${SELECT_TREATMENT} WHERE t.id = ?`);
    this.listStmt = db.prepare(`${SELECT_TREATMENT} WHERE t.client_id = ? ORDER BY t.treated_on DESC, t.created_at DESC`);
    this.clientStmt = db.prepare('SELECT id, date_of_birth FROM clients WHERE id = ?');
    this.insertStmt = db.prepare(
      `INSERT INTO treatments (id, client_id, treated_on, practitioner_id, type_id, areas, product, batch_number,
         batch_key, batch_expiry, amount, amount_unit, consent_form_file_id, notes, aftercare, follow_up_on,
         adverse_event, mhra_reported, mhra_reference, doctor_exception, created_at, created_by)
       VALUES (@id, @clientId, @treatedOn, @practitionerId, @typeId, @areas, @product, @batchNumber,
         @batchKey, @batchExpiry, @amount, @amountUnit, @consentFormFileId, @notes, @aftercare, @followUpOn,
         @adverseEvent, @mhraReported, @mhraReference, @doctorException, @createdAt, @createdBy)`,
    );
    // max() of NULL is NULL in SQLite, hence the coalesce: a first visit sets the date.
    this.visitStmt = db.prepare(
      `UPDATE clients SET last_visit_on = max(coalesce(last_visit_on, ''), @treatedOn) WHERE id = @clientId`,
    );
    this.recallStmt = db.prepare(RECALL_SQL);
  }

  get(id: string): Treatment | undefined {
    const row = this.getStmt.get(id) as TreatmentRow | undefined;
    return row && toTreatment(row);
  }

  /** Newest first: the treatment date, then the order they were recorded in. */
  listForClient(clientId: string): Treatment[] {
    return (this.listStmt.all(clientId) as TreatmentRow[]).map(toTreatment);
  }

  client(id: string): ClientFacts | undefined {
    const row = this.clientStmt.get(id) as { id: string; date_of_birth: string | null } | undefined;
    return row && { id: row.id, dateOfBirth: row.date_of_birth || null };
  }

  insert(t: NewTreatment): void {
    this.insertStmt.run({
      ...t,
      areas: JSON.stringify(t.areas),
      mhraReported: t.mhraReported ? 1 : 0,
      doctorException: t.doctorException ? JSON.stringify(t.doctorException) : null,
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
