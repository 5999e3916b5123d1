/**
 * The generator's prepared statements: one per table, positional parameters
 * (the cheapest binding better-sqlite3 offers), prepared once per run. Column
 * values are stored the way the clients and treatments services store them:
 * '' for an empty text field, JSON for lists, NULL only where the schema says.
 * Given the vault's clinical key, the clinical values are sealed as the app
 * seals them (docs/clinical-sealing.md); without it (the plain comparison
 * database) they are written in the clear, as an earlier build wrote them.
 */
import type { ClientIdentity } from '../../contract/record-types';
import { sectionPlace } from '../clients/section-store';
import type { Db } from '../db/types';
import { sealText } from '../crypto/clinical-seal';
import { sealTreatmentDetails } from '../treatments/treatment-repo';
import type { AmountUnit } from '../../contract/record-types';
import type { TreatmentRow } from './treatments';

export interface Writers {
  /** Returns the client's rowid, the key of its search entry. */
  insertClient(id: string, identity: ClientIdentity, createdAt: string, lastInteractionAt: string, lastVisitOn: string | null): number;
  insertTreatment(t: TreatmentRow): void;
  insertSection(clientId: string, section: 'medical' | 'lifestyle', dataJson: string, reviewedOn: string | null, updatedAt: string, updatedBy: string): void;
}

export function prepareWriters(db: Db, clinicalKey?: Buffer): Writers {
  const client = db.prepare(
    `INSERT INTO clients (id, first_name, last_name, preferred_name, date_of_birth, gender, address_lines, postcode,
       email, mobile, other_phones, messenger_handle, nhs_number, occupation, treatment_interests, gp, notes,
       created_at, updated_at, last_interaction_at, last_visit_on)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const treatment = db.prepare(
    `INSERT INTO treatments (id, client_id, treated_on, practitioner_id, type_id, areas, product, batch_number, batch_key,
       batch_expiry, amount, amount_unit, consent_form_file_id, notes, aftercare, follow_up_on, adverse_event,
       mhra_reported, mhra_reference, doctor_exception, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
  );
  const sealedTreatment = db.prepare(
    `INSERT INTO treatments (id, client_id, treated_on, practitioner_id, type_id, product, batch_number, batch_key,
       batch_expiry, details_sealed, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const section = db.prepare(
    `INSERT INTO client_sections (client_id, section, data, reviewed_on, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  // Small arrays: stringifying them costs far less than the insert itself.
  const otherPhonesJson = (c: ClientIdentity) => (c.otherPhones.length === 0 ? '[]' : JSON.stringify(c.otherPhones));
  return {
    insertClient(id, c, createdAt, lastInteractionAt, lastVisitOn) {
      const info = client.run(
        id, c.firstName, c.lastName, c.preferredName, c.dateOfBirth, c.gender, JSON.stringify(c.addressLines), c.postcode,
        c.email, c.mobile, otherPhonesJson(c), c.messengerHandle, c.nhsNumber, c.occupation, JSON.stringify(c.treatmentInterests),
        c.gp ? JSON.stringify(c.gp) : null, c.notes,
        createdAt, createdAt, lastInteractionAt, lastVisitOn,
      );
      return Number(info.lastInsertRowid);
    },
    insertTreatment(t) {
      if (clinicalKey) {
        const details = sealTreatmentDetails(clinicalKey, t.clientId, t.id, {
          areas: JSON.parse(t.areasJson) as string[],
          amount: t.amount,
          amountUnit: t.amountUnit as AmountUnit | null,
          notes: t.notes,
          aftercare: t.aftercare,
          followUpOn: t.followUpOn,
          adverseEvent: t.adverseEvent,
          mhraReported: t.mhraReported === 1,
          mhraReference: t.mhraReference,
          doctorException: null,
        });
        sealedTreatment.run(
          t.id, t.clientId, t.treatedOn, t.practitionerId, t.typeId, t.product, t.batchNumber, t.batchKey,
          t.batchExpiry, details, t.createdAt, t.practitionerId,
        );
        return;
      }
      treatment.run(
        t.id, t.clientId, t.treatedOn, t.practitionerId, t.typeId, t.areasJson, t.product, t.batchNumber, t.batchKey,
        t.batchExpiry, t.amount, t.amountUnit, t.notes, t.aftercare, t.followUpOn, t.adverseEvent,
        t.mhraReported, t.mhraReference, t.createdAt, t.practitionerId,
      );
    },
    insertSection(clientId, name, dataJson, reviewedOn, updatedAt, updatedBy) {
      const data = clinicalKey ? sealText(clinicalKey, sectionPlace(clientId, name), dataJson) : dataJson;
      section.run(clientId, name, data, reviewedOn, updatedAt, updatedBy);
    },
  };
}
