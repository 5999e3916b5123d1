/**
 * Seals the clinical values that vaults made by earlier builds hold in the
 * clear (docs/clinical-sealing.md, "Vaults from earlier builds"). Migration
 * 0007 cannot do it: migrations run with the database key, which every member
 * of staff holds. So it runs when a session holding the clinical key opens the
 * vault (vault/open-vault.ts), once: a meta flag records that it finished.
 *
 * It goes table by table in batches, each batch one transaction that leaves
 * every row it touched fully sealed and every other row as it was, so a crash
 * or power cut part-way loses nothing and the next clinical sign-in carries on
 * where it stopped. Whether a row still needs sealing is read from the row
 * itself (a sealed value's prefix, a NULL details_sealed, a 32-byte file key),
 * never from a counter kept elsewhere.
 */
import type { Db } from '../db/types';
import { storedFileKey } from '../files/file-rows';
import { storedPhotoText } from '../photos/photo-rows';
import { changePlace } from '../clients/change-history';
import { disputePlace } from '../clients/disputes';
import { sectionPlace, type HealthSection } from '../clients/section-store';
import { sealTreatmentDetails, type TreatmentDetails } from '../treatments/treatment-repo';
import type { RecordSection } from '../../contract/record-types';
import { SEALED_TEXT_PREFIX, sealNullableText, sealText } from '../crypto/clinical-seal';

/** meta key set once every clinical row of the vault is sealed. */
export const SEALING_DONE_KEY = 'clinical_sealing_done';

export interface SealingReport {
  sections: number;
  treatments: number;
  changes: number;
  disputes: number;
  photos: number;
  files: number;
}

const DEFAULT_BATCH = 2000;
const UNSEALED = (column: string) => `substr(${column}, 1, ${SEALED_TEXT_PREFIX.length}) <> '${SEALED_TEXT_PREFIX}'`;

/**
 * Runs `sealBatch` over the rows `select` finds, in rowid order, one
 * transaction per batch, until none are left. Returns how many were sealed.
 */
function inBatches<R extends { rowid: number }>(db: Db, selectSql: string, batch: number, sealOne: (row: R) => void): number {
  const select = db.prepare(`${selectSql} AND rowid > ? ORDER BY rowid LIMIT ?`);
  let after = 0;
  let total = 0;
  for (;;) {
    const done = db.transaction(() => {
      const rows = select.all(after, batch) as R[];
      for (const row of rows) sealOne(row);
      return rows;
    })();
    if (done.length === 0) return total;
    total += done.length;
    after = done[done.length - 1]!.rowid;
  }
}

function sealSections(db: Db, key: Buffer, batch: number): number {
  const update = db.prepare('UPDATE client_sections SET data = ? WHERE rowid = ?');
  return inBatches<{ rowid: number; client_id: string; section: HealthSection; data: string }>(
    db,
    `SELECT rowid, client_id, section, data FROM client_sections WHERE ${UNSEALED('data')}`,
    batch,
    (r) => update.run(sealText(key, sectionPlace(r.client_id, r.section), r.data), r.rowid),
  );
}

interface LegacyTreatmentRow {
  rowid: number;
  id: string;
  client_id: string;
  areas: string;
  amount: number | null;
  amount_unit: string | null;
  notes: string;
  aftercare: string;
  follow_up_on: string | null;
  adverse_event: string;
  mhra_reported: number;
  mhra_reference: string;
  doctor_exception: string | null;
}

function legacyDetails(r: LegacyTreatmentRow): TreatmentDetails {
  return {
    areas: JSON.parse(r.areas) as string[],
    amount: r.amount,
    amountUnit: r.amount_unit as TreatmentDetails['amountUnit'],
    notes: r.notes,
    aftercare: r.aftercare,
    followUpOn: r.follow_up_on,
    adverseEvent: r.adverse_event,
    mhraReported: r.mhra_reported === 1,
    mhraReference: r.mhra_reference,
    doctorException: r.doctor_exception ? (JSON.parse(r.doctor_exception) as TreatmentDetails['doctorException']) : null,
  };
}

function sealTreatments(db: Db, key: Buffer, batch: number): number {
  // The clear columns go back to their defaults in the same statement: with secure_delete the old text is overwritten.
  const update = db.prepare(
    `UPDATE treatments SET details_sealed = ?, areas = '[]', amount = NULL, amount_unit = NULL, notes = '', aftercare = '',
       follow_up_on = NULL, adverse_event = '', mhra_reported = 0, mhra_reference = '', doctor_exception = NULL
     WHERE rowid = ?`,
  );
  return inBatches<LegacyTreatmentRow>(
    db,
    `SELECT rowid, id, client_id, areas, amount, amount_unit, notes, aftercare, follow_up_on, adverse_event,
       mhra_reported, mhra_reference, doctor_exception FROM treatments WHERE details_sealed IS NULL`,
    batch,
    (r) => update.run(sealTreatmentDetails(key, r.client_id, r.id, legacyDetails(r)), r.rowid),
  );
}

