/**
 * Test support (not shipped code): turns the consent ledger of a vault whose
 * ledger is still empty back into what migrations 1-8 leave (the 0004 and
 * 0005 shape, wording as text, no consent_wordings or consent_notice_basis),
 * for tests that rewind a new vault to an earlier build's schema. The objects
 * are taken from a scratch database migrated to version 8, so they are exact.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { migrate } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations';
import type { Db } from '../db/types';

const LEDGER_TABLES = ['consent_events', 'consent_current'];

export function undoMigration0009(db: Db): void {
  const events = (db.prepare('SELECT count(*) AS n FROM consent_events').get() as { n: number }).n;
  if (events !== 0) throw new Error('undoMigration0009 rewinds an empty ledger only');
  const scratch = new Database(':memory:');
  migrate(scratch, MIGRATIONS, 8);
  const objects = scratch
    .prepare(
      `SELECT sql FROM sqlite_master WHERE tbl_name IN (${LEDGER_TABLES.map(() => '?').join(', ')}) AND sql IS NOT NULL
        ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, tbl_name = 'consent_current' DESC, name`,
    )
    .all(...LEDGER_TABLES) as { sql: string }[];
  scratch.close();
  db.exec(`
    DROP TABLE consent_notice_basis;
    DROP TABLE consent_current;
    DROP TABLE consent_events;
    DROP TABLE consent_wordings;
  `);
  for (const { sql } of objects) db.exec(sql);
}
