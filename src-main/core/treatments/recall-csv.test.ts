/** The recall list as CSV (issue #10 item 10): the rows recall finds, defused, logged, clinical roles only. */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestVault, type TestVault } from '../test-support/temp-vault';
import { signInAs, signInAsOwner } from '../test-support/test-clients';
import { createTestClient } from '../test-support/treatment-test-clients';

let tv: TestVault | undefined;
afterEach(() => {
  tv?.cleanup();
  tv = undefined;
});

const toxin = (clientId: string, treatedOn: string, batchNumber: string) => ({
  clientId,
  treatedOn,
  typeId: 'tt_toxin',
  product: 'Bocouture',
  batchNumber,
  batchExpiry: '2027-12-31',
  medicalHistoryReviewed: true,
});

describe('recall CSV', () => {
  it('lists every client who received the batch, newest first, with UK dates, and defuses formulas', async () => {
    tv = await createTestVault();
    const { api } = tv;
    const ada = await createTestClient(api, { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1985-12-10', mobile: '07700900001', email: 'ada@example.co.uk' });
    const eve = await createTestClient(api, { firstName: '=HYPERLINK("x")', lastName: 'Smith, Jr', dateOfBirth: '1970-01-02', mobile: '07700900002', email: '' });
    await api.call('treatments.create', toxin(ada, '2026-03-02', 'AB 12-34'));
    await api.call('treatments.create', toxin(eve, '2026-09-15', 'ab1234'));
    await api.call('treatments.create', toxin(ada, '2026-07-01', 'OTHER'));

    const r = await api.call('recall.csv', { batchNumber: 'ab-12 34' });
    expect(r.batchNumber).toBe('AB1234');
    expect(r.rows).toBe(2);
    expect(r.csv.startsWith('\uFEFF')).toBe(true);
    expect(r.csv.slice(1).split('\r\n')).toEqual([
      'Client,Date of birth,Mobile,Email,Treated on,Product,Batch,Practitioner',
      `"'=HYPERLINK(""x"") Smith, Jr",02/01/1970,07700 900002,,15/09/2026,Bocouture,ab1234,Olivia Owner`,
      'Ada Lovelace,10/12/1985,07700 900001,ada@example.co.uk,02/03/2026,Bocouture,AB 12-34,Olivia Owner',
      '',
    ]);
    const { entries } = await api.call('audit.list', { limit: 1, action: 'recall.exported' });
    expect(entries[0]).toMatchObject({ action: 'recall.exported', detail: { rows: 2 } });
    expect(JSON.stringify(entries[0])).not.toMatch(/Ada|Lovelace|AB/);
  });

  it('refuses reception and a batch with no letters or digits', async () => {
    tv = await createTestVault();
    const bad = await tv.api.dispatch('recall.csv', { batchNumber: ' - ' });
    expect(!bad.ok && bad.error.code).toBe('VALIDATION');
    await signInAs(tv.api, 'reception');
    const r = await tv.api.dispatch('recall.csv', { batchNumber: 'AB1234' });
    expect(!r.ok && r.error.code).toBe('FORBIDDEN');
    await signInAsOwner(tv.api);
    expect((await tv.api.call('audit.list', { limit: 5, action: 'recall.exported' })).entries).toEqual([]);
  });
});
