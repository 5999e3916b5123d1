/**
 * The retention policy in force and its history (docs/retention.md,
 * "Policy"). Each save is a new row of retention_policy_versions (migration
 * 0021); version 1 is the shipped default, so every destruction can name the
 * version it applied.
 */
import type { RetentionPeriods, RetentionPolicy } from '../../contract/retention-types';
import type { Db } from '../db/types';

/** The clinics' defaults (docs/compliance.md, "Retention"). */
export const DEFAULT_PERIODS: RetentionPeriods = {
  clinicalMonthsAfterLastTreatment: 120,
  personalMonthsAfterLastInteraction: 36,
  childUntilBirthday: 25,
  childAged17UntilBirthday: 26,
  requestMonthsAfterClosing: 36,
};

interface PolicyRow {
  version: number;
  clinical_months_after_last_treatment: number;
  personal_months_after_last_interaction: number;
  child_until_birthday: number;
  child_aged17_until_birthday: number;
  request_months_after_closing: number;
  saved_at: string;
  saved_by: string | null;
}

function toPolicy(row: PolicyRow): RetentionPolicy {
  return {
    version: row.version,
    clinicalMonthsAfterLastTreatment: row.clinical_months_after_last_treatment,
    personalMonthsAfterLastInteraction: row.personal_months_after_last_interaction,
    childUntilBirthday: row.child_until_birthday,
    childAged17UntilBirthday: row.child_aged17_until_birthday,
    requestMonthsAfterClosing: row.request_months_after_closing,
    savedAt: row.saved_at,
    savedBy: row.saved_by,
  };
}

/** The policy in force: the newest version. */
export function currentPolicy(db: Db): RetentionPolicy {
  const row = db.prepare('SELECT * FROM retention_policy_versions ORDER BY version DESC LIMIT 1').get() as PolicyRow | undefined;
  // Migration 0021 writes version 1; this covers only a table emptied by hand.
  return row ? toPolicy(row) : { version: 1, ...DEFAULT_PERIODS, savedAt: '1970-01-01T00:00:00.000Z', savedBy: null };
}

/** One version, or null (a certificate names the version it applied). */
export function policyVersion(db: Db, version: number): RetentionPolicy | null {
  const row = db.prepare('SELECT * FROM retention_policy_versions WHERE version = ?').get(version) as PolicyRow | undefined;
  return row ? toPolicy(row) : null;
}

/** Every version, newest first. */
export function policyHistory(db: Db): RetentionPolicy[] {
  return (db.prepare('SELECT * FROM retention_policy_versions ORDER BY version DESC').all() as PolicyRow[]).map(toPolicy);
}

/** Saves the periods as the next version (the caller checks them and writes the audit entry in the same transaction). */
export function insertPolicyVersion(db: Db, periods: RetentionPeriods, savedAt: string, savedBy: string): RetentionPolicy {
  const version = currentPolicy(db).version + 1;
  db.prepare(
    `INSERT INTO retention_policy_versions (version, clinical_months_after_last_treatment, personal_months_after_last_interaction,
       child_until_birthday, child_aged17_until_birthday, request_months_after_closing, saved_at, saved_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    version,
    periods.clinicalMonthsAfterLastTreatment,
    periods.personalMonthsAfterLastInteraction,
    periods.childUntilBirthday,
    periods.childAged17UntilBirthday,
    periods.requestMonthsAfterClosing,
    savedAt,
    savedBy,
  );
  return currentPolicy(db);
}
