/**
 * The synthetic clinic is only useful if it is repeatable and could have been
 * typed in through the app: same seed, same rows; every client passes the real
 * schemas; the clinic's legal rules (no toxin or filler under 18, no expired
 * batch) hold; and nothing in it can reach a real person (drama phone numbers,
 * NHS test numbers, reserved email domains).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityFromRow, type ClientRow } from '../clients/client-repo';
import type { Db } from '../db/types';
import { clientIdentitySchema, lifestyleHistorySchema, medicalHistorySchema } from '../../contract/record-schemas';
import { ageOn, isValidNhsNumber, normaliseUkPhone } from '../../contract/uk-formats';
import { generateClinic, type GenerateClinicOptions } from './generate-clinic';
import { TEST_CLINIC_STAFF, openPlainClinicDatabase } from './plain-database';

const TODAY = '2026-11-22';

async function clinic(opts: Partial<GenerateClinicOptions> = {}): Promise<Db> {
  const db = openPlainClinicDatabase();
  await generateClinic(db, { clients: 300, seed: 7, today: TODAY, ...opts }, TEST_CLINIC_STAFF);
  return db;
}

function dump(db: Db) {
  return {
    clients: db.prepare('SELECT rowid, * FROM clients ORDER BY rowid').all(),
    treatments: db.prepare('SELECT * FROM treatments ORDER BY id').all(),
    sections: db.prepare('SELECT * FROM client_sections ORDER BY client_id, section').all(),
    searchRows: db.prepare('SELECT rowid FROM client_search ORDER BY rowid').all(),
  };
}

describe('generateClinic: repeatable', () => {
  it('the same seed gives the same clinic, value for value', async () => {
    const [a, b] = [await clinic(), await clinic()];
    expect(dump(a)).toEqual(dump(b));
  });

  it('a different seed gives a different clinic', async () => {
    const [a, b] = [dump(await clinic()), dump(await clinic({ seed: 8 }))];
    expect(b.clients).not.toEqual(a.clients);
    expect(b.treatments).not.toEqual(a.treatments);
  });

  it('a small clinic is the start of a bigger one with the same seed', async () => {
    const small = dump(await clinic({ clients: 50 }));
    const big = dump(await clinic({ clients: 120 }));
    expect(big.clients.slice(0, 50)).toEqual(small.clients);
  });

  it('refuses nonsense sizes and a clinic with nobody to treat', async () => {
    const db = openPlainClinicDatabase();
    await expect(generateClinic(db, { clients: -1, seed: 1 }, TEST_CLINIC_STAFF)).rejects.toThrow(RangeError);
    await expect(generateClinic(db, { clients: 1, seed: 1 }, { ownerId: TEST_CLINIC_STAFF.ownerId, practitionerIds: [] })).rejects.toThrow(RangeError);
  });

  it('an aborted run leaves no clients behind', async () => {
    const db = openPlainClinicDatabase();
    const controller = new AbortController();
    const run = generateClinic(db, { clients: 3_000, seed: 1, today: TODAY, signal: controller.signal, onProgress: () => controller.abort() }, TEST_CLINIC_STAFF);
    await expect(run).rejects.toThrow();
    expect(db.prepare('SELECT count(*) AS n FROM clients').get()).toEqual({ n: 0 });
  });
});

describe('generateClinic: valid data', () => {
  let db: Db;
  let clients: ClientRow[];
  beforeAll(async () => {
    db = await clinic({ clients: 500, seed: 3 });
    clients = db.prepare('SELECT rowid, * FROM clients').all() as ClientRow[];
  });
  afterAll(() => db.close());

  it('every client passes the real identity schema unchanged', () => {
    for (const row of clients) {
      const identity = identityFromRow(row);
      const parsed = clientIdentitySchema.safeParse(identity);
      expect(parsed.success, `${row.id}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      // What the service would store after parsing is what the generator stored.
      expect(parsed.data).toEqual(identity);
    }
  });

  it('histories match the medical and lifestyle schemas', () => {
    const sections = db.prepare('SELECT section, data, reviewed_on FROM client_sections').all() as { section: string; data: string; reviewed_on: string | null }[];
    expect(sections.length).toBeGreaterThan(500);
    for (const s of sections) {
      const data = JSON.parse(s.data) as { reviewedOn: string | null };
      expect((s.section === 'medical' ? medicalHistorySchema : lifestyleHistorySchema).parse(data)).toEqual(data);
      expect(data.reviewedOn).toBe(s.reviewed_on);
    }
  });

  it('NHS numbers are valid, unique and from the 999 test range', () => {
    const numbers = clients.map((c) => c.nhs_number).filter(Boolean);
    expect(numbers.length).toBeGreaterThan(100);
    for (const n of numbers) {
      expect(n).toMatch(/^999\d{7}$/);
      expect(isValidNhsNumber(n)).toBe(true);
    }
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('phones are all from Ofcom drama ranges and emails from reserved domains', () => {
    const drama = /^(07700900\d{3}|0207946\d{4}|01[1-6]\d4960\d{3}|01914980\d{3}|02920180\d{3}|02896496\d{3}|01632960\d{3})$/;
    for (const c of clients) {
      const identity = identityFromRow(c);
      for (const phone of [identity.mobile, ...identity.otherPhones.map((p) => p.number), identity.gp?.phone ?? ''].filter(Boolean)) {
        expect(normaliseUkPhone(phone), phone).toMatch(drama);
      }
      if (identity.mobile) expect(normaliseUkPhone(identity.mobile)).toMatch(/^07700900/);
      if (identity.email) expect(identity.email).toMatch(/@(example\.(com|org|net)|mail\.example)$/);
    }
  });

  it('names come in several scripts, with accents and some emoji', () => {
    const names = clients.map((c) => `${c.first_name} ${c.last_name} ${c.preferred_name}`).join(' ');
    expect(names).toMatch(/\p{Script=Arabic}/u);
    expect(names).toMatch(/\p{Script=Han}/u);
    expect(names).toMatch(/[áéíóúłśżąę]/);
    expect(names).toMatch(/\p{Extended_Pictographic}/u);
  });

  it('never gives toxin or filler to anyone under 18 on the day (though minors are treated otherwise)', () => {
    const rows = db
      .prepare(`SELECT t.treated_on, t.type_id, c.date_of_birth FROM treatments t JOIN clients c ON c.id = t.client_id`)
      .all() as { treated_on: string; type_id: string; date_of_birth: string }[];
    const minors = rows.filter((r) => ageOn(r.date_of_birth, r.treated_on) < 18);
    expect(minors.length).toBeGreaterThan(0);
    for (const r of minors) expect(['tt_chemical_peel', 'tt_microneedling', 'tt_laser', 'tt_other']).toContain(r.type_id);
  });

  it('injectables carry product, batch, amount and an expiry after the treatment; others carry no batch', () => {
    const rows = db.prepare('SELECT t.*, tt.injectable FROM treatments t JOIN treatment_types tt ON tt.id = t.type_id').all() as {
      treated_on: string; product: string; batch_number: string; batch_key: string; batch_expiry: string | null; amount: number | null; injectable: number;
    }[];
    expect(rows.length).toBeGreaterThan(3_000);
    for (const r of rows) {
      if (r.injectable) {
        expect(r.product).not.toBe('');
        expect(r.batch_key).toBe(r.batch_number.toUpperCase().replace(/[\s-]/g, ''));
        expect(r.batch_expiry! > r.treated_on, `${r.batch_number} ${r.batch_expiry} ${r.treated_on}`).toBe(true);
        expect(r.amount).toBeGreaterThan(0);
      } else {
        expect([r.batch_number, r.batch_expiry]).toEqual(['', null]);
      }
    }
  });

  it('treatments fall in the last six years, by listed practitioners, and the client row agrees with them', () => {
    const bad = db
      .prepare(
        `SELECT c.id FROM clients c LEFT JOIN (SELECT client_id, max(treated_on) AS last, max(created_at) AS at FROM treatments GROUP BY client_id) t ON t.client_id = c.id
         WHERE c.last_visit_on IS NOT t.last OR c.last_interaction_at IS NOT coalesce(t.at, c.created_at)
            OR EXISTS (SELECT 1 FROM treatments f WHERE f.client_id = c.id AND f.created_at < c.created_at)`,
      )
      .all();
    expect(bad).toEqual([]);
    const range = db.prepare('SELECT min(treated_on) AS first, max(treated_on) AS last FROM treatments').get() as { first: string; last: string };
    expect(range.first >= '2020-11-22').toBe(true);
    expect(range.last < TODAY).toBe(true);
    const practitioners = db.prepare('SELECT DISTINCT practitioner_id AS id FROM treatments').all() as { id: string }[];
    expect(practitioners.map((p) => p.id).sort()).toEqual([...TEST_CLINIC_STAFF.practitionerIds].sort());
  });
});
