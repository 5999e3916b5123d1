/**
 * The computer's date (issue #13 bad input "a run when the computer's clock is
 * earlier than the newest record in the vault"), and the policy a new vault
 * starts with.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestVault, createTestVault } from '../test-support/temp-vault';
import { newClient } from '../test-support/test-clients';
import { dbOf } from '../test-support/upload-test-support';
import { newestRecordDay, requirePlausibleToday } from './clock-check';
import { currentPolicy } from './policy-store';
import { destructionCategoriesFor } from './retention-categories';

let tv: TestVault;
beforeEach(async () => {
  tv = await createTestVault();
});
afterEach(() => tv.cleanup());

describe('requirePlausibleToday', () => {
  it('refuses a day earlier than the newest record, saying the computer’s date looks wrong', async () => {
    await tv.api.call('clients.create', newClient());
    const db = dbOf(tv.api);
    expect(newestRecordDay(db)).toBe('2026-11-22');
    expect(() => requirePlausibleToday(db, '2026-11-21')).toThrow(/The computer’s date looks wrong: it says 21\/11\/2026, but the vault holds records from 22\/11\/2026/);
    expect(() => requirePlausibleToday(db, '2026-11-22')).not.toThrow();
    expect(() => requirePlausibleToday(db, '2030-01-01')).not.toThrow();
  });

  it('counts the latest client interaction as a record, even when later than the audit log', async () => {
    const db = dbOf(tv.api);
    db.prepare("UPDATE clients SET last_interaction_at = '2027-03-01T10:00:00.000Z'").run();
    await tv.api.call('clients.create', newClient());
    db.prepare("UPDATE clients SET last_interaction_at = '2027-03-01T10:00:00.000Z'").run();
    expect(() => requirePlausibleToday(db, '2027-02-28')).toThrow(/date looks wrong/);
  });
});

describe('the shipped policy', () => {
  it('is version 1 with the clinics’ defaults, saved by nobody', () => {
    const p = currentPolicy(dbOf(tv.api));
    expect(p).toMatchObject({
      version: 1,
      clinicalMonthsAfterLastTreatment: 120,
      personalMonthsAfterLastInteraction: 36,
      childUntilBirthday: 25,
      childAged17UntilBirthday: 26,
      requestMonthsAfterClosing: 36,
      savedBy: null,
    });
  });
});

describe('destructionCategoriesFor', () => {
  it('destroys the whole client for clinical, the non-clinical data for personal, no client category for requests', () => {
    expect(destructionCategoriesFor('clinical').sort()).toEqual(['clinical', 'contact', 'marketing', 'other']);
    expect(destructionCategoriesFor('personal').sort()).toEqual(['contact', 'marketing', 'other']);
    expect(destructionCategoriesFor('requests')).toEqual([]);
  });
});
