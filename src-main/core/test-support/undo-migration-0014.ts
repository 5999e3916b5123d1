/**
 * Puts a vault back as it was before migration 0014 (forgiving search): tests
 * that rebuild an older vault's schema drop these first, so the migration can
 * run again on reopen.
 */
import type { Db } from '../db/types';

export function undoMigration0014(db: Db): void {
  db.exec(`
    DROP TRIGGER client_search_on_delete;
    DROP TABLE client_name_grams;
    DROP TABLE client_name_words;
    DROP TABLE name_words;
    DROP TABLE name_word_keys;
    DROP INDEX clients_by_birth;
  `);
}
