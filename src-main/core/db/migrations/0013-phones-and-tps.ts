import type { Migration } from '../migration-types';
import type { Db } from '../types';

/**
 * Phone numbers in one form, TPS screening per number, Messenger handles
 * (issue #11 items 1, 6 and 7; docs/phones-and-tps.md).
 *
 * 1. tps_screenings: every screening of a number against the Telephone
 *    Preference Service (PECR reg 21), keyed by the number in E.164, so a
 *    number changed or added after a screening has none of its own and is
 *    "not screened". Append-only by trigger; tps_latest, kept by a trigger,
 *    holds each number's newest screening so the telephone list reads one row
 *    per number instead of the history.
 * 2. tps_no_objections: "the subscriber told us they do not object to our
 *    calls" (reg 21(4)), per client and number, with the evidence fields of a
 *    consent (how, when, notice, wording, scanned form, who). Append-only;
 *    tps_no_objection_current, kept by a trigger, is the statement in force
 *    (the latest occurrence wins, as in consent_current).
 * 3. clients.messenger_handle: the Messenger list carries a handle, not the
 *    client's email and mobile.
 * 4. Existing phone numbers (mobile, other phones, GP phone, clinic phone)
 *    rewritten in E.164. A number that cannot be read as a UK number is left as
 *    typed, for staff to correct; the search index and the suppression list
 *    key numbers by their national digits, which do not change.
 *
 * Existing TPS checks on consent events are not carried over: they never said
 * which number was checked, and guessing would favour calling.
 */

/**
 * A frozen copy of the E.164 rule as of this migration (a migration must not
 * change meaning when src-main/contract/uk-formats.ts does later).
 */
function e164(text: string): string | null {
  let digits = text.replace(/[\s().-]/g, '');
  const international = digits.startsWith('+44') ? 3 : digits.startsWith('0044') ? 4 : 0;
  if (international) {
    digits = digits.slice(international);
    if (/^0[1-9]\d{8,9}$/.test(digits)) digits = digits.slice(1);
  } else if (digits.startsWith('0')) digits = digits.slice(1);
  else return null;
  if (!/^[1-9]\d{8,9}$/.test(digits) || /^(\d)\1+$/.test(digits)) return null;
  return `+44${digits}`;
}

const canonicalOrAsTyped = (v: unknown): unknown => (typeof v === 'string' && v.trim() !== '' ? (e164(v) ?? v) : v);

function parse(json: string | null): unknown {
  if (!json) return null;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return null;
  }
}

interface PhoneRow {
  rowid: number;
  mobile: string | null;
  other_phones: string;
  gp: string | null;
}

/** Rewrites each client's numbers in E.164; rows already canonical are not written. */
function normaliseClientPhones(db: Db): void {
  const update = db.prepare('UPDATE clients SET mobile = ?, other_phones = ?, gp = ? WHERE rowid = ?');
  const rows = db.prepare('SELECT rowid, mobile, other_phones, gp FROM clients').all() as PhoneRow[];
  for (const r of rows) {
    const mobile = canonicalOrAsTyped(r.mobile) as string | null;
    const others = parse(r.other_phones);
    const otherPhones = Array.isArray(others)
      ? JSON.stringify(others.map((p: unknown) => (p && typeof p === 'object' ? { ...p, number: canonicalOrAsTyped((p as { number?: unknown }).number) } : p)))
      : r.other_phones;
    const gpValue = parse(r.gp);
    const gp =
      gpValue && typeof gpValue === 'object' && !Array.isArray(gpValue)
        ? JSON.stringify({ ...gpValue, phone: canonicalOrAsTyped((gpValue as { phone?: unknown }).phone) })
        : r.gp;
    if (mobile !== r.mobile || otherPhones !== r.other_phones || gp !== r.gp) update.run(mobile, otherPhones, gp, r.rowid);
  }
}

/** The clinic's own phone in its settings (first-run set-up). */
function normaliseClinicPhone(db: Db): void {
  const row = db.prepare("SELECT value FROM settings WHERE key = 'clinic'").get() as { value: string } | undefined;
  const v = parse(row?.value ?? null);
  if (!v || typeof v !== 'object' || Array.isArray(v) || typeof (v as { phone?: unknown }).phone !== 'string') return;
  const phone = canonicalOrAsTyped((v as { phone: string }).phone);
  if (phone !== (v as { phone: string }).phone) {
    db.prepare("UPDATE settings SET value = ? WHERE key = 'clinic'").run(JSON.stringify({ ...v, phone }));
  }
}

