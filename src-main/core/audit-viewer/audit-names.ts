/**
 * The names an audit page is shown with (issue #10 item 6, docs/audit-viewer.md):
 * each entry's client and, for entries about staff, that member's name, read
 * for the page's entries only, when the page is asked for. The log itself
 * keeps ids only (docs/compliance.md "Security and accountability").
 *
 * Client names are personal data the audit log does not otherwise reveal, so
 * the permission is checked here as well as by the dispatcher: whatever method
 * one day returns audit entries, names come only with 'audit.read'.
 */
import type { AuditEntry, AuditPage } from '../../contract/types';
import type { Db } from '../db/types';
import type { Session } from '../session/session';
import { requirePermission } from '../session/session';

interface NameRow {
  id: string;
  name: string;
}

const statements = new WeakMap<Db, { clients: ReturnType<Db['prepare']>; staff: ReturnType<Db['prepare']> }>();

/** One read per table per page: the ids go in as a JSON array, each found by its primary key. */
function namesStatements(db: Db) {
  let s = statements.get(db);
  if (!s) {
    s = {
      clients: db.prepare(
        `SELECT id, first_name || ' ' || last_name AS name FROM clients WHERE id IN (SELECT value FROM json_each(?))`,
      ),
      staff: db.prepare(`SELECT id, display_name AS name FROM staff WHERE id IN (SELECT value FROM json_each(?))`),
    };
    statements.set(db, s);
  }
  return s;
}

function lookUp(stmt: ReturnType<Db['prepare']>, ids: Set<string>): Map<string, string> {
  if (ids.size === 0) return new Map();
  const rows = stmt.all(JSON.stringify([...ids])) as NameRow[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The entries with clientName and subjectName filled in; FORBIDDEN for a role that may not read the audit log. */
export function withNames(db: Db, session: Session, entries: AuditEntry[]): AuditEntry[] {
  requirePermission(session, 'audit.read');
  const clientIds = new Set<string>();
  const staffIds = new Set<string>();
  for (const e of entries) {
    if (e.clientId) clientIds.add(e.clientId);
    if (e.subjectType === 'staff' && e.subjectId) staffIds.add(e.subjectId);
  }
  const { clients, staff } = namesStatements(db);
  const clientNames = lookUp(clients, clientIds);
  const staffNames = lookUp(staff, staffIds);
  return entries.map((e) => ({
    ...e,
    clientName: e.clientId ? (clientNames.get(e.clientId) ?? null) : null,
    subjectName: e.subjectType === 'staff' && e.subjectId ? (staffNames.get(e.subjectId) ?? null) : null,
  }));
}

export function pageWithNames(db: Db, session: Session, page: AuditPage): AuditPage {
  return { ...page, entries: withNames(db, session, page.entries) };
}