function sealChanges(db: Db, key: Buffer, batch: number): number {
  const update = db.prepare('UPDATE field_changes SET old_value = ?, new_value = ?, reason = ? WHERE rowid = ?');
  type Row = { rowid: number; id: string; client_id: string; section: RecordSection; field: string; old_value: string | null; new_value: string | null; reason: string };
  // The reason is always sealed for a clinical change, so it marks the row as done.
  return inBatches<Row>(
    db,
    `SELECT rowid, id, client_id, section, field, old_value, new_value, reason FROM field_changes
     WHERE section <> 'identity' AND ${UNSEALED('reason')}`,
    batch,
    (r) => {
      const place = (column: 'old_value' | 'new_value' | 'reason') =>
        changePlace({ id: r.id, clientId: r.client_id, section: r.section, field: r.field }, column);
      update.run(
        sealNullableText(key, place('old_value'), r.old_value),
        sealNullableText(key, place('new_value'), r.new_value),
        sealText(key, place('reason'), r.reason),
        r.rowid,
      );
    },
  );
}

function sealDisputes(db: Db, key: Buffer, batch: number): number {
  const update = db.prepare('UPDATE field_disputes SET note = ? WHERE rowid = ?');
  type Row = { rowid: number; id: string; client_id: string; section: RecordSection; field: string; note: string };
  return inBatches<Row>(
    db,
    `SELECT rowid, id, client_id, section, field, note FROM field_disputes WHERE section <> 'identity' AND ${UNSEALED('note')}`,
    batch,
    (r) => update.run(sealText(key, disputePlace({ id: r.id, clientId: r.client_id, section: r.section, field: r.field }), r.note), r.rowid),
  );
}

function sealPhotoTexts(db: Db, key: Buffer, batch: number): number {
  const update = db.prepare('UPDATE photos SET area = ?, consent_reference = ? WHERE rowid = ?');
  const holder = { clinical: key };
  // Both columns are sealed in one statement, so the area marks the row as done.
  return inBatches<{ rowid: number; id: string; client_id: string; area: string; consent_reference: string }>(
    db,
    `SELECT rowid, id, client_id, area, consent_reference FROM photos WHERE ${UNSEALED('area')}`,
    batch,
    (r) => {
      const sealed = storedPhotoText(holder, r);
      update.run(sealed.area, sealed.consent_reference, r.rowid);
    },
  );
}

/**
 * The files of the clinical record: photos and their thumbnails, treatment
 * consent forms, and evidence for photo and treatment consents. Marketing
 * consent evidence (recorded at reception) stays under the database key.
 */
const CLINICAL_FILE_IDS = `
  SELECT file_id FROM photos
  UNION SELECT thumb_file_id FROM photos
  UNION SELECT consent_form_file_id FROM treatments WHERE consent_form_file_id IS NOT NULL
  UNION SELECT e.evidence_file_id FROM consent_events e JOIN consent_purposes p ON p.id = e.purpose_id
        WHERE e.evidence_file_id IS NOT NULL AND p.category IN ('photo', 'treatment')`;

function sealFileKeys(db: Db, key: Buffer, batch: number): number {
  const update = db.prepare('UPDATE files SET file_key = ? WHERE rowid = ?');
  const holder = { clinical: key };
  return inBatches<{ rowid: number; id: string; file_key: Buffer }>(
    db,
    `SELECT rowid, id, file_key FROM files WHERE length(file_key) = 32 AND id IN (${CLINICAL_FILE_IDS})`,
    batch,
    (r) => update.run(storedFileKey(holder, r.id, r.file_key, true), r.rowid),
  );
}

/** Seals every clinical value still in the clear, whatever the flag says (the seeder uses this too). */
export function sealClinicalRows(db: Db, key: Buffer, opts: { batchSize?: number } = {}): SealingReport {
  const batch = opts.batchSize ?? DEFAULT_BATCH;
  return {
    sections: sealSections(db, key, batch),
    treatments: sealTreatments(db, key, batch),
    changes: sealChanges(db, key, batch),
    disputes: sealDisputes(db, key, batch),
    photos: sealPhotoTexts(db, key, batch),
    files: sealFileKeys(db, key, batch),
  };
}

export function legacySealingDone(db: Db): boolean {
  return db.prepare('SELECT 1 FROM meta WHERE key = ?').get(SEALING_DONE_KEY) !== undefined;
}

/**
 * The step run when a clinical session opens the vault: nothing once done;
 * otherwise seals what is left, records that it finished, and folds the
 * write-ahead log back into the database so the plaintext pages it replaced
 * are overwritten there too. Returns null when it had already run.
 */
export function sealLegacyClinicalData(db: Db, key: Buffer, opts: { batchSize?: number } = {}): SealingReport | null {
  if (legacySealingDone(db)) return null;
  const report = sealClinicalRows(db, key, opts);
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(SEALING_DONE_KEY, new Date().toISOString());
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // Another reader holds the log: the pages are folded in at the next checkpoint or close.
  }
  return report;
}
