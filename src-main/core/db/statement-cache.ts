/**
 * Prepared statements kept per database connection, by their SQL text.
 * Preparing costs tens of microseconds a statement; code that runs the same
 * few dozen statements for each of a thousand clients (the destruction
 * mechanism in a retention batch) would spend milliseconds a client on it.
 * For statements used in the default row mode only (no raw/pluck/expand):
 * those modes would stick to the shared statement.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Db } from './types';

type Statement = BetterSqlite3.Statement<unknown[]>;
const caches = new WeakMap<Db, Map<string, Statement>>();

export function preparedStatement(db: Db, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.prepare(sql)));
  return statement;
}
