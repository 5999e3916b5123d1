-- Schema after migration 0001 (foundation), written by `npm run schema:fixture`.
-- Never edit: a migration that no longer produces this was edited after landing (CONTRIBUTING.md).
-- index audit_by_action on audit_log
CREATE INDEX audit_by_action ON audit_log (action, seq);
-- index audit_by_staff on audit_log
CREATE INDEX audit_by_staff ON audit_log (staff_id, seq);
-- index audit_by_subject on audit_log
CREATE INDEX audit_by_subject ON audit_log (subject_id, seq);
-- index clients_by_last_name on clients
CREATE INDEX clients_by_last_name ON clients (last_name, first_name);
-- index sqlite_autoindex_clients_1 on clients
-- (made by SQLite)
-- index sqlite_autoindex_files_1 on files
-- (made by SQLite)
-- index sqlite_autoindex_files_2 on files
-- (made by SQLite)
-- index sqlite_autoindex_meta_1 on meta
-- (made by SQLite)
-- index sqlite_autoindex_settings_1 on settings
-- (made by SQLite)
-- index sqlite_autoindex_staff_1 on staff
-- (made by SQLite)
-- index staff_username_active on staff
CREATE UNIQUE INDEX staff_username_active ON staff (username) WHERE removed_at IS NULL;
-- table audit_log on audit_log
CREATE TABLE audit_log (
seq INTEGER PRIMARY KEY,
at TEXT NOT NULL,
staff_id TEXT,
action TEXT NOT NULL,
subject_type TEXT,
subject_id TEXT,
detail TEXT, -- JSON of ids, counts and flags
prev_hash TEXT NOT NULL,
hash TEXT NOT NULL
) STRICT;
-- table clients on clients
CREATE TABLE clients (
id TEXT PRIMARY KEY,
first_name TEXT NOT NULL,
last_name TEXT NOT NULL,
preferred_name TEXT,
date_of_birth TEXT,
email TEXT,
mobile TEXT,
postcode TEXT,
created_at TEXT NOT NULL,
updated_at TEXT NOT NULL,
last_interaction_at TEXT NOT NULL
) STRICT;
-- table files on files
CREATE TABLE files (
id TEXT PRIMARY KEY,
blob_name TEXT NOT NULL UNIQUE,
file_key BLOB NOT NULL,
nonce_prefix BLOB NOT NULL,
size INTEGER NOT NULL,
media_type TEXT NOT NULL,
created_at TEXT NOT NULL,
created_by TEXT
) STRICT;
-- table meta on meta
CREATE TABLE meta (
key TEXT PRIMARY KEY,
value TEXT NOT NULL
) STRICT;
-- table settings on settings
CREATE TABLE settings (
key TEXT PRIMARY KEY,
value TEXT NOT NULL -- JSON
) STRICT;
-- table staff on staff
CREATE TABLE staff (
id TEXT PRIMARY KEY,
username TEXT NOT NULL COLLATE NOCASE,
display_name TEXT NOT NULL,
role TEXT NOT NULL CHECK (role IN ('owner', 'practitioner', 'reception')),
created_at TEXT NOT NULL,
removed_at TEXT
) STRICT;
-- trigger audit_log_no_delete on audit_log
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
-- trigger audit_log_no_update on audit_log
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
