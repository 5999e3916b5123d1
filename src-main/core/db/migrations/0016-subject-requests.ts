import type { Migration } from '../migration-types';

/**
 * The register of data subject requests (issue #12 item 1, docs/requests.md).
 *
 * subject_requests: one row per request, as it stands now. client_id is NULL
 * while the person is not matched to a client (person_name holds the name they
 * gave), and has no foreign key on purpose: the register is the clinic's record
 * that it handled the request (UK GDPR Art 5(2)), so it outlives an erasure of
 * the client it names, by id only. Dates are YYYY-MM-DD; the due date is not
 * stored but computed on each read from these dates and the clinic's working
 * days, so a bank holiday the owner adds later moves it.
 *
 * subject_request_clarifications: each clarification asked and answered (UK
 * GDPR Art 12A: the days in between stop the clock).
 *
 * subject_request_history: every change to a request, oldest first, never
 * updated: the request's own history. `detail` is JSON of what changed, and
 * may hold the request's own words (a reason, a note); the audit log gets the
 * ids only.
 */
export const migration0016: Migration = {
  version: 16,
  name: 'subject-requests',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS subject_requests (
        id                     TEXT PRIMARY KEY,
        reference              TEXT NOT NULL UNIQUE,
        client_id              TEXT,
        person_name            TEXT,
        types                  TEXT NOT NULL,            -- comma-separated request types
        channel                TEXT NOT NULL CHECK (channel IN ('letter', 'email', 'phone', 'in_person', 'web_form')),
        received_on            TEXT NOT NULL,
        requester_kind         TEXT NOT NULL CHECK (requester_kind IN ('self', 'third_party')),
        requester_name         TEXT,
        requester_relationship TEXT,
        requester_authority    TEXT,
        requester_proof        TEXT,
        authority_requested_on TEXT,
        authority_received_on  TEXT,
        identity_needed        TEXT NOT NULL DEFAULT '',
        identity_requested_on  TEXT,
        identity_received_on   TEXT,
        fee_reason             TEXT CHECK (fee_reason IN ('manifestly_unfounded', 'manifestly_excessive')),
        fee_amount_pence       INTEGER,
        fee_requested_on       TEXT,
        fee_received_on        TEXT,
        extension_reason       TEXT,
        extension_told_on      TEXT,
        extension_told_late    INTEGER NOT NULL DEFAULT 0 CHECK (extension_told_late IN (0, 1)),
        status                 TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        outcome                TEXT,
        response_sent_on       TEXT,
        notes                  TEXT NOT NULL DEFAULT '',
        logged_at              TEXT NOT NULL,
        logged_by              TEXT NOT NULL REFERENCES staff (id),
        updated_at             TEXT NOT NULL,
        CHECK (client_id IS NOT NULL OR person_name IS NOT NULL)
      ) STRICT;
      -- The dashboard reads the open ones; a client's record lists theirs.
      CREATE INDEX IF NOT EXISTS subject_requests_open ON subject_requests (status, received_on);
      CREATE INDEX IF NOT EXISTS subject_requests_by_client ON subject_requests (client_id) WHERE client_id IS NOT NULL;

      CREATE TABLE IF NOT EXISTS subject_request_clarifications (
        request_id  TEXT NOT NULL REFERENCES subject_requests (id) ON DELETE CASCADE,
        seq         INTEGER NOT NULL,
        asked_on    TEXT NOT NULL,
        answered_on TEXT,
        PRIMARY KEY (request_id, seq)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE IF NOT EXISTS subject_request_history (
        seq        INTEGER PRIMARY KEY AUTOINCREMENT,
        request_id TEXT NOT NULL REFERENCES subject_requests (id) ON DELETE CASCADE,
        at         TEXT NOT NULL,
        staff_id   TEXT REFERENCES staff (id),
        kind       TEXT NOT NULL,
        detail     TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE INDEX IF NOT EXISTS subject_request_history_by_request ON subject_request_history (request_id, seq);
      CREATE TRIGGER IF NOT EXISTS subject_request_history_no_update BEFORE UPDATE ON subject_request_history
        BEGIN SELECT RAISE(ABORT, 'a request''s history is kept as recorded'); END;
    `);
  },
};