export const migration0013: Migration = {
  version: 13,
  name: 'phones-and-tps',
  up(db) {
    db.exec(`
      ALTER TABLE clients ADD COLUMN messenger_handle TEXT NOT NULL DEFAULT '';

      CREATE TABLE tps_screenings (
        seq          INTEGER PRIMARY KEY,
        id           TEXT NOT NULL UNIQUE,
        phone        TEXT NOT NULL CHECK (phone GLOB '+44[1-9]*'),
        checked_on   TEXT NOT NULL,
        registered   INTEGER NOT NULL CHECK (registered IN (0, 1)),
        source       TEXT NOT NULL CHECK (source IN ('tps-website', 'screening-service', 'tps-file', 'other')),
        reference    TEXT NOT NULL DEFAULT '',
        recorded_at  TEXT NOT NULL,
        recorded_by  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX tps_screenings_by_phone ON tps_screenings (phone, checked_on);
      CREATE TRIGGER tps_screenings_no_update BEFORE UPDATE ON tps_screenings
        BEGIN SELECT RAISE(ABORT, 'TPS screenings are kept as recorded'); END;

      -- Each number's newest screening (by the day it was checked; the later recorded on a tie).
      CREATE TABLE tps_latest (
        phone       TEXT PRIMARY KEY,
        seq         INTEGER NOT NULL,
        checked_on  TEXT NOT NULL,
        registered  INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE TRIGGER tps_latest_follows_screenings AFTER INSERT ON tps_screenings
      BEGIN
        INSERT INTO tps_latest (phone, seq, checked_on, registered)
        VALUES (NEW.phone, NEW.seq, NEW.checked_on, NEW.registered)
        ON CONFLICT (phone) DO UPDATE SET seq = excluded.seq, checked_on = excluded.checked_on, registered = excluded.registered
          WHERE excluded.checked_on >= tps_latest.checked_on;
      END;

      CREATE TABLE tps_no_objections (
        seq               INTEGER PRIMARY KEY,
        id                TEXT NOT NULL UNIQUE,
        client_id         TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        phone             TEXT NOT NULL CHECK (phone GLOB '+44[1-9]*'),
        state             TEXT NOT NULL CHECK (state IN ('granted', 'withdrawn')),
        occurred_at       TEXT NOT NULL,
        recorded_at       TEXT NOT NULL,
        recorded_by       TEXT NOT NULL,
        method            TEXT NOT NULL CHECK (method IN ('in-person', 'paper-form', 'online-form', 'phone', 'email', 'imported')),
        notice_id         TEXT REFERENCES privacy_notices (id),
        wording           TEXT NOT NULL DEFAULT '',
        evidence_file_id  TEXT REFERENCES files (id),
        note              TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX tps_no_objections_by_client ON tps_no_objections (client_id, phone, occurred_at);
      CREATE TRIGGER tps_no_objections_no_update BEFORE UPDATE ON tps_no_objections
        BEGIN SELECT RAISE(ABORT, 'statements about calls are kept as recorded'); END;
      CREATE TRIGGER tps_no_objections_no_delete BEFORE DELETE ON tps_no_objections
        WHEN EXISTS (SELECT 1 FROM clients WHERE id = OLD.client_id)
        BEGIN SELECT RAISE(ABORT, 'statements about calls are kept as recorded'); END;

      CREATE TABLE tps_no_objection_current (
        client_id    TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        phone        TEXT NOT NULL,
        seq          INTEGER NOT NULL,
        state        TEXT NOT NULL,
        occurred_at  TEXT NOT NULL,
        PRIMARY KEY (client_id, phone)
      ) STRICT, WITHOUT ROWID;
      CREATE TRIGGER tps_no_objection_current_follows AFTER INSERT ON tps_no_objections
      BEGIN
        INSERT INTO tps_no_objection_current (client_id, phone, seq, state, occurred_at)
        VALUES (NEW.client_id, NEW.phone, NEW.seq, NEW.state, NEW.occurred_at)
        ON CONFLICT (client_id, phone) DO UPDATE SET seq = excluded.seq, state = excluded.state, occurred_at = excluded.occurred_at
          WHERE excluded.occurred_at >= tps_no_objection_current.occurred_at;
      END;
    `);
    normaliseClientPhones(db);
    normaliseClinicPhone(db);
  },
};
