import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';

/** An open, unlocked SQLCipher database handle. */
export type Db = BetterSqlite3.Database;
