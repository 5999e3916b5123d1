import type { Migration } from '../migration-types';

/**
 * Search at 200,000 clients (issue #9): a ranked search orders up to 500
 * matches by score and then by each client's last interaction. Reading that
 * one date from `clients` meant reading each match's whole row, about six rows
 * to a 4 KB page, so nearly every match was a page read and, in the vault, a
 * page decrypted once the table outgrew the page cache. This narrow copy of
 * the date, keyed like client_search by clients.rowid, is ~7 MB at 200,000
 * clients and stays in the cache; the full rows are read only for the page of
 * results shown (src-main/core/clients/client-search.ts).
 *
 * Kept by triggers, in the same transaction as every change to clients, so it
 * cannot disagree with them whichever code writes the row.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'client-recency',
  up(db) {
    db.exec(`
      CREATE TABLE client_recency (
        client_rowid        INTEGER PRIMARY KEY,   -- clients.rowid, as client_search
        last_interaction_at TEXT NOT NULL
      ) STRICT;
      INSERT INTO client_recency (client_rowid, last_interaction_at) SELECT rowid, last_interaction_at FROM clients;
      CREATE TRIGGER client_recency_on_insert AFTER INSERT ON clients
      BEGIN
        INSERT INTO client_recency (client_rowid, last_interaction_at) VALUES (NEW.rowid, NEW.last_interaction_at);
      END;
      CREATE TRIGGER client_recency_on_update AFTER UPDATE OF last_interaction_at ON clients
      BEGIN
        UPDATE client_recency SET last_interaction_at = NEW.last_interaction_at WHERE client_rowid = NEW.rowid;
      END;
      CREATE TRIGGER client_recency_on_delete AFTER DELETE ON clients
      BEGIN
        DELETE FROM client_recency WHERE client_rowid = OLD.rowid;
      END;
    `);
  },
};
