/**
 * An unencrypted database with the vault's schema, for tests and for the
 * benchmark's encrypted-versus-plain comparison. Never used for real data:
 * a clinic's records live only in the SQLCipher vault.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { migrate } from '../db/migrate';
import { VAULT_CACHE_KIB } from '../db/open-database';
import type { Db } from '../db/types';

export interface PlainStaff {
  id: string;
  username: string;
  role: 'owner' | 'practitioner' | 'reception';
}

/** Fixed staff for generator tests: the clinic made is then the same on every run. */
export const TEST_STAFF: readonly PlainStaff[] = [
  { id: 'st_owner0000000000000000', username: 'owner', role: 'owner' },
  { id: 'st_priya0000000000000000', username: 'priya', role: 'practitioner' },
  { id: 'st_pavel0000000000000000', username: 'pavel', role: 'practitioner' },
];

export const TEST_CLINIC_STAFF = { ownerId: TEST_STAFF[0]!.id, practitionerIds: [TEST_STAFF[1]!.id, TEST_STAFF[2]!.id] };

/** `path` ':memory:' (the default) or a file; same pragmas as the vault, minus the key. */
export function openPlainClinicDatabase(path = ':memory:', staff: readonly PlainStaff[] = TEST_STAFF): Db {
  const db = new Database(path);
  if (path !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  // The vault's page cache, not SQLite's 2 MB default: the benchmark compares the
  // two on equal terms, so the difference it reports is the decryption alone.
  db.pragma(`cache_size = -${VAULT_CACHE_KIB}`);
  migrate(db);
  const insert = db.prepare(`INSERT INTO staff (id, username, display_name, role, created_at) VALUES (?, ?, ?, ?, '2020-01-01T09:00:00.000Z')`);
  db.transaction(() => staff.forEach((s) => insert.run(s.id, s.username, s.username, s.role)))();
  return db;
}
