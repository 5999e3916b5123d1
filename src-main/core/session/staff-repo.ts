/** Staff accounts in the database. Removed staff keep their row so the audit log still names them. */
import type { Role } from '../../contract/permissions';
import type { StaffMember } from '../../contract/types';
import type { Db } from '../db/types';

interface StaffRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  created_at: string;
  removed_at: string | null;
}

function toMember(r: StaffRow): StaffMember {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    createdAt: r.created_at,
    removedAt: r.removed_at,
  };
}

export class StaffRepo {
  constructor(private readonly db: Db) {}

  insert(member: Omit<StaffMember, 'removedAt'>): void {
    this.db
      .prepare(
        `INSERT INTO staff (id, username, display_name, role, created_at)
         VALUES (@id, @username, @displayName, @role, @createdAt)`,
      )
      .run(member);
  }

  get(id: string): StaffMember | undefined {
    const row = this.db.prepare('SELECT * FROM staff WHERE id = ?').get(id) as StaffRow | undefined;
    return row && toMember(row);
  }

  activeByUsername(username: string): StaffMember | undefined {
    const row = this.db
      .prepare('SELECT * FROM staff WHERE username = ? AND removed_at IS NULL')
      .get(username) as StaffRow | undefined;
    return row && toMember(row);
  }

  /** Active staff first, then removed; each group by name. */
  list(): StaffMember[] {
    return (
      this.db
        .prepare('SELECT * FROM staff ORDER BY removed_at IS NOT NULL, display_name COLLATE NOCASE')
        .all() as StaffRow[]
    ).map(toMember);
  }

  countActiveOwners(): number {
    return (
      this.db.prepare(`SELECT count(*) AS n FROM staff WHERE role = 'owner' AND removed_at IS NULL`).get() as {
        n: number;
      }
    ).n;
  }

  markRemoved(id: string, at: string): void {
    this.db.prepare('UPDATE staff SET removed_at = ? WHERE id = ? AND removed_at IS NULL').run(at, id);
  }
}
