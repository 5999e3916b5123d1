import { afterEach, describe, expect, it } from 'vitest';
import { createTestVault, errorCodeOf, type TestVault } from '../test-support/temp-vault';
import { dbOf } from '../test-support/upload-test-support';
import { editDistanceWithin, nameKey } from './duplicates';
import { indexClient, searchDocumentFor } from './search-index';
import { identityOf, newClient, signInAs } from '../test-support/test-clients';

let tv: TestVault | undefined;
afterEach(() => {
  tv?.cleanup();
  tv = undefined;
});

const LAURA = newClient({ firstName: 'Laura', lastName: 'Ó Briain', dateOfBirth: '1964-06-02', email: 'laura.obriain@example.com', mobile: '07700 900461' });

async function vaultWithLaura() {
  tv = await createTestVault();
  const laura = await tv.api.call('clients.create', LAURA);
  return { api: tv.api, laura };
}

const clientCount = (api: TestVault['api']) => (dbOf(api).prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n;

describe('name keys', () => {
  it('ignore accents, spaces, apostrophes, hyphens and case', () => {
    for (const name of ['Ó Briain', 'O Briain', "O'Briain", 'o’briain', 'OBRIAIN', 'O-Briain']) expect(nameKey(name)).toBe('obriain');
  });
  it('count one slip, and stop at one', () => {
    expect(editDistanceWithin('obriain', 'obrian', 1)).toBe(true);
    expect(editDistanceWithin('smith', 'smiht', 1)).toBe(false); // a swap is two edits
    expect(editDistanceWithin('ashworth', 'ashford', 1)).toBe(false);
  });
});

describe('clients.findPossibleDuplicates', () => {
  it('finds the same date of birth with the name typed without its accent, spaced or with an apostrophe', async () => {
    const { api, laura } = await vaultWithLaura();
    for (const lastName of ['O Briain', "O'Briain", 'obriain', 'O Brian']) {
      const { matches } = await api.call('clients.findPossibleDuplicates', { firstName: 'laura', lastName, dateOfBirth: '1964-06-02' });
      expect(matches.map((m) => [m.id, m.reasons])).toEqual([[laura.id, ['name-and-date-of-birth']]]);
    }
    // Preferred name and first/last swapped are the same person too.
    const swapped = await api.call('clients.findPossibleDuplicates', { firstName: 'Briain', lastName: 'Laura O', dateOfBirth: '1964-06-02' });
    expect(swapped.matches.map((m) => m.id)).toEqual([laura.id]);
  });

  it('does not match a different name or a different date of birth on its own', async () => {
    const { api } = await vaultWithLaura();
    const otherName = await api.call('clients.findPossibleDuplicates', { firstName: 'Sarah', lastName: 'Ó Briain', dateOfBirth: '1964-06-02' });
    const otherDob = await api.call('clients.findPossibleDuplicates', { firstName: 'Laura', lastName: 'Ó Briain', dateOfBirth: '1964-06-03' });
    expect(otherName.matches).toEqual([]);
    expect(otherDob.matches).toEqual([]);
  });

  it('finds the same email whatever its case, and the same mobile in any format', async () => {
    const { api, laura } = await vaultWithLaura();
    const byEmail = await api.call('clients.findPossibleDuplicates', { firstName: 'L', lastName: 'B', email: ' Laura.OBriain@Example.com ' });
    expect(byEmail.matches.map((m) => [m.id, m.reasons])).toEqual([[laura.id, ['email']]]);
    const byMobile = await api.call('clients.findPossibleDuplicates', { mobile: '+44 7700 900461' });
    expect(byMobile.matches.map((m) => [m.id, m.reasons])).toEqual([[laura.id, ['mobile']]]);
    // A different address that folds to the same search token is not the same email.
    const dotless = await api.call('clients.findPossibleDuplicates', { email: 'lauraobriain@example.com' });
    expect(dotless.matches).toEqual([]);
  });

  it('puts every reason on one match, and never offers the record being edited', async () => {
    const { api, laura } = await vaultWithLaura();
    const all = await api.call('clients.findPossibleDuplicates', { ...LAURA, lastName: 'O Briain' });
    expect(all.matches).toEqual([expect.objectContaining({ id: laura.id, firstName: 'Laura', lastName: 'Ó Briain', reasons: ['name-and-date-of-birth', 'email', 'mobile'] })]);
    const self = await api.call('clients.findPossibleDuplicates', { ...LAURA, excludeClientId: laura.id });
    expect(self.matches).toEqual([]);
  });

  it('is open to reception, who add most clients', async () => {
    const { api, laura } = await vaultWithLaura();
    await signInAs(api, 'reception');
    const { matches } = await api.call('clients.findPossibleDuplicates', { mobile: '07700900461' });
    expect(matches.map((m) => m.id)).toEqual([laura.id]);
  });

  it('refuses a malformed email with a field message', async () => {
    const { api } = await vaultWithLaura();
    expect(await errorCodeOf(() => api.call('clients.findPossibleDuplicates', { email: 'not an email' }))).toBe('VALIDATION');
  });
});

describe('creating a likely duplicate', () => {
  it('is refused with POSSIBLE_DUPLICATE and stores nothing', async () => {
    const { api } = await vaultWithLaura();
    const before = clientCount(api);
    const auditBefore = (dbOf(api).prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    expect(await errorCodeOf(() => api.call('clients.create', { ...LAURA, lastName: 'O Briain', email: '', mobile: '' }))).toBe('POSSIBLE_DUPLICATE');
    expect(clientCount(api)).toBe(before);
    expect((dbOf(api).prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n).toBe(auditBefore);
    // The same mobile alone is enough.
    expect(await errorCodeOf(() => api.call('clients.create', newClient({ firstName: 'Pat', lastName: 'Other', email: '', mobile: '07700 900461' })))).toBe(
      'POSSIBLE_DUPLICATE',
    );
  });

  it('goes ahead once the person confirmed it is a different person, and that pair is not raised again', async () => {
    const { api, laura } = await vaultWithLaura();
    const twin = await api.call('clients.create', {
      ...newClient({ firstName: 'Laura', lastName: 'O Briain', dateOfBirth: '1964-06-02', email: '', mobile: '07700 900999' }),
      notDuplicateOf: [laura.id],
    });
    expect(twin.lastName).toBe('O Briain');
    const again = await api.call('clients.findPossibleDuplicates', { ...identityOf(twin), excludeClientId: twin.id });
    expect(again.matches).toEqual([]);
    const audit = dbOf(api).prepare("SELECT subject_id, detail FROM audit_log WHERE action = 'client.marked_distinct'").all() as { subject_id: string; detail: string }[];
    expect(audit).toEqual([{ subject_id: twin.id, detail: JSON.stringify({ otherClientId: laura.id }) }]);
  });

  it('still refuses when only some of the matches were confirmed', async () => {
    const { api, laura } = await vaultWithLaura();
    const other = await api.call('clients.create', newClient({ firstName: 'Pat', lastName: 'Quinn', email: 'pat@example.com', mobile: '07700 900777' }));
    const both = { ...LAURA, lastName: 'O Briain', email: 'pat@example.com', mobile: '' };
    expect(await errorCodeOf(() => api.call('clients.create', { ...both, notDuplicateOf: [laura.id] }))).toBe('POSSIBLE_DUPLICATE');
    const made = await api.call('clients.create', { ...both, notDuplicateOf: [laura.id, other.id] });
    expect(made.id).toMatch(/^cl_/);
  });
});

describe('editing a client into a likely duplicate', () => {
  it('is refused until confirmed; an edit that brings in no new match is not asked about', async () => {
    const { api, laura } = await vaultWithLaura();
    const pat = await api.call('clients.create', newClient({ firstName: 'Pat', lastName: 'Quinn', email: 'pat@example.com', mobile: '07700 900777' }));
    const toLauraMobile = { clientId: pat.id, changes: { mobile: '07700 900461' }, reason: 'New phone' };
    expect(await errorCodeOf(() => api.call('clients.update', toLauraMobile))).toBe('POSSIBLE_DUPLICATE');
    // Stored in one canonical form (E.164), shown UK style by the window.
    expect((await api.call('clients.get', { clientId: pat.id })).mobile).toBe('+447700900777');

    const saved = await api.call('clients.update', { ...toLauraMobile, notDuplicateOf: [laura.id] });
    expect(saved.mobile).toBe('+447700900461');
  });

  it('does not block an edit of a record that already had a duplicate (an import, say) when the edit adds none', async () => {
    const { api, laura } = await vaultWithLaura();
    const db = dbOf(api);
    const at = '2026-01-01T09:00:00.000Z';
    const info = db
      .prepare("INSERT INTO clients (id, first_name, last_name, date_of_birth, mobile, created_at, updated_at, last_interaction_at) VALUES ('cl_imported', 'Laura', 'O Briain', '1964-06-02', '', ?, ?, ?)")
      .run(at, at, at);
    indexClient(db, info.lastInsertRowid, searchDocumentFor({ ...LAURA, lastName: 'O Briain', email: '', mobile: '', preferredName: '', otherPhones: [], postcode: '' }));
    expect((await api.call('clients.findPossibleDuplicates', { ...LAURA, excludeClientId: laura.id })).matches.map((m) => m.id)).toEqual(['cl_imported']);
    const later = await api.call('clients.update', { clientId: laura.id, changes: { occupation: 'Teacher', lastName: 'Ó Bríain' }, reason: '' });
    expect(later).toMatchObject({ occupation: 'Teacher', lastName: 'Ó Bríain' });
  });
});
