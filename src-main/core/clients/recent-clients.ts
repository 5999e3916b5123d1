/**
 * The home page's work list of clients (issue #10 item 5). Reception shares a
 * desk and answers for the whole clinic, so it gets everyone dealt with today
 * (any interaction: a treatment, a contact or consent change) plus whoever it
 * opened today. A practitioner or the owner gets the clients they themselves
 * opened lately, newest first, read from their own entries in the audit log
 * (audit_by_staff index; the log holds ids only, and names are looked up here).
 * Identity only: nothing clinical, so every role may have its own list.
 */
import type { RecentClient, RecentClients } from '../../contract/alert-types';
import { londonToday } from '../../contract/field-schemas';
import { can } from '../../contract/permissions';
import type { Db } from '../db/types';
import type { ServiceContext } from '../service/service-context';
import { londonMidnightUtc } from '../time/london-time';

/** How far back through someone's own audit entries to look for distinct clients. */
const OWN_ENTRIES_SCANNED = 1000;

interface NameRow {
  id: string;
  first_name: string;
  last_name: string;
  preferred_name: string | null;
  date_of_birth: string | null;
}

function ownOpenings(db: Db, staffId: string, since: string | null): { id: string; at: string }[] {
  const rows = db
    .prepare(
      `SELECT subject_id AS id, at FROM audit_log
       WHERE staff_id = ? AND subject_type = 'client' AND subject_id IS NOT NULL
       ORDER BY seq DESC LIMIT ?`,
    )
    .all(staffId, OWN_ENTRIES_SCANNED) as { id: string; at: string }[];
  return since === null ? rows : rows.filter((r) => r.at >= since);
}

function activeSince(db: Db, since: string, limit: number): { id: string; at: string }[] {
  return db
    .prepare('SELECT id, last_interaction_at AS at FROM clients WHERE last_interaction_at >= ? ORDER BY last_interaction_at DESC LIMIT ?')
    .all(since, limit) as { id: string; at: string }[];
}

/** The newest sighting of each client, newest first, at most `limit`. */
function newestDistinct(sightings: { id: string; at: string }[], limit: number): { id: string; at: string }[] {
  const latest = new Map<string, string>();
  for (const s of sightings) {
    const seen = latest.get(s.id);
    if (seen === undefined || s.at > seen) latest.set(s.id, s.at);
  }
  return [...latest]
    .map(([id, at]) => ({ id, at }))
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, limit);
}

export function recentClients(ctx: ServiceContext, limit: number): RecentClients {
  const { db } = ctx;
  const staffId = ctx.actor.id;
  const clinical = can(ctx.actor.role, 'clinical.read');
  const scope: RecentClients['scope'] = clinical ? 'mine' : 'today';
  const sightings = clinical
    ? ownOpenings(db, staffId, null)
    : (() => {
        const since = londonMidnightUtc(londonToday(ctx.clock.now())).toISOString();
        return [...activeSince(db, since, limit), ...ownOpenings(db, staffId, since)];
      })();
  const byId = db.prepare('SELECT id, first_name, last_name, preferred_name, date_of_birth FROM clients WHERE id = ?');
  const clients: RecentClient[] = [];
  for (const s of newestDistinct(sightings, limit)) {
    // A client merged away or removed since is left out rather than shown as a broken link.
    const row = byId.get(s.id) as NameRow | undefined;
    if (!row) continue;
    clients.push({
      id: row.id,
      firstName: row.first_name,
      lastName: row.last_name,
      preferredName: row.preferred_name ?? '',
      dateOfBirth: row.date_of_birth ?? '',
      at: s.at,
    });
  }
  return { scope, clients };
}
