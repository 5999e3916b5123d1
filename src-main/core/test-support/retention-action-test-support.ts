/**
 * Test support (not shipped code) for the retention batch actions: clients
 * last treated long ago (so their clinical record is due), with photos, made
 * through the core API as the app would.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CoreApi } from '../app';
import { anotherPerson } from './test-clients';
import { makeJpeg } from './test-images';
import { importBytes } from './photo-test-support';
import { dbOf } from './upload-test-support';

export interface DueClient {
  clientId: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  email: string;
  treatedOn: string[];
}

/** The nth made-up client, treated twice eleven-plus years ago, with `photos` photos. */
export async function seedDueClient(api: CoreApi, n: number, photos = 2): Promise<DueClient> {
  const person = anotherPerson(n);
  const firstName = `Thessaly${String.fromCharCode(97 + (n % 26))}`;
  const lastName = `Vandermolen-${n}`;
  const client = await api.call('clients.create', { firstName, lastName, ...person, postcode: 'BS1 4DJ', addressLines: ['1 Harbour Walk', 'Bristol'] });
  const treatedOn = ['2013-02-11', '2014-06-23'];
  for (const [i, day] of treatedOn.entries()) {
    await api.call('treatments.create', {
      clientId: client.id,
      treatedOn: day,
      typeId: 'tt_toxin',
      areas: ['Forehead'],
      product: i === 0 ? 'Azzalure' : 'Bocouture',
      batchNumber: `BN${n}X${i}`,
      batchExpiry: '2016-06-30',
      amount: 20,
      amountUnit: 'units',
      medicalHistoryReviewed: true,
    });
  }
  const jpeg = await makeJpeg();
  for (let i = 0; i < photos; i++) await importBytes(api, client.id, jpeg, { takenOn: treatedOn[1] });
  return { clientId: client.id, firstName, lastName, dateOfBirth: person.dateOfBirth!, email: person.email!, treatedOn };
}

/** The blob files on disk of every photo of the client (and their thumbnails). */
export function photoBlobPaths(api: CoreApi, vaultDir: string, clientId: string): string[] {
  const rows = dbOf(api)
    .prepare('SELECT f.blob_name FROM photos p JOIN files f ON f.id IN (p.file_id, p.thumb_file_id) WHERE p.client_id = ?')
    .all(clientId) as { blob_name: string }[];
  return rows.map((r) => join(vaultDir, 'blobs', r.blob_name.slice(0, 2), `${r.blob_name}.blob`));
}

export const stillOnDisk = (paths: readonly string[]) => paths.filter((p) => existsSync(p));

/** What is left of a client: their row, treatments and photos. */
export function leftOf(api: CoreApi, clientId: string): { client: number; treatments: number; photos: number } {
  const db = dbOf(api);
  const n = (sql: string) => (db.prepare(sql).get(clientId) as { n: number }).n;
  return {
    client: n('SELECT count(*) AS n FROM clients WHERE id = ?'),
    treatments: n('SELECT count(*) AS n FROM treatments WHERE client_id = ?'),
    photos: n('SELECT count(*) AS n FROM photos WHERE client_id = ?'),
  };
}
