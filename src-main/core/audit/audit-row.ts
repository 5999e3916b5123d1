/** One row of the audit_log table as SQLite returns it (migration 0001), in one place for every reader. */
export interface AuditRow {
  seq: number;
  at: string;
  staff_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  detail: string | null;
  prev_hash: string;
  hash: string;
}
