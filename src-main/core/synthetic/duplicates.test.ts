import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuplicateFinder } from '../clients/duplicates';
import { identityFromRow, type ClientRow } from '../clients/client-repo';
import { clientIdentitySchema } from '../../contract/record-schemas';
import type { Db } from '../db/types';
import { CLIENTS_PER_DUPLICATE, retypedName } from './duplicates';
import { generateClinic } from './generate-clinic';
import { openPlainClinicDatabase, TEST_CLINIC_STAFF } from './plain-database';

const TODAY = '2026-11-22';

describe('retyped names', () => {
  it('drop the accent, change the spacing or apostrophe, or shout', () => {
    expect(retypedName('Ó Briain', 0)).toBe('O Briain');
    expect(retypedName('Ó Briain', 1)).toBe('ÓBriain');
    expect(retypedName("O'Connor", 1)).toBe('O Connor');
    expect(retypedName('Smith', 2)).toBe('SMITH');
  });
});

describe('synthetic duplicates', () => {
  let db: Db;
  const clients = 3 * CLIENTS_PER_DUPLICATE;
  beforeAll(async () => {
    db = openPlainClinicDatabase();
    await generateClinic(db, { clients, seed: 11, today: TODAY, consentEventsPerClient: 0 }, TEST_CLINIC_STAFF);
  });
  afterAll(() => db.close());

  it('adds one per 500 clients, each found by the duplicate check as the same person', () => {
    const rows = db.prepare('SELECT rowid, * FROM clients ORDER BY rowid').all() as ClientRow[];
    expect(rows.length).toBe(clients + 3);
    const finder = new DuplicateFinder(db);
    const twins = rows.slice(clients);
    for (const twin of twins) {
      const identity = identityFromRow(twin);
      expect(clientIdentitySchema.parse(identity)).toEqual(identity);
      const matches = finder.find(identity, twin.id);
      expect(matches.length, `${twin.first_name} ${twin.last_name}`).toBeGreaterThan(0);
      const original = rows.find((r) => r.id === matches[0]!.id)!;
      expect(matches[0]!.reasons).toEqual(['name-and-date-of-birth', 'mobile']);
      // Another typing of the name, not the same one.
      expect(`${twin.first_name} ${twin.last_name}`).not.toBe(`${original.first_name} ${original.last_name}`);
      expect([twin.date_of_birth, twin.mobile, twin.email]).toEqual([original.date_of_birth, original.mobile, '']);
    }
  });

  it('are the same for the same seed', async () => {
    const again = openPlainClinicDatabase();
    await generateClinic(again, { clients, seed: 11, today: TODAY, consentEventsPerClient: 0 }, TEST_CLINIC_STAFF);
    const tail = (d: Db) => d.prepare('SELECT id, first_name, last_name, created_at FROM clients ORDER BY rowid LIMIT 3 OFFSET ?').all(clients);
    expect(tail(again)).toEqual(tail(db));
    again.close();
  });
});
