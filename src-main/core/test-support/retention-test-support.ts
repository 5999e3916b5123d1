/**
 * Test support for retention: a small clinic whose clients fall under each
 * rule, created through the API as staff would (treatments dated in the past,
 * as a clinic moving its paper records in would record them), with the last
 * interaction moved back to the last treatment for the clients who have not
 * been in touch since (the app sets it to the day of recording).
 *
 * The test clock's today is 22/11/2026.
 */
import type { CoreApi } from '../app';
import { anotherPerson } from './test-clients';
import { dbOf } from './upload-test-support';

export interface RetentionClinic {
  /** Adult, last treated 01/09/2015: clinical kept until 01/09/2025 (passed), personal until 01/09/2018 (passed). */
  oldAdult: string;
  /** Treated at 14 on 01/06/2013, born 01/03/1999: clinical kept until the 25th birthday, 01/03/2024 (passed). */
  treatedAsChild: string;
  /** Treated at 12 on 01/09/2015, born 01/05/2003: clinical kept until the 25th birthday, 01/05/2028 (not yet). */
  youngChild: string;
  /** Treated 01/10/2026: nothing due. */
  recent: string;
  /** Never treated, last in touch 10/12/2023: personal kept until 10/12/2026 (within 30 days). */
  enquiry: string;
}

async function treatedClient(api: CoreApi, n: number, firstName: string, lastName: string, dateOfBirth: string, treatedOn: string, quiet: boolean): Promise<string> {
  const client = await api.call('clients.create', { firstName, lastName, ...anotherPerson(n), dateOfBirth });
  await api.call('treatments.create', {
    clientId: client.id,
    treatedOn,
    typeId: 'tt_chemical_peel',
    areas: ['Face'],
    product: 'Glycolic 30%',
    medicalHistoryReviewed: true,
  });
  if (quiet) dbOf(api).prepare('UPDATE clients SET last_interaction_at = ? WHERE id = ?').run(`${treatedOn}T10:00:00.000Z`, client.id);
  return client.id;
}

export async function seedRetentionClinic(api: CoreApi): Promise<RetentionClinic> {
  const oldAdult = await treatedClient(api, 1, 'Ingrid', 'Ólafsdóttir', '1970-02-14', '2015-09-01', true);
  const treatedAsChild = await treatedClient(api, 2, 'Tomás', 'Nguyễn', '1999-03-01', '2013-06-01', true);
  const youngChild = await treatedClient(api, 3, 'Amara', 'Okafor', '2003-05-01', '2015-09-01', true);
  const recent = await treatedClient(api, 4, 'Rhys', 'Pritchard', '1985-07-07', '2026-10-01', false);
  const enquiry = (await api.call('clients.create', { firstName: 'Mei', lastName: '王', ...anotherPerson(5) })).id;
  dbOf(api).prepare('UPDATE clients SET last_interaction_at = ? WHERE id = ?').run('2023-12-10T10:00:00.000Z', enquiry);
  return { oldAdult, treatedAsChild, youngChild, recent, enquiry };
}
