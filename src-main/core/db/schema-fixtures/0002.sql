-- Schema after migration 0002 (client-records), written by `npm run schema:fixture`.
-- Never edit: a migration that no longer produces this was edited after landing (CONTRIBUTING.md).
-- index audit_by_action on audit_log
CREATE INDEX audit_by_action ON audit_log (action, seq);
-- index audit_by_staff on audit_log
CREATE INDEX audit_by_staff ON audit_log (staff_id, seq);
-- index audit_by_subject on audit_log
CREATE INDEX audit_by_subject ON audit_log (subject_id, seq);
-- index clients_by_last_interaction on clients
CREATE INDEX clients_by_last_interaction ON clients (last_interaction_at);
-- index clients_by_last_name on clients
CREATE INDEX clients_by_last_name ON clients (last_name, first_name);
-- index field_changes_by_client on field_changes
CREATE INDEX field_changes_by_client ON field_changes (client_id, changed_at);
-- index field_disputes_by_client on field_disputes
CREATE INDEX field_disputes_by_client ON field_disputes (client_id);
-- index photos_by_client on photos
CREATE INDEX photos_by_client ON photos (client_id, taken_on);
-- index sqlite_autoindex_client_sections_1 on client_sections
-- (made by SQLite)
-- index sqlite_autoindex_clients_1 on clients
-- (made by SQLite)
-- index sqlite_autoindex_field_changes_1 on field_changes
-- (made by SQLite)
-- index sqlite_autoindex_field_disputes_1 on field_disputes
-- (made by SQLite)
-- index sqlite_autoindex_files_1 on files
-- (made by SQLite)
-- index sqlite_autoindex_files_2 on files
-- (made by SQLite)
-- index sqlite_autoindex_meta_1 on meta
-- (made by SQLite)
-- index sqlite_autoindex_photos_1 on photos
-- (made by SQLite)
-- index sqlite_autoindex_settings_1 on settings
-- (made by SQLite)
-- index sqlite_autoindex_staff_1 on staff
-- (made by SQLite)
-- index sqlite_autoindex_staged_uploads_1 on staged_uploads
-- (made by SQLite)
-- index sqlite_autoindex_treatment_types_1 on treatment_types
-- (made by SQLite)
-- index sqlite_autoindex_treatments_1 on treatments
-- (made by SQLite)
-- index staff_username_active on staff
CREATE UNIQUE INDEX staff_username_active ON staff (username) WHERE removed_at IS NULL;
-- index treatments_by_batch on treatments
CREATE INDEX treatments_by_batch ON treatments (batch_key) WHERE batch_key <> '';
-- index treatments_by_client on treatments
CREATE INDEX treatments_by_client ON treatments (client_id, treated_on);
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
-- table client_search on client_search
CREATE VIRTUAL TABLE client_search USING fts5(
names, phones, email, postcode, dob,
tokenize = 'unicode61 remove_diacritics 2',
prefix = '2 3',
content = '',
contentless_delete = 1
);
-- table client_search_config on client_search_config
CREATE TABLE 'client_search_config'(k PRIMARY KEY, v) WITHOUT ROWID;
-- table client_search_data on client_search_data
CREATE TABLE 'client_search_data'(id INTEGER PRIMARY KEY, block BLOB);
-- table client_search_docsize on client_search_docsize
CREATE TABLE 'client_search_docsize'(id INTEGER PRIMARY KEY, sz BLOB, origin INTEGER);
-- table client_search_idx on client_search_idx
CREATE TABLE 'client_search_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
-- table client_sections on client_sections
CREATE TABLE client_sections (
client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
section TEXT NOT NULL CHECK (section IN ('medical', 'lifestyle')),
data TEXT NOT NULL,
reviewed_on TEXT,
updated_at TEXT NOT NULL,
updated_by TEXT NOT NULL,
PRIMARY KEY (client_id, section)
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
, gender TEXT NOT NULL DEFAULT '', address_lines TEXT NOT NULL DEFAULT '[]', other_phones TEXT NOT NULL DEFAULT '[]', nhs_number TEXT NOT NULL DEFAULT '', occupation TEXT NOT NULL DEFAULT '', treatment_interests TEXT NOT NULL DEFAULT '[]', gp TEXT, notes TEXT NOT NULL DEFAULT '', last_visit_on TEXT) STRICT;
-- table field_changes on field_changes
CREATE TABLE field_changes (
id TEXT PRIMARY KEY,
client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
section TEXT NOT NULL CHECK (section IN ('identity', 'medical', 'lifestyle')),
field TEXT NOT NULL,
old_value TEXT,
new_value TEXT,
changed_at TEXT NOT NULL,
changed_by TEXT NOT NULL,
reason TEXT NOT NULL DEFAULT ''
) STRICT;
-- table field_disputes on field_disputes
CREATE TABLE field_disputes (
id TEXT PRIMARY KEY,
client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
section TEXT NOT NULL CHECK (section IN ('identity', 'medical', 'lifestyle')),
field TEXT NOT NULL,
note TEXT NOT NULL,
recorded_at TEXT NOT NULL,
recorded_by TEXT NOT NULL,
resolved_at TEXT,
resolved_by TEXT
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
-- table photos on photos
CREATE TABLE photos (
id TEXT PRIMARY KEY,
client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
treatment_id TEXT REFERENCES treatments (id) ON DELETE SET NULL,
file_id TEXT NOT NULL REFERENCES files (id),
thumb_file_id TEXT NOT NULL REFERENCES files (id),
area TEXT NOT NULL,
stage TEXT NOT NULL CHECK (stage IN ('before', 'after', 'during', 'other')),
taken_on TEXT NOT NULL,
width INTEGER NOT NULL,
height INTEGER NOT NULL,
media_type TEXT NOT NULL,
consent_scopes TEXT NOT NULL DEFAULT '["clinical-record"]', -- JSON array
consent_reference TEXT NOT NULL DEFAULT '',
created_at TEXT NOT NULL,
created_by TEXT NOT NULL
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
-- table staged_uploads on staged_uploads
CREATE TABLE staged_uploads (
id TEXT PRIMARY KEY,
file_id TEXT NOT NULL REFERENCES files (id),
file_name TEXT NOT NULL,
size INTEGER NOT NULL,
created_at TEXT NOT NULL,
created_by TEXT NOT NULL
) STRICT;
-- table treatment_types on treatment_types
CREATE TABLE treatment_types (
id TEXT PRIMARY KEY,
name TEXT NOT NULL,
injectable INTEGER NOT NULL CHECK (injectable IN (0, 1)),
toxin_or_filler INTEGER NOT NULL CHECK (toxin_or_filler IN (0, 1)),
active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
sort_order INTEGER NOT NULL DEFAULT 0
) STRICT;
-- table treatments on treatments
CREATE TABLE treatments (
id TEXT PRIMARY KEY,
client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
treated_on TEXT NOT NULL,
practitioner_id TEXT NOT NULL REFERENCES staff (id),
type_id TEXT NOT NULL REFERENCES treatment_types (id),
areas TEXT NOT NULL DEFAULT '[]', -- JSON array
product TEXT NOT NULL DEFAULT '',
batch_number TEXT NOT NULL DEFAULT '',
-- Upper-case, no spaces or dashes: "ab 12-3" and "AB123" are one batch for a recall.
batch_key TEXT NOT NULL DEFAULT '',
batch_expiry TEXT,
amount REAL,
amount_unit TEXT,
consent_form_file_id TEXT REFERENCES files (id),
notes TEXT NOT NULL DEFAULT '',
aftercare TEXT NOT NULL DEFAULT '',
follow_up_on TEXT,
adverse_event TEXT NOT NULL DEFAULT '',
mhra_reported INTEGER NOT NULL DEFAULT 0 CHECK (mhra_reported IN (0, 1)),
mhra_reference TEXT NOT NULL DEFAULT '',
doctor_exception TEXT, -- JSON {doctorName, gmcNumber} or NULL
created_at TEXT NOT NULL,
created_by TEXT NOT NULL
) STRICT;
-- trigger audit_log_no_delete on audit_log
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
-- trigger audit_log_no_update on audit_log
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
