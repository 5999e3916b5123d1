/**
 * Anonymisation (issue #13 item 4): what a clinic may keep once a client's
 * retention period has passed, without anything that identifies them —
 * treatment type, month and year, product, batch number and practitioner —
 * written under new random ids. The client is then destroyed whole with the
 * shared mechanism (photos and their keys included), in the same transaction
 * as these rows, so either both happen or neither does.
 *
 * What is left out on purpose: the day (a date with the practitioner and
 * batch could be matched to the diary or the audit log's times), the
 * treatment id, the client id, the batch id, and any order: the table is
 * WITHOUT ROWID and keyed by the random id (migration 0022), so the rows of
 * one client are not stored together or in the order they were written.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/types';

export interface TreatmentStatistic {
  treatmentTypeId: string;
  /** YYYY-MM */
  month: string;
  product: string;
  batchNumber: string;
  practitionerId: string;
}

/** The statistics of the client and the records merged into it, read before the destruction. */
export function treatmentStatisticsOf(db: Db, scope: readonly string[]): TreatmentStatistic[] {
  const rows = db
    .prepare(
      `SELECT type_id, substr(treated_on, 1, 7) AS month, product, batch_number, practitioner_id
         FROM treatments WHERE client_id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(scope)) as { type_id: string; month: string; product: string; batch_number: string; practitioner_id: string }[];
  return rows.map((r) => ({
    treatmentTypeId: r.type_id,
    month: r.month,
    product: r.product,
    batchNumber: r.batch_number,
    practitionerId: r.practitioner_id,
  }));
}

/** A new id that is random through and through (no time part, no prefix order). */
function anonymousId(): string {
  return `an_${randomBytes(12).toString('hex')}`;
}

export function writeTreatmentStatistics(db: Db, stats: readonly TreatmentStatistic[]): void {
  const add = db.prepare(
    'INSERT INTO anonymised_treatments (id, treatment_type_id, month, product, batch_number, practitioner_id) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const s of stats) add.run(anonymousId(), s.treatmentTypeId, s.month, s.product, s.batchNumber, s.practitionerId);
}

export interface TreatmentStatisticsSummary {
  rows: number;
  byMonthAndType: Array<{ month: string; treatmentTypeId: string; count: number }>;
}

/** What the clinic can still count after anonymising (for reports; no row names anyone). */
export function treatmentStatisticsSummary(db: Db): TreatmentStatisticsSummary {
  const byMonthAndType = db
    .prepare('SELECT month, treatment_type_id AS treatmentTypeId, count(*) AS count FROM anonymised_treatments GROUP BY month, treatment_type_id ORDER BY month, treatment_type_id')
    .all() as TreatmentStatisticsSummary['byMonthAndType'];
  return { rows: byMonthAndType.reduce((a, r) => a + r.count, 0), byMonthAndType };
}
