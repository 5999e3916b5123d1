/**
 * Runs one transaction with synchronous = FULL, so that when it returns the
 * commit is on the disk, not only in the operating system's cache. The vault
 * runs at NORMAL (src-main/core/db/open-database.ts), which can lose the last
 * commits on power loss; that is harmless for most writes but not for one that
 * a record outside the database is about to vouch for (a rollback generation, a
 * signed audit checkpoint): the record would then be newer than the database
 * and raise a false alarm. One extra fsync per sign-in or lock.
 */
import type { Db } from './types';

export function durableTransaction<T>(db: Db, fn: () => T): T {
  // Inside a caller's transaction the commit is theirs to make; this one is then a savepoint.
  if (db.inTransaction) return db.transaction(fn)();
  db.pragma('synchronous = FULL');
  try {
    return db.transaction(fn)();
  } finally {
    db.pragma('synchronous = NORMAL');
  }
}
