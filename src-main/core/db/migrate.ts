/**
 * Applies numbered migrations in one transaction and records the result in
 * PRAGMA user_version. A database from a newer app version is refused before
 * anything is written to it.
 */
import { AppError } from '../../contract/errors';
import type { Migration } from './migration-types';
import { MIGRATIONS } from './migrations';
import type { Db } from './types';

export const LATEST_VERSION = MIGRATIONS.length;

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function checkNotFromFuture(db: Db, migrations: readonly Migration[] = MIGRATIONS): void {
  if (schemaVersion(db) > migrations.length) throw new AppError('VAULT_FROM_NEWER_VERSION');
}

/** Brings the database up to `target` (default: latest). Returns the versions applied. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS, target = migrations.length): number[] {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} is numbered ${m.version}, expected ${i + 1}`);
  });
  checkNotFromFuture(db, migrations);
  const from = schemaVersion(db);
  const pending = migrations.filter((m) => m.version > from && m.version <= target);
  if (pending.length === 0) return [];
  db.transaction(() => {
    for (const m of pending) m.up(db);
    db.pragma(`user_version = ${target}`);
  })();
  return pending.map((m) => m.version);
}
