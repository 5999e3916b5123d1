/**
 * migration 0013 (phones and TPS): numbers stored as typed before it are
 * rewritten in E.164, and a number put on the suppression list before it (its
 * hash made from the number as typed) still keeps that client out of
 * marketing afterwards.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { applySuppressionList, hashContact, isContactSuppressed } from '../clients/suppression';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';
import { migration0013 } from './migrations/0013-phones-and-tps';
import type { Db } from './types';

/** The suppression list's phone key as it was before 0013 (src-main/contract/uk-formats.ts at the time). */
function oldNormaliseUkPhone(text: string): string | null {
  let digits = text.replace(/[\s().-]/g, '');
  if (digits.startsWith('+44')) digits = `0${digits.slice(3).replace(/^\(?0\)?/, '')}`;
  else if (digits.startsWith('0044')) digits = `0${digits.slice(4)}`;
  if (!/^0\d{9,10}$/.test(digits)) return null;
  return digits;
}

function addClient(db: Db, id: string, mobile: string, otherPhones: unknown[] = [], gp: unknown = null): void {
  const at = '2026-01-01T09:00:00.000Z';
  db.prepare(
    `INSERT INTO clients (id, first_name, last_name, date_of_birth, mobile, other_phones, gp, created_at, updated_at, last_interaction_at)
     VALUES (?, 'Test', 'Client', '1980-03-04', ?, ?, ?, ?, ?, ?)`,
  ).run(id, mobile, JSON.stringify(otherPhones), gp === null ? null : JSON.stringify(gp), at, at, at);
}

const row = (db: Db, id: string) =>
  db.prepare('SELECT mobile, other_phones, gp, messenger_handle, updated_at FROM clients WHERE id = ?').get(id) as {
    mobile: string;
    other_phones: string;
    gp: string | null;
    messenger_handle: string;
    updated_at: string;
  };

function vaultBefore0013(): Db {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS, MIGRATIONS.indexOf(migration0013));
  return db;
}

describe('migration 0013: phone numbers in E.164', () => {
  it('rewrites mobiles, other phones, GP and clinic phones; leaves what is not a UK number as typed', () => {
    const db = vaultBefore0013();
    addClient(db, 'cl_a', '+44 (0)7700 900123', [{ label: 'Home', number: '0117 496-0000' }], { name: 'Dr Ade', phone: '(0117) 496 0123' });
    addClient(db, 'cl_b', '07700900124');
    addClient(db, 'cl_c', '0000000000');
    addClient(db, 'cl_d', '');
    db.prepare("INSERT INTO settings (key, value) VALUES ('clinic', ?)").run(JSON.stringify({ clinicName: 'Riverside', phone: '020 7946 0000' }));
    migrate(db);
    expect(row(db, 'cl_a')).toMatchObject({
      mobile: '+447700900123',
      other_phones: JSON.stringify([{ label: 'Home', number: '+441174960000' }]),
      gp: JSON.stringify({ name: 'Dr Ade', phone: '+441174960123' }),
      messenger_handle: '',
      // A change of form, not of the client's details: no edit date moves.
      updated_at: '2026-01-01T09:00:00.000Z',
    });
    expect(row(db, 'cl_b').mobile).toBe('+447700900124');
    expect(row(db, 'cl_c').mobile).toBe('0000000000');
    expect(row(db, 'cl_d').mobile).toBe('');
    const clinic = JSON.parse((db.prepare("SELECT value FROM settings WHERE key = 'clinic'").get() as { value: string }).value) as { phone: string };
    expect(clinic.phone).toBe('+442079460000');
  });

  it('a number put on the suppression list before it still matches after it', () => {
    const db = vaultBefore0013();
    addClient(db, 'cl_a', '+44 (0)7700 900123');
    const salt = (db.prepare("SELECT value FROM meta WHERE key = 'suppression_salt'").get() as { value: string }).value;
    // Hashed the old way, from the number as it was typed then.
    db.prepare("INSERT INTO suppression_list (id, kind, value_hash, added_at, added_by) VALUES ('sup_1', 'phone', ?, '2026-01-01', 'st_1')").run(
      hashContact(salt, 'phone', oldNormaliseUkPhone('+44 (0)7700 900123')!),
    );
    migrate(db);
    expect(row(db, 'cl_a').mobile).toBe('+447700900123');
    expect(isContactSuppressed(db, 'phone', '+447700900123')).toBe(true);
    expect(isContactSuppressed(db, 'phone', '0044 (0)7700 900123')).toBe(true);
    expect(isContactSuppressed(db, 'phone', '07700 900124')).toBe(false);
    expect(applySuppressionList(db, 'cl_a', '2026-02-01T09:00:00.000Z')).toBe(true);
  });

  it('keeps TPS screenings as recorded and each number’s newest one in tps_latest', () => {
    const db = new Database(':memory:');
    migrate(db);
    const screen = (id: string, checkedOn: string, registered: number) =>
      db
        .prepare(
          `INSERT INTO tps_screenings (id, phone, checked_on, registered, source, recorded_at, recorded_by)
           VALUES (?, '+447700900123', ?, ?, 'tps-website', '2026-11-22T09:00:00.000Z', 'st_1')`,
        )
        .run(id, checkedOn, registered);
    screen('tps_1', '2026-11-20', 0);
    screen('tps_2', '2026-10-01', 1); // entered late: older, so not the newest
    expect(db.prepare('SELECT checked_on, registered FROM tps_latest').all()).toEqual([{ checked_on: '2026-11-20', registered: 0 }]);
    screen('tps_3', '2026-11-21', 1);
    expect(db.prepare('SELECT checked_on, registered FROM tps_latest').all()).toEqual([{ checked_on: '2026-11-21', registered: 1 }]);
    expect(() => db.prepare("UPDATE tps_screenings SET registered = 0 WHERE id = 'tps_3'").run()).toThrow(/kept as recorded/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO tps_screenings (id, phone, checked_on, registered, source, recorded_at, recorded_by)
           VALUES ('tps_4', '07700 900123', '2026-11-21', 0, 'tps-website', '2026-11-22', 'st_1')`,
        )
        .run(),
    ).toThrow(/CHECK/);
  });
});
