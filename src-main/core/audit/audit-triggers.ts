/**
 * The append-only triggers on the audit log (migration 0001) and its
 * checkpoints (migration 0006) must exist exactly as the migrations wrote
 * them: someone holding the database key can drop or rewrite a trigger, and
 * one extra trigger (say, BEFORE INSERT ... RAISE(IGNORE)) could silently
 * swallow every new entry. Reading sqlite_master costs microseconds.
 */
import type { Db } from '../db/types';

const APPEND_ONLY = (name: string, event: 'UPDATE' | 'DELETE', table: string, message: string) =>
  `CREATE TRIGGER ${name} BEFORE ${event} ON ${table} BEGIN SELECT RAISE(ABORT, '${message}'); END`;

/** Each trigger's SQL as its migration created it, whitespace collapsed. */
export const EXPECTED_AUDIT_TRIGGERS: Readonly<Record<string, string>> = {
  audit_log_no_update: APPEND_ONLY('audit_log_no_update', 'UPDATE', 'audit_log', 'audit log is append-only'),
  audit_log_no_delete: APPEND_ONLY('audit_log_no_delete', 'DELETE', 'audit_log', 'audit log is append-only'),
  audit_checkpoints_no_update: APPEND_ONLY('audit_checkpoints_no_update', 'UPDATE', 'audit_checkpoints', 'audit checkpoints are append-only'),
  audit_checkpoints_no_delete: APPEND_ONLY('audit_checkpoints_no_delete', 'DELETE', 'audit_checkpoints', 'audit checkpoints are append-only'),
};

const normalise = (sql: string) => sql.replace(/\s+/g, ' ').trim();

/** Problems with the triggers, each naming the trigger; empty when they are exactly as expected. */
export function auditTriggerProblems(db: Db): string[] {
  const rows = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('audit_log', 'audit_checkpoints')`)
    .all() as { name: string; sql: string | null }[];
  const found = new Map(rows.map((r) => [r.name, normalise(r.sql ?? '')]));
  const problems: string[] = [];
  for (const [name, sql] of Object.entries(EXPECTED_AUDIT_TRIGGERS)) {
    const actual = found.get(name);
    if (actual === undefined) problems.push(`the audit log's append-only protection ${name} has been removed`);
    else if (actual !== sql) problems.push(`the audit log's append-only protection ${name} has been changed`);
  }
  for (const name of found.keys()) {
    if (!Object.hasOwn(EXPECTED_AUDIT_TRIGGERS, name)) problems.push(`an unexpected trigger ${name} has been added to the audit log`);
  }
  return problems;
}
