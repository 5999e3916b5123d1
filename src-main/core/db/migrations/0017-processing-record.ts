import type { Migration } from '../migration-types';

/**
 * The record of processing activities (UK GDPR Art 30; issue #12 item 5,
 * docs/processing-record.md), versioned: every save is a new row, never
 * updated or deleted (the triggers refuse it), so the clinic can show what its
 * record said on any date. `record` is the JSON of ProcessingRecordContent
 * (contract/processing-types.ts); `saved_by` is a staff id, NULL for the
 * defaults below.
 *
 * Reserved as 0018 for #12; numbered 17 on this branch because migrations must
 * be consecutive: the integrator renumbers at merge (CONTRIBUTING.md).
 *
 * The defaults are a UK aesthetics clinic's usual record, written out here in
 * full (not imported) so this migration seeds the same thing forever.
 */
const DEFAULT_RECORD = {
  purposes: [
    {
      name: 'Providing treatment and aftercare (consultation, treatment records, photographs, follow-up)',
      lawfulBasis: 'Contract (UK GDPR Art 6(1)(b))',
      healthCondition:
        'Health or social care (UK GDPR Art 9(2)(h)); DPA 2018 Sch 1 Part 1 para 2 (health or social care purposes), by or under a health professional bound by confidentiality',
    },
    {
      name: 'Appointment reminders and service messages',
      lawfulBasis: 'Legitimate interests (UK GDPR Art 6(1)(f)): reminding clients of appointments they booked',
      healthCondition: null,
    },
    {
      name: 'Marketing by email, text message, phone, post or social media',
      lawfulBasis: 'Consent (UK GDPR Art 6(1)(a)), or the soft opt-in for email and text (PECR reg 22)',
      healthCondition: null,
    },
    {
      name: 'Legal obligations, complaints, insurance claims and legal claims',
      lawfulBasis: 'Legal obligation (UK GDPR Art 6(1)(c)); legitimate interests in defending claims (Art 6(1)(f))',
      healthCondition: 'Legal claims (UK GDPR Art 9(2)(f)); DPA 2018 Sch 1 Part 1 para 2 for health records kept under professional duties',
    },
  ],
  peopleCategories: ['Clients', 'Prospective clients (enquiries and consultations)', 'Staff named in records (practitioners, reception)'],
  dataCategories: [
    'Identity (name, date of birth)',
    'Contact details (address, phone, email)',
    'Medical and lifestyle history (health data)',
    'Treatment records (products, batch numbers, notes, aftercare)',
    'Photographs (before and after treatment)',
    'Consents and marketing preferences',
    'Payment references (no card numbers)',
  ],
  recipients: [
    { name: 'Online booking system', kind: 'processor', purpose: 'Appointment booking and reminders', country: 'United Kingdom' },
    { name: 'Accounting software', kind: 'processor', purpose: 'Invoices and payment references', country: 'United Kingdom' },
    { name: 'Email service', kind: 'processor', purpose: 'Sending appointment emails and, with consent, marketing', country: 'United Kingdom' },
    { name: 'SMS service', kind: 'processor', purpose: 'Sending appointment texts and, with consent, marketing texts', country: 'United Kingdom' },
    { name: 'The clinic’s IT support', kind: 'processor', purpose: 'Maintaining the clinic’s computers and backups', country: 'United Kingdom' },
    { name: 'Insurers', kind: 'recipient', purpose: 'Complaints and claims (treatment records and photos only when needed)', country: 'United Kingdom' },
    { name: 'Regulators and authorities (on request)', kind: 'recipient', purpose: 'Where the law requires it (for example the MHRA, the ICO, the courts)', country: 'United Kingdom' },
  ],
  transfers: [
    {
      destination: 'None by default',
      safeguard: 'If a processor stores data outside the UK: UK adequacy regulations, or the ICO’s International Data Transfer Agreement (IDTA) or UK Addendum to the EU SCCs',
    },
  ],
  retention: [
    'Clinical and treatment records, photographs and treatment consents: 10 years after the last treatment, then securely destroyed',
    'Clients treated under 18: until their 25th birthday, or 26th if they were 17 when treatment ended, if that is later than 10 years',
    'Other personal data (contact details, marketing preferences, enquiries): 3 years after the last interaction',
    'Records under a legal hold (complaint, claim, investigation): until the hold is lifted',
  ],
  securityMeasures: [
    'Records encrypted at rest (SQLCipher 4, AES-256); photos and files encrypted with a key per file',
    'A separate account and key for each member of staff; clinical data sealed from reception',
    'An append-only, tamper-evident audit log of every access and change',
    'Backups encrypted',
    'The screen locks when the computer is left idle',
    'Replies to requests sent as password-protected (AES-256) files when emailed',
  ],
  sources:
    'From the client directly (forms, consultations, messages). Where a practitioner records an assessment or treatment, it is created by the clinic. A GP or other clinician only with the client’s agreement.',
  automatedDecisions: 'None. The clinic makes no decisions about people by automated means, including profiling (UK GDPR Art 22).',
};

export const migration0017: Migration = {
  version: 17,
  name: 'processing-record',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS processing_record_versions (
        version   INTEGER PRIMARY KEY,
        record    TEXT NOT NULL CHECK (json_valid(record)),
        saved_at  TEXT NOT NULL,
        saved_by  TEXT
      ) STRICT;
      CREATE TRIGGER IF NOT EXISTS processing_record_versions_no_update
        BEFORE UPDATE ON processing_record_versions
        BEGIN SELECT RAISE(ABORT, 'the record of processing keeps its history: save a new version'); END;
      CREATE TRIGGER IF NOT EXISTS processing_record_versions_no_delete
        BEFORE DELETE ON processing_record_versions
        BEGIN SELECT RAISE(ABORT, 'the record of processing keeps its history: versions are never deleted'); END;
    `);
    db.prepare(
      `INSERT OR IGNORE INTO processing_record_versions (version, record, saved_at, saved_by)
       VALUES (1, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NULL)`,
    ).run(JSON.stringify(DEFAULT_RECORD));
  },
};
