-- Schema after migration 0025 (destruction-lookups), written by `npm run schema:fixture`.
-- Never edit: a migration that no longer produces this was edited after landing (CONTRIBUTING.md).
-- index audit_by_action on audit_log
CREATE INDEX audit_by_action ON audit_log (action, seq);
-- index audit_by_staff on audit_log
CREATE INDEX audit_by_staff ON audit_log (staff_id, seq);
-- index audit_by_subject on audit_log
CREATE INDEX audit_by_subject ON audit_log (subject_id, seq);
-- index audit_checkpoints_by_seq on audit_checkpoints
CREATE INDEX audit_checkpoints_by_seq ON audit_checkpoints (seq);
-- index audit_log_seq_only on audit_log
CREATE INDEX audit_log_seq_only ON audit_log (seq);
-- index audit_out_of_order_by_at on audit_out_of_order
CREATE INDEX audit_out_of_order_by_at ON audit_out_of_order (at);
-- index client_distinct_pairs_by_second on client_distinct_pairs
CREATE INDEX client_distinct_pairs_by_second ON client_distinct_pairs (second_id);
-- index client_merges_by_kept on client_merges
CREATE INDEX client_merges_by_kept ON client_merges (kept_id);
-- index client_restrictions_by_client on client_restrictions
CREATE INDEX client_restrictions_by_client ON client_restrictions (client_id);
-- index client_restrictions_open on client_restrictions
CREATE UNIQUE INDEX client_restrictions_open ON client_restrictions (client_id) WHERE lifted_at IS NULL;
-- index client_statements_by_client on client_statements
CREATE INDEX client_statements_by_client ON client_statements (client_id);
-- index clients_by_birth on clients
CREATE INDEX clients_by_birth ON clients (date_of_birth);
-- index clients_by_last_interaction on clients
CREATE INDEX clients_by_last_interaction ON clients (last_interaction_at);
-- index clients_by_last_name on clients
CREATE INDEX clients_by_last_name ON clients (last_name, first_name);
-- index clients_by_mobile on clients
CREATE INDEX clients_by_mobile ON clients (mobile);
-- index clients_marketing_objected on clients
CREATE INDEX clients_marketing_objected ON clients (id) WHERE marketing_objection_at IS NOT NULL;
-- index clients_with_other_phones on clients
CREATE INDEX clients_with_other_phones ON clients (id) WHERE other_phones <> '[]';
-- index consent_current_by_event on consent_current
CREATE INDEX consent_current_by_event ON consent_current (event_seq);
-- index consent_current_by_purpose on consent_current
CREATE INDEX consent_current_by_purpose ON consent_current
(purpose_id, client_id, occurred_at, explicit_regrant, basis, tps_checked_on, tps_registered, notice_id, wording_id)
WHERE state = 'granted' AND scope_key = '';
-- index consent_events_by_client on consent_events
CREATE INDEX consent_events_by_client ON consent_events (client_id, occurred_at);
-- index consent_events_by_evidence on consent_events
CREATE INDEX consent_events_by_evidence ON consent_events (evidence_file_id) WHERE evidence_file_id IS NOT NULL;
-- index consent_notice_basis_by_notice on consent_notice_basis
CREATE INDEX consent_notice_basis_by_notice ON consent_notice_basis (no_notice, oldest_notice);
-- index field_changes_by_client on field_changes
CREATE INDEX field_changes_by_client ON field_changes (client_id, changed_at);
-- index field_disputes_by_client on field_disputes
CREATE INDEX field_disputes_by_client ON field_disputes (client_id);
-- index legal_holds_by_client on legal_holds
CREATE INDEX legal_holds_by_client ON legal_holds (client_id);
-- index legal_holds_open on legal_holds
CREATE UNIQUE INDEX legal_holds_open ON legal_holds (client_id) WHERE released_on IS NULL;
-- index name_word_keys_by_word on name_word_keys
CREATE INDEX name_word_keys_by_word ON name_word_keys (word);
-- index photos_by_client on photos
CREATE INDEX photos_by_client ON photos (client_id, taken_on);
-- index photos_by_file on photos
CREATE INDEX photos_by_file ON photos (file_id);
-- index photos_by_thumb on photos
CREATE INDEX photos_by_thumb ON photos (thumb_file_id);
-- index rectification_decisions_by_client on rectification_decisions
CREATE INDEX rectification_decisions_by_client ON rectification_decisions (client_id);
-- index restriction_overrides_by_client on restriction_overrides
CREATE INDEX restriction_overrides_by_client ON restriction_overrides (client_id);
-- index retention_batch_items_by_client on retention_batch_items
CREATE INDEX retention_batch_items_by_client ON retention_batch_items (client_id, state);
-- index retention_reviews_by_client on retention_reviews
CREATE INDEX retention_reviews_by_client ON retention_reviews (client_id, category, kept_until);
-- index sqlite_autoindex_client_erasures_1 on client_erasures
-- (made by SQLite)
-- index sqlite_autoindex_client_merges_1 on client_merges
-- (made by SQLite)
-- index sqlite_autoindex_client_restrictions_1 on client_restrictions
-- (made by SQLite)
-- index sqlite_autoindex_client_sections_1 on client_sections
-- (made by SQLite)
-- index sqlite_autoindex_client_statements_1 on client_statements
-- (made by SQLite)
-- index sqlite_autoindex_clients_1 on clients
-- (made by SQLite)
-- index sqlite_autoindex_consent_events_1 on consent_events
-- (made by SQLite)
-- index sqlite_autoindex_consent_purposes_1 on consent_purposes
-- (made by SQLite)
-- index sqlite_autoindex_consent_wordings_1 on consent_wordings
-- (made by SQLite)
-- index sqlite_autoindex_destruction_in_progress_1 on destruction_in_progress
-- (made by SQLite)
-- index sqlite_autoindex_destruction_ledger_1 on destruction_ledger
-- (made by SQLite)
-- index sqlite_autoindex_field_changes_1 on field_changes
-- (made by SQLite)
-- index sqlite_autoindex_field_disputes_1 on field_disputes
-- (made by SQLite)
-- index sqlite_autoindex_files_1 on files
-- (made by SQLite)
-- index sqlite_autoindex_files_2 on files
-- (made by SQLite)
-- index sqlite_autoindex_legal_holds_1 on legal_holds
-- (made by SQLite)
-- index sqlite_autoindex_meta_1 on meta
-- (made by SQLite)
-- index sqlite_autoindex_pending_blob_deletions_1 on pending_blob_deletions
-- (made by SQLite)
-- index sqlite_autoindex_photo_print_copies_2 on photo_print_copies
-- (made by SQLite)
-- index sqlite_autoindex_photos_1 on photos
-- (made by SQLite)
-- index sqlite_autoindex_privacy_notices_1 on privacy_notices
-- (made by SQLite)
-- index sqlite_autoindex_privacy_notices_2 on privacy_notices
-- (made by SQLite)
-- index sqlite_autoindex_rectification_decisions_1 on rectification_decisions
-- (made by SQLite)
-- index sqlite_autoindex_restriction_overrides_1 on restriction_overrides
-- (made by SQLite)
-- index sqlite_autoindex_retention_batch_items_1 on retention_batch_items
-- (made by SQLite)
-- index sqlite_autoindex_retention_batches_1 on retention_batches
-- (made by SQLite)
-- index sqlite_autoindex_retention_certificates_1 on retention_certificates
-- (made by SQLite)
-- index sqlite_autoindex_retention_certificates_2 on retention_certificates
-- (made by SQLite)
-- index sqlite_autoindex_retention_reviews_1 on retention_reviews
-- (made by SQLite)
-- index sqlite_autoindex_settings_1 on settings
-- (made by SQLite)
-- index sqlite_autoindex_staff_1 on staff
-- (made by SQLite)
-- index sqlite_autoindex_staged_uploads_1 on staged_uploads
-- (made by SQLite)
-- index sqlite_autoindex_subject_requests_1 on subject_requests
-- (made by SQLite)
-- index sqlite_autoindex_subject_requests_2 on subject_requests
-- (made by SQLite)
-- index sqlite_autoindex_suppression_list_1 on suppression_list
-- (made by SQLite)
-- index sqlite_autoindex_suppression_list_2 on suppression_list
-- (made by SQLite)
-- index sqlite_autoindex_tps_no_objections_1 on tps_no_objections
-- (made by SQLite)
-- index sqlite_autoindex_tps_screenings_1 on tps_screenings
-- (made by SQLite)
-- index sqlite_autoindex_treatment_types_1 on treatment_types
-- (made by SQLite)
-- index sqlite_autoindex_treatments_1 on treatments
-- (made by SQLite)
-- index staff_username_active on staff
CREATE UNIQUE INDEX staff_username_active ON staff (username) WHERE removed_at IS NULL;
-- index staged_uploads_by_file on staged_uploads
CREATE INDEX staged_uploads_by_file ON staged_uploads (file_id);
-- index subject_request_history_by_request on subject_request_history
CREATE INDEX subject_request_history_by_request ON subject_request_history (request_id, seq);
-- index subject_requests_by_client on subject_requests
CREATE INDEX subject_requests_by_client ON subject_requests (client_id) WHERE client_id IS NOT NULL;
-- index subject_requests_open on subject_requests
CREATE INDEX subject_requests_open ON subject_requests (status, received_on);
-- index tps_no_objections_by_client on tps_no_objections
CREATE INDEX tps_no_objections_by_client ON tps_no_objections (client_id, phone, occurred_at);
-- index tps_no_objections_by_evidence on tps_no_objections
CREATE INDEX tps_no_objections_by_evidence ON tps_no_objections (evidence_file_id) WHERE evidence_file_id IS NOT NULL;
-- index tps_screenings_by_phone on tps_screenings
CREATE INDEX tps_screenings_by_phone ON tps_screenings (phone, checked_on);
-- index treatments_by_batch on treatments
CREATE INDEX treatments_by_batch ON treatments (batch_key) WHERE batch_key <> '';
-- index treatments_by_client on treatments
CREATE INDEX treatments_by_client ON treatments (client_id, treated_on);
-- index treatments_by_consent_form on treatments
CREATE INDEX treatments_by_consent_form ON treatments (consent_form_file_id) WHERE consent_form_file_id IS NOT NULL;
-- table access_pack_redactions on access_pack_redactions
CREATE TABLE access_pack_redactions (
request_id TEXT NOT NULL,
item_id TEXT NOT NULL,
reason TEXT NOT NULL CHECK (reason IN ('third_party', 'serious_harm', 'legal_privilege', 'other')),
reason_text TEXT,
recorded_at TEXT NOT NULL,
recorded_by TEXT NOT NULL,
PRIMARY KEY (request_id, item_id),
CHECK (reason <> 'other' OR coalesce(reason_text, '') <> '')
) WITHOUT ROWID;
-- table anonymised_treatments on anonymised_treatments
CREATE TABLE anonymised_treatments (
id TEXT PRIMARY KEY,
treatment_type_id TEXT NOT NULL,
month TEXT NOT NULL,
product TEXT NOT NULL,
batch_number TEXT NOT NULL,
practitioner_id TEXT NOT NULL
) STRICT, WITHOUT ROWID;
-- table audit_checkpoints on audit_checkpoints
CREATE TABLE audit_checkpoints (
id INTEGER PRIMARY KEY,
vault_id TEXT NOT NULL,
seq INTEGER NOT NULL,
hash TEXT NOT NULL,
at TEXT NOT NULL,
generation INTEGER NOT NULL,
signature TEXT NOT NULL -- Ed25519, base64
) STRICT;
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
-- table audit_out_of_order on audit_out_of_order
CREATE TABLE audit_out_of_order (
seq INTEGER PRIMARY KEY, -- an audit_log entry dated earlier than some entry before it
at TEXT NOT NULL
) STRICT;
-- table client_distinct_pairs on client_distinct_pairs
CREATE TABLE client_distinct_pairs (
first_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
second_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
confirmed_at TEXT NOT NULL,
confirmed_by TEXT NOT NULL REFERENCES staff (id),
PRIMARY KEY (first_id, second_id),
CHECK (first_id < second_id)
) STRICT, WITHOUT ROWID;
-- table client_erasures on client_erasures
CREATE TABLE client_erasures (
client_id TEXT PRIMARY KEY,
erased_at TEXT NOT NULL,
erased_by TEXT NOT NULL REFERENCES staff (id),
request_id TEXT,
categories TEXT NOT NULL, -- JSON array of DestructionCategory
kept_until TEXT, -- YYYY-MM-DD the clinical record is kept until
identity_sealed TEXT -- sealed JSON {firstName, lastName, preferredName, nhsNumber}
) STRICT;
-- table client_merges on client_merges
CREATE TABLE client_merges (
merged_id TEXT PRIMARY KEY REFERENCES clients (id),
kept_id TEXT NOT NULL REFERENCES clients (id),
merged_at TEXT NOT NULL,
merged_by TEXT NOT NULL REFERENCES staff (id),
choices TEXT NOT NULL -- JSON {field: 'kept' | 'merged'}: ids and field names only
) STRICT;
-- table client_name_grams on client_name_grams
CREATE VIRTUAL TABLE client_name_grams USING fts5(
names,
tokenize = 'trigram'
);
-- table client_name_grams_config on client_name_grams_config
CREATE TABLE 'client_name_grams_config'(k PRIMARY KEY, v) WITHOUT ROWID;
-- table client_name_grams_content on client_name_grams_content
CREATE TABLE 'client_name_grams_content'(id INTEGER PRIMARY KEY, c0);
-- table client_name_grams_data on client_name_grams_data
CREATE TABLE 'client_name_grams_data'(id INTEGER PRIMARY KEY, block BLOB);
-- table client_name_grams_docsize on client_name_grams_docsize
CREATE TABLE 'client_name_grams_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
-- table client_name_grams_idx on client_name_grams_idx
CREATE TABLE 'client_name_grams_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
-- table client_name_words on client_name_words
CREATE TABLE client_name_words (
client_rowid INTEGER PRIMARY KEY, -- clients.rowid, as client_search
words TEXT NOT NULL -- JSON array of the client's vocabulary words
) STRICT;
-- table client_recency on client_recency
CREATE TABLE client_recency (
client_rowid INTEGER PRIMARY KEY, -- clients.rowid, as client_search
last_interaction_at TEXT NOT NULL
) STRICT;
-- table client_restrictions on client_restrictions
CREATE TABLE client_restrictions (
id TEXT PRIMARY KEY,
client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
reason TEXT NOT NULL CHECK (reason IN ('accuracy-contested', 'unlawful-processing', 'legal-claims', 'objection-pending', 'other')),
detail TEXT NOT NULL DEFAULT '',
request_id TEXT,
restricted_at TEXT NOT NULL,
restricted_by TEXT NOT NULL REFERENCES staff (id),
lifted_at TEXT,
lifted_by TEXT REFERENCES staff (id),
client_told_on TEXT,
client_told_how TEXT CHECK (client_told_how IS NULL OR client_told_how IN ('letter', 'email', 'phone', 'in_person')),
CHECK ((lifted_at IS NULL) = (client_told_on IS NULL))
) STRICT;
-- table client_search on client_search
CREATE VIRTUAL TABLE client_search USING fts5(
names, phones, email, postcode, dob,
tokenize = 'unicode61 remove_diacritics 2',
prefix = '2 3'
);
-- table client_search_config on client_search_config
CREATE TABLE 'client_search_config'(k PRIMARY KEY, v) WITHOUT ROWID;
-- table client_search_content on client_search_content
CREATE TABLE 'client_search_content'(id INTEGER PRIMARY KEY, c0, c1, c2, c3, c4);
-- table client_search_data on client_search_data
CREATE TABLE 'client_search_data'(id INTEGER PRIMARY KEY, block BLOB);
-- table client_search_docsize on client_search_docsize
CREATE TABLE 'client_search_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
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
-- table client_statements on client_statements
CREATE TABLE client_statements (
id TEXT PRIMARY KEY,
client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
request_id TEXT,
section TEXT NOT NULL CHECK (section IN ('identity', 'medical', 'lifestyle')),
field TEXT NOT NULL,
statement TEXT NOT NULL,
recorded_at TEXT NOT NULL,
recorded_by TEXT NOT NULL REFERENCES staff (id)
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
, gender TEXT NOT NULL DEFAULT '', address_lines TEXT NOT NULL DEFAULT '[]', other_phones TEXT NOT NULL DEFAULT '[]', nhs_number TEXT NOT NULL DEFAULT '', occupation TEXT NOT NULL DEFAULT '', treatment_interests TEXT NOT NULL DEFAULT '[]', gp TEXT, notes TEXT NOT NULL DEFAULT '', last_visit_on TEXT, deceased_on TEXT, marketing_objection_at TEXT, messenger_handle TEXT NOT NULL DEFAULT '') STRICT;
-- table consent_current on consent_current
CREATE TABLE consent_current (
client_id TEXT NOT NULL,
purpose_id TEXT NOT NULL,
scope_key TEXT NOT NULL,
event_seq INTEGER NOT NULL REFERENCES consent_events (seq) ON DELETE CASCADE,
state TEXT NOT NULL,
occurred_at TEXT NOT NULL,
basis TEXT,
tps_checked_on TEXT,
tps_registered INTEGER,
explicit_regrant INTEGER NOT NULL,
notice_id TEXT, wording_id INTEGER, -- the notice the event in force rests on
PRIMARY KEY (client_id, purpose_id, scope_key)
) STRICT, WITHOUT ROWID;
-- table consent_events on consent_events
CREATE TABLE "consent_events" (
seq INTEGER PRIMARY KEY,
id TEXT NOT NULL UNIQUE,
client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
purpose_id TEXT NOT NULL REFERENCES consent_purposes (id),
treatment_id TEXT,
state TEXT NOT NULL CHECK (state IN ('granted', 'withdrawn', 'refused', 'unknown')),
basis TEXT CHECK (basis IS NULL OR basis IN ('consent', 'soft-opt-in')),
occurred_at TEXT NOT NULL,
recorded_at TEXT NOT NULL,
recorded_by TEXT NOT NULL,
method TEXT NOT NULL CHECK (method IN ('in-person', 'paper-form', 'online-form', 'phone', 'email', 'imported')),
notice_id TEXT REFERENCES privacy_notices (id),
wording_id INTEGER REFERENCES consent_wordings (id),
evidence_file_id TEXT REFERENCES files (id),
soft_opt_in TEXT,
tps_checked_on TEXT,
tps_registered INTEGER CHECK (tps_registered IS NULL OR tps_registered IN (0, 1)),
explicit_regrant INTEGER NOT NULL DEFAULT 0 CHECK (explicit_regrant IN (0, 1)),
note TEXT NOT NULL DEFAULT '',
corrects_event_id TEXT
) STRICT;
-- table consent_notice_basis on consent_notice_basis
CREATE TABLE consent_notice_basis (
client_id TEXT PRIMARY KEY REFERENCES clients (id) ON DELETE CASCADE,
no_notice INTEGER NOT NULL CHECK (no_notice IN (0, 1)),
oldest_notice TEXT -- NOTICE_KEY of the oldest notice a granted consent rests on, or NULL
) STRICT, WITHOUT ROWID;
-- table consent_purposes on consent_purposes
CREATE TABLE consent_purposes (
id TEXT PRIMARY KEY,
label TEXT NOT NULL,
category TEXT NOT NULL CHECK (category IN ('marketing', 'service', 'photo', 'treatment', 'custom')),
channel TEXT CHECK (channel IS NULL OR channel IN ('email', 'sms', 'phone', 'post', 'messenger')),
built_in INTEGER NOT NULL DEFAULT 0 CHECK (built_in IN (0, 1)),
active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
sort_order INTEGER NOT NULL DEFAULT 100
, standard_wording TEXT NOT NULL DEFAULT '') STRICT;
-- table consent_wordings on consent_wordings
CREATE TABLE consent_wordings (
id INTEGER PRIMARY KEY,
text TEXT NOT NULL UNIQUE
) STRICT;
-- table destruction_in_progress on destruction_in_progress
CREATE TABLE destruction_in_progress (client_id TEXT PRIMARY KEY) STRICT;
-- table destruction_ledger on destruction_ledger
CREATE TABLE destruction_ledger (
seq INTEGER PRIMARY KEY,
id TEXT NOT NULL UNIQUE,
client_id TEXT NOT NULL,
scope TEXT NOT NULL, -- JSON array of client ids
categories TEXT NOT NULL, -- JSON array of DestructionCategory
destroyed_at TEXT NOT NULL, -- ISO-8601 UTC
replayed_at TEXT -- ISO-8601 UTC, when a restore re-applied it
) STRICT;
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
-- table legal_holds on legal_holds
CREATE TABLE legal_holds (
id TEXT PRIMARY KEY,
client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
kind TEXT NOT NULL CHECK (kind IN ('complaint', 'claim', 'investigation', 'safeguarding', 'other')),
reason TEXT NOT NULL,
review_on TEXT, -- YYYY-MM-DD
placed_on TEXT NOT NULL, -- YYYY-MM-DD (London)
placed_at TEXT NOT NULL, -- ISO instant
placed_by TEXT NOT NULL REFERENCES staff (id),
released_on TEXT,
released_by TEXT REFERENCES staff (id),
release_reason TEXT,
CHECK ((released_on IS NULL) = (released_by IS NULL) AND (released_on IS NULL) = (release_reason IS NULL))
) STRICT;
-- table meta on meta
CREATE TABLE meta (
key TEXT PRIMARY KEY,
value TEXT NOT NULL
) STRICT;
-- table name_word_keys on name_word_keys
CREATE TABLE name_word_keys (
key TEXT NOT NULL,
word TEXT NOT NULL,
PRIMARY KEY (key, word)
) STRICT, WITHOUT ROWID;
-- table name_words on name_words
CREATE TABLE name_words (
word TEXT PRIMARY KEY,
uses INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
-- table pending_blob_deletions on pending_blob_deletions
CREATE TABLE pending_blob_deletions (
blob_name TEXT PRIMARY KEY, -- random hex, as files.blob_name: no personal data
queued_at TEXT NOT NULL
) STRICT;
-- table photo_print_copies on photo_print_copies
CREATE TABLE photo_print_copies (
photo_id TEXT PRIMARY KEY REFERENCES photos (id) ON DELETE CASCADE,
file_id TEXT NOT NULL UNIQUE REFERENCES files (id),
width INTEGER NOT NULL,
height INTEGER NOT NULL,
created_at TEXT NOT NULL
) WITHOUT ROWID;
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
-- table privacy_notices on privacy_notices
CREATE TABLE privacy_notices (
id TEXT PRIMARY KEY,
version_label TEXT NOT NULL UNIQUE COLLATE NOCASE,
effective_on TEXT NOT NULL,
text TEXT NOT NULL,
created_at TEXT NOT NULL,
created_by TEXT NOT NULL
) STRICT;
-- table processing_record_versions on processing_record_versions
CREATE TABLE processing_record_versions (
version INTEGER PRIMARY KEY,
record TEXT NOT NULL CHECK (json_valid(record)),
saved_at TEXT NOT NULL,
saved_by TEXT
) STRICT;
-- table rectification_decisions on rectification_decisions
CREATE TABLE rectification_decisions (
id TEXT PRIMARY KEY,
client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
request_id TEXT,
section TEXT NOT NULL CHECK (section IN ('identity', 'medical', 'lifestyle')),
field TEXT NOT NULL,
reasons TEXT NOT NULL,
decided_at TEXT NOT NULL,
decided_by TEXT NOT NULL REFERENCES staff (id)
) STRICT;
-- table restriction_overrides on restriction_overrides
CREATE TABLE restriction_overrides (
id TEXT PRIMARY KEY,
client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
purpose TEXT NOT NULL,
reason TEXT NOT NULL,
at TEXT NOT NULL,
by_staff TEXT NOT NULL REFERENCES staff (id)
) STRICT;
-- table retention_batch_items on retention_batch_items
CREATE TABLE retention_batch_items (
batch_id TEXT NOT NULL REFERENCES retention_batches (id),
seq INTEGER NOT NULL,
client_id TEXT NOT NULL,
categories TEXT NOT NULL,
state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'refused')),
destroyed TEXT NOT NULL DEFAULT '[]',
refusal TEXT,
done_at TEXT,
PRIMARY KEY (batch_id, seq)
) STRICT;
-- table retention_batches on retention_batches
CREATE TABLE retention_batches (
id TEXT PRIMARY KEY,
kind TEXT NOT NULL CHECK (kind IN ('destroy', 'anonymise')),
status TEXT NOT NULL CHECK (status IN ('running', 'stopped', 'done')),
as_of TEXT NOT NULL,
policy_version INTEGER NOT NULL,
started_at TEXT NOT NULL,
started_by TEXT NOT NULL,
finished_at TEXT
) STRICT;
-- table retention_certificates on retention_certificates
CREATE TABLE retention_certificates (
id TEXT PRIMARY KEY,
batch_id TEXT NOT NULL UNIQUE REFERENCES retention_batches (id),
issued_at TEXT NOT NULL,
data TEXT NOT NULL,
sha256 TEXT NOT NULL
) STRICT;
-- table retention_policy_versions on retention_policy_versions
CREATE TABLE retention_policy_versions (
version INTEGER PRIMARY KEY,
clinical_months_after_last_treatment INTEGER NOT NULL CHECK (clinical_months_after_last_treatment > 0),
personal_months_after_last_interaction INTEGER NOT NULL CHECK (personal_months_after_last_interaction > 0),
child_until_birthday INTEGER NOT NULL CHECK (child_until_birthday BETWEEN 18 AND 40),
child_aged17_until_birthday INTEGER NOT NULL CHECK (child_aged17_until_birthday BETWEEN 18 AND 40),
request_months_after_closing INTEGER NOT NULL CHECK (request_months_after_closing > 0),
saved_at TEXT NOT NULL,
saved_by TEXT REFERENCES staff (id)
) STRICT;
-- table retention_reviews on retention_reviews
CREATE TABLE retention_reviews (
id TEXT PRIMARY KEY,
client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
category TEXT NOT NULL CHECK (category IN ('clinical', 'personal', 'requests')),
months INTEGER NOT NULL CHECK (months > 0),
kept_until TEXT NOT NULL, -- YYYY-MM-DD: the row is out of the queue until then
reason TEXT NOT NULL,
reviewed_at TEXT NOT NULL,
reviewed_by TEXT NOT NULL REFERENCES staff (id)
) STRICT;
-- table settings on settings
CREATE TABLE settings (
key TEXT PRIMARY KEY,
value TEXT NOT NULL -- JSON
) STRICT;
-- table sqlite_sequence on sqlite_sequence
CREATE TABLE sqlite_sequence(name,seq);
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
-- table subject_request_clarifications on subject_request_clarifications
CREATE TABLE subject_request_clarifications (
request_id TEXT NOT NULL REFERENCES subject_requests (id) ON DELETE CASCADE,
seq INTEGER NOT NULL,
asked_on TEXT NOT NULL,
answered_on TEXT,
PRIMARY KEY (request_id, seq)
) STRICT, WITHOUT ROWID;
-- table subject_request_history on subject_request_history
CREATE TABLE subject_request_history (
seq INTEGER PRIMARY KEY AUTOINCREMENT,
request_id TEXT NOT NULL REFERENCES subject_requests (id) ON DELETE CASCADE,
at TEXT NOT NULL,
staff_id TEXT REFERENCES staff (id),
kind TEXT NOT NULL,
detail TEXT NOT NULL DEFAULT '{}'
) STRICT;
-- table subject_requests on subject_requests
CREATE TABLE subject_requests (
id TEXT PRIMARY KEY,
reference TEXT NOT NULL UNIQUE,
client_id TEXT,
person_name TEXT,
types TEXT NOT NULL, -- comma-separated request types
channel TEXT NOT NULL CHECK (channel IN ('letter', 'email', 'phone', 'in_person', 'web_form')),
received_on TEXT NOT NULL,
requester_kind TEXT NOT NULL CHECK (requester_kind IN ('self', 'third_party')),
requester_name TEXT,
requester_relationship TEXT,
requester_authority TEXT,
requester_proof TEXT,
authority_requested_on TEXT,
authority_received_on TEXT,
identity_needed TEXT NOT NULL DEFAULT '',
identity_requested_on TEXT,
identity_received_on TEXT,
fee_reason TEXT CHECK (fee_reason IN ('manifestly_unfounded', 'manifestly_excessive')),
fee_amount_pence INTEGER,
fee_requested_on TEXT,
fee_received_on TEXT,
extension_reason TEXT,
extension_told_on TEXT,
extension_told_late INTEGER NOT NULL DEFAULT 0 CHECK (extension_told_late IN (0, 1)),
status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
outcome TEXT,
response_sent_on TEXT,
notes TEXT NOT NULL DEFAULT '',
logged_at TEXT NOT NULL,
logged_by TEXT NOT NULL REFERENCES staff (id),
updated_at TEXT NOT NULL,
CHECK (client_id IS NOT NULL OR person_name IS NOT NULL)
) STRICT;
-- table suppression_list on suppression_list
CREATE TABLE suppression_list (
id TEXT PRIMARY KEY,
kind TEXT NOT NULL CHECK (kind IN ('email', 'phone')),
value_hash TEXT NOT NULL,
added_at TEXT NOT NULL,
added_by TEXT NOT NULL,
UNIQUE (kind, value_hash)
) STRICT;
-- table tps_latest on tps_latest
CREATE TABLE tps_latest (
phone TEXT PRIMARY KEY,
seq INTEGER NOT NULL,
checked_on TEXT NOT NULL,
registered INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
-- table tps_no_objection_current on tps_no_objection_current
CREATE TABLE tps_no_objection_current (
client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
phone TEXT NOT NULL,
seq INTEGER NOT NULL,
state TEXT NOT NULL,
occurred_at TEXT NOT NULL,
PRIMARY KEY (client_id, phone)
) STRICT, WITHOUT ROWID;
-- table tps_no_objections on tps_no_objections
CREATE TABLE tps_no_objections (
seq INTEGER PRIMARY KEY,
id TEXT NOT NULL UNIQUE,
client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
phone TEXT NOT NULL CHECK (phone GLOB '+44[1-9]*'),
state TEXT NOT NULL CHECK (state IN ('granted', 'withdrawn')),
occurred_at TEXT NOT NULL,
recorded_at TEXT NOT NULL,
recorded_by TEXT NOT NULL,
method TEXT NOT NULL CHECK (method IN ('in-person', 'paper-form', 'online-form', 'phone', 'email', 'imported')),
notice_id TEXT REFERENCES privacy_notices (id),
wording TEXT NOT NULL DEFAULT '',
evidence_file_id TEXT REFERENCES files (id),
note TEXT NOT NULL DEFAULT ''
) STRICT;
-- table tps_screenings on tps_screenings
CREATE TABLE tps_screenings (
seq INTEGER PRIMARY KEY,
id TEXT NOT NULL UNIQUE,
phone TEXT NOT NULL CHECK (phone GLOB '+44[1-9]*'),
checked_on TEXT NOT NULL,
registered INTEGER NOT NULL CHECK (registered IN (0, 1)),
source TEXT NOT NULL CHECK (source IN ('tps-website', 'screening-service', 'tps-file', 'other')),
reference TEXT NOT NULL DEFAULT '',
recorded_at TEXT NOT NULL,
recorded_by TEXT NOT NULL
) STRICT;
-- table treatment_types on treatment_types
CREATE TABLE treatment_types (
id TEXT PRIMARY KEY,
name TEXT NOT NULL,
injectable INTEGER NOT NULL CHECK (injectable IN (0, 1)),
toxin_or_filler INTEGER NOT NULL CHECK (toxin_or_filler IN (0, 1)),
active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
sort_order INTEGER NOT NULL DEFAULT 0
, toxin_or_filler_answered INTEGER NOT NULL DEFAULT 1
CHECK (toxin_or_filler_answered IN (0, 1))) STRICT;
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
, details_sealed BLOB) STRICT;
-- trigger audit_checkpoints_no_delete on audit_checkpoints
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
-- trigger audit_checkpoints_no_update on audit_checkpoints
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
-- trigger audit_log_no_delete on audit_log
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
-- trigger audit_log_no_update on audit_log
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
-- trigger client_recency_on_delete on clients
CREATE TRIGGER client_recency_on_delete AFTER DELETE ON clients
BEGIN
DELETE FROM client_recency WHERE client_rowid = OLD.rowid;
END;
-- trigger client_recency_on_insert on clients
CREATE TRIGGER client_recency_on_insert AFTER INSERT ON clients
BEGIN
INSERT INTO client_recency (client_rowid, last_interaction_at) VALUES (NEW.rowid, NEW.last_interaction_at);
END;
-- trigger client_recency_on_update on clients
CREATE TRIGGER client_recency_on_update AFTER UPDATE OF last_interaction_at ON clients
BEGIN
UPDATE client_recency SET last_interaction_at = NEW.last_interaction_at WHERE client_rowid = NEW.rowid;
END;
-- trigger client_search_on_delete on clients
CREATE TRIGGER client_search_on_delete AFTER DELETE ON clients
BEGIN
DELETE FROM client_search WHERE rowid = OLD.rowid;
DELETE FROM client_name_grams WHERE rowid = OLD.rowid;
UPDATE name_words SET uses = uses - 1
WHERE word IN (SELECT value FROM json_each((SELECT words FROM client_name_words WHERE client_rowid = OLD.rowid)));
DELETE FROM name_word_keys
WHERE word IN (SELECT value FROM json_each((SELECT words FROM client_name_words WHERE client_rowid = OLD.rowid)))
AND word IN (SELECT word FROM name_words WHERE uses <= 0);
DELETE FROM name_words
WHERE word IN (SELECT value FROM json_each((SELECT words FROM client_name_words WHERE client_rowid = OLD.rowid)))
AND uses <= 0;
DELETE FROM client_name_words WHERE client_rowid = OLD.rowid;
END;
-- trigger consent_current_follows_ledger on consent_events
CREATE TRIGGER consent_current_follows_ledger AFTER INSERT ON consent_events
BEGIN
INSERT INTO consent_current (client_id, purpose_id, scope_key, event_seq, state, occurred_at,
basis, tps_checked_on, tps_registered, explicit_regrant, notice_id, wording_id)
VALUES (NEW.client_id, NEW.purpose_id, coalesce(NEW.treatment_id, ''), NEW.seq, NEW.state, NEW.occurred_at,
NEW.basis, NEW.tps_checked_on, NEW.tps_registered, NEW.explicit_regrant, NEW.notice_id,
CASE WHEN NEW.state = 'granted' AND coalesce(NEW.treatment_id, '') = '' THEN NEW.wording_id END)
ON CONFLICT (client_id, purpose_id, scope_key) DO UPDATE
SET event_seq = excluded.event_seq, state = excluded.state, occurred_at = excluded.occurred_at,
basis = excluded.basis, tps_checked_on = excluded.tps_checked_on,
tps_registered = excluded.tps_registered, explicit_regrant = excluded.explicit_regrant,
notice_id = excluded.notice_id, wording_id = excluded.wording_id
WHERE excluded.occurred_at >= consent_current.occurred_at;
END;
-- trigger consent_events_no_delete on consent_events
CREATE TRIGGER consent_events_no_delete BEFORE DELETE ON consent_events
WHEN EXISTS (SELECT 1 FROM clients WHERE id = OLD.client_id)
AND NOT EXISTS (SELECT 1 FROM destruction_in_progress WHERE client_id = OLD.client_id)
BEGIN SELECT RAISE(ABORT, 'the consent ledger is append-only'); END;
-- trigger consent_events_no_update on consent_events
CREATE TRIGGER consent_events_no_update BEFORE UPDATE ON consent_events
BEGIN SELECT RAISE(ABORT, 'the consent ledger is append-only'); END;
-- trigger consent_notice_basis_on_delete on consent_current
CREATE TRIGGER consent_notice_basis_on_delete AFTER DELETE ON consent_current
BEGIN
INSERT INTO consent_notice_basis (client_id, no_notice, oldest_notice)
SELECT * FROM (
SELECT OLD.client_id, max(cc.notice_id IS NULL), min(n.effective_on || ' ' || n.created_at)
FROM consent_current cc
LEFT JOIN privacy_notices n ON n.id = cc.notice_id
WHERE cc.client_id = OLD.client_id AND cc.state = 'granted'
HAVING count(*) > 0)
WHERE true
ON CONFLICT (client_id) DO UPDATE SET no_notice = excluded.no_notice, oldest_notice = excluded.oldest_notice;
DELETE FROM consent_notice_basis
WHERE client_id = OLD.client_id
AND NOT EXISTS (SELECT 1 FROM consent_current WHERE client_id = OLD.client_id AND state = 'granted');
END;
-- trigger consent_notice_basis_on_insert on consent_current
CREATE TRIGGER consent_notice_basis_on_insert AFTER INSERT ON consent_current
BEGIN
INSERT INTO consent_notice_basis (client_id, no_notice, oldest_notice)
SELECT * FROM (
SELECT NEW.client_id, max(cc.notice_id IS NULL), min(n.effective_on || ' ' || n.created_at)
FROM consent_current cc
LEFT JOIN privacy_notices n ON n.id = cc.notice_id
WHERE cc.client_id = NEW.client_id AND cc.state = 'granted'
HAVING count(*) > 0)
WHERE true
ON CONFLICT (client_id) DO UPDATE SET no_notice = excluded.no_notice, oldest_notice = excluded.oldest_notice;
DELETE FROM consent_notice_basis
WHERE client_id = NEW.client_id
AND NOT EXISTS (SELECT 1 FROM consent_current WHERE client_id = NEW.client_id AND state = 'granted');
END;
-- trigger consent_notice_basis_on_update on consent_current
CREATE TRIGGER consent_notice_basis_on_update AFTER UPDATE ON consent_current
BEGIN
INSERT INTO consent_notice_basis (client_id, no_notice, oldest_notice)
SELECT * FROM (
SELECT NEW.client_id, max(cc.notice_id IS NULL), min(n.effective_on || ' ' || n.created_at)
FROM consent_current cc
LEFT JOIN privacy_notices n ON n.id = cc.notice_id
WHERE cc.client_id = NEW.client_id AND cc.state = 'granted'
HAVING count(*) > 0)
WHERE true
ON CONFLICT (client_id) DO UPDATE SET no_notice = excluded.no_notice, oldest_notice = excluded.oldest_notice;
DELETE FROM consent_notice_basis
WHERE client_id = NEW.client_id
AND NOT EXISTS (SELECT 1 FROM consent_current WHERE client_id = NEW.client_id AND state = 'granted');
END;
-- trigger consent_wordings_no_update on consent_wordings
CREATE TRIGGER consent_wordings_no_update BEFORE UPDATE ON consent_wordings
BEGIN SELECT RAISE(ABORT, 'consent wording is kept as given'); END;
-- trigger destruction_ledger_no_delete on destruction_ledger
CREATE TRIGGER destruction_ledger_no_delete BEFORE DELETE ON destruction_ledger
BEGIN SELECT RAISE(ABORT, 'the destruction ledger is append-only'); END;
-- trigger destruction_ledger_no_update on destruction_ledger
CREATE TRIGGER destruction_ledger_no_update BEFORE UPDATE ON destruction_ledger
BEGIN SELECT RAISE(ABORT, 'the destruction ledger is append-only'); END;
-- trigger privacy_notices_no_delete on privacy_notices
CREATE TRIGGER privacy_notices_no_delete BEFORE DELETE ON privacy_notices
BEGIN SELECT RAISE(ABORT, 'privacy notice versions are kept as published'); END;
-- trigger privacy_notices_no_update on privacy_notices
CREATE TRIGGER privacy_notices_no_update BEFORE UPDATE ON privacy_notices
BEGIN SELECT RAISE(ABORT, 'privacy notice versions are kept as published'); END;
-- trigger processing_record_versions_no_delete on processing_record_versions
CREATE TRIGGER processing_record_versions_no_delete
BEFORE DELETE ON processing_record_versions
BEGIN SELECT RAISE(ABORT, 'the record of processing keeps its history: versions are never deleted'); END;
-- trigger processing_record_versions_no_update on processing_record_versions
CREATE TRIGGER processing_record_versions_no_update
BEFORE UPDATE ON processing_record_versions
BEGIN SELECT RAISE(ABORT, 'the record of processing keeps its history: save a new version'); END;
-- trigger subject_request_history_no_update on subject_request_history
CREATE TRIGGER subject_request_history_no_update BEFORE UPDATE ON subject_request_history
BEGIN SELECT RAISE(ABORT, 'a request''s history is kept as recorded'); END;
-- trigger tps_latest_follows_screenings on tps_screenings
CREATE TRIGGER tps_latest_follows_screenings AFTER INSERT ON tps_screenings
BEGIN
INSERT INTO tps_latest (phone, seq, checked_on, registered)
VALUES (NEW.phone, NEW.seq, NEW.checked_on, NEW.registered)
ON CONFLICT (phone) DO UPDATE SET seq = excluded.seq, checked_on = excluded.checked_on, registered = excluded.registered
WHERE excluded.checked_on >= tps_latest.checked_on;
END;
-- trigger tps_no_objection_current_follows on tps_no_objections
CREATE TRIGGER tps_no_objection_current_follows AFTER INSERT ON tps_no_objections
BEGIN
INSERT INTO tps_no_objection_current (client_id, phone, seq, state, occurred_at)
VALUES (NEW.client_id, NEW.phone, NEW.seq, NEW.state, NEW.occurred_at)
ON CONFLICT (client_id, phone) DO UPDATE SET seq = excluded.seq, state = excluded.state, occurred_at = excluded.occurred_at
WHERE excluded.occurred_at >= tps_no_objection_current.occurred_at;
END;
-- trigger tps_no_objections_no_delete on tps_no_objections
CREATE TRIGGER tps_no_objections_no_delete BEFORE DELETE ON tps_no_objections
WHEN EXISTS (SELECT 1 FROM clients WHERE id = OLD.client_id)
AND NOT EXISTS (SELECT 1 FROM destruction_in_progress WHERE client_id = OLD.client_id)
BEGIN SELECT RAISE(ABORT, 'statements about calls are kept as recorded'); END;
-- trigger tps_no_objections_no_update on tps_no_objections
CREATE TRIGGER tps_no_objections_no_update BEFORE UPDATE ON tps_no_objections
BEGIN SELECT RAISE(ABORT, 'statements about calls are kept as recorded'); END;
-- trigger tps_screenings_no_update on tps_screenings
CREATE TRIGGER tps_screenings_no_update BEFORE UPDATE ON tps_screenings
BEGIN SELECT RAISE(ABORT, 'TPS screenings are kept as recorded'); END;
