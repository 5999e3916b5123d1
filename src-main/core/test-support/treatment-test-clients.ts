/**
 * Test helpers: clients to record treatments against, created the way the app
 * creates them (clients.create), plus one raw insert for a row the app's form
 * cannot make (no date of birth, as a record imported from elsewhere might be).
 */
import type { CoreApi } from '../app';
import type { Db } from '../db/types';
import { newId } from '../platform/ids';

export interface TestClient {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  mobile: string;
  email: string;
}

const DEFAULTS: TestClient = {
  firstName: 'Ada',
  lastName: 'Example',
  dateOfBirth: '1990-05-17',
  mobile: '07700 900123',
  email: 'ada@example.co.uk',
};

/** A client created through the API by whoever is signed in; returns the id. */
export async function createTestClient(api: CoreApi, client: Partial<TestClient> = {}): Promise<string> {
  return (await api.call('clients.create', { ...DEFAULTS, ...client })).id;
}

/** A client row without a date of birth, inserted directly (tests only). */
export function insertClientWithoutDob(db: Db): string {
  const id = newId('cl');
  const at = '2026-01-01T09:00:00.000Z';
  db.prepare(
    `INSERT INTO clients (id, first_name, last_name, date_of_birth, created_at, updated_at, last_interaction_at)
     VALUES (?, 'No', 'Birthdate', NULL, ?, ?, ?)`,
  ).run(id, at, at, at);
  return id;
}
