/**
 * A number's TPS history goes with the client who held it, but not while
 * another client still holds that number, as a mobile or among other phones
 * (destruction/client-scope.ts phonesOnlyTheirs, looked up by index since
 * migration 0025).
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type TestVault, createTestVault } from '../test-support/temp-vault';
import { dbOf } from '../test-support/upload-test-support';
import { serviceContextOf } from '../test-support/service-context-test-support';
import { ERASED_CATEGORIES } from './categories';
import { destroyClientData } from './destroy-client';

let tv: TestVault;
beforeEach(async () => {
  tv = await createTestVault();
});
afterEach(() => tv.cleanup());

async function client(firstName: string, mobile: string, otherPhones: string[]): Promise<string> {
  const identity = {
    firstName,
    lastName: 'Ravensworth',
    dateOfBirth: '1984-03-09',
    mobile,
    otherPhones: otherPhones.map((number) => ({ label: 'Other', number })),
  };
  const matches = (await tv.api.call('clients.findPossibleDuplicates', identity)).matches.map((m) => m.id);
  return (await tv.api.call('clients.create', { ...identity, notDuplicateOf: matches })).id;
}

const screenedNumbers = (table: 'tps_screenings' | 'tps_latest') =>
  (dbOf(tv.api).prepare(`SELECT DISTINCT phone FROM ${table} ORDER BY phone`).all() as { phone: string }[]).map((r) => r.phone);

it("destroys the history of the client's own numbers and keeps that of numbers another client holds", async () => {
  const erased = await client('Imogen', '07700 900111', ['07700 900222', '07700 900333']);
  await client('Hal', '07700 900444', ['07700 900111']); // holds the erased client's mobile among other phones
  await client('Petra', '07700 900222', []); // holds one of the erased client's other phones as her mobile
  for (const phone of ['07700 900111', '07700 900222', '07700 900333']) {
    await tv.api.call('tps.screen', { clientId: erased, phone, checkedOn: '2026-11-21', registered: false, source: 'tps-website' });
  }
  expect(screenedNumbers('tps_screenings')).toEqual(['+447700900111', '+447700900222', '+447700900333']);

  destroyClientData(serviceContextOf(tv.api), erased, ERASED_CATEGORIES, { auditAction: 'erasure.applied' });

  expect(screenedNumbers('tps_screenings')).toEqual(['+447700900111', '+447700900222']);
  expect(screenedNumbers('tps_latest')).toEqual(['+447700900111', '+447700900222']);
});
