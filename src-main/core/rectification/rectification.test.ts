/**
 * Rectification (UK GDPR Art 16): a declined change with its reasons and the
 * client's statement of disagreement are kept, shown with the data, sealed
 * when they are about health data, and hidden from a role that may not see it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestVault, createTestVault, errorCodeOf } from '../test-support/temp-vault';
import { signInAs } from '../test-support/test-clients';
import { dbOf } from '../test-support/upload-test-support';

let tv: TestVault;
let clientId: string;
beforeEach(async () => {
  tv = await createTestVault();
  clientId = (await tv.api.call('clients.create', { firstName: 'Zoë', lastName: 'Hartley', dateOfBirth: '1988-04-12', email: 'zoe@example.co.uk' })).id;
});
afterEach(() => tv.cleanup());

describe('rectification', () => {
  it('records a declined change and the client’s statement, and lists them with the record', async () => {
    const decision = await tv.api.call('rectification.decline', { clientId, section: 'medical', field: 'conditions', reasons: 'The diagnosis is the clinician’s opinion, recorded accurately.' });
    const statement = await tv.api.call('rectification.recordStatement', { clientId, section: 'medical', field: 'conditions', statement: 'I do not have rosacea.' });
    await tv.api.call('rectification.recordStatement', { clientId, section: 'identity', field: 'dateOfBirth', statement: 'I was born in 1987.' });
    const listed = await tv.api.call('rectification.list', { clientId });
    expect(listed.decisions.map((d) => d.id)).toEqual([decision.id]);
    expect(listed.statements.map((s) => s.statement)).toEqual(expect.arrayContaining(['I do not have rosacea.', 'I was born in 1987.']));
    expect(statement.recordedByName).toBe('Olivia Owner');
    // Health data is sealed in the row, not stored as typed.
    const raw = dbOf(tv.api).prepare("SELECT statement FROM client_statements WHERE section = 'medical'").get() as { statement: string };
    expect(raw.statement.startsWith('cv1:')).toBe(true);
  });

  it('shows reception only statements about identity fields, and refuses them recording one', async () => {
    await tv.api.call('rectification.recordStatement', { clientId, section: 'medical', field: 'conditions', statement: 'I do not have rosacea.' });
    await tv.api.call('rectification.recordStatement', { clientId, section: 'identity', field: 'dateOfBirth', statement: 'I was born in 1987.' });
    await signInAs(tv.api, 'reception');
    const listed = await tv.api.call('rectification.list', { clientId });
    expect(listed.statements.map((s) => s.statement)).toEqual(['I was born in 1987.']);
    expect(await errorCodeOf(() => tv.api.call('rectification.decline', { clientId, section: 'identity', field: 'email', reasons: 'x' }))).toBe('FORBIDDEN');
  });

  it('refuses a field that is not in the section, and stores nothing', async () => {
    expect(await errorCodeOf(() => tv.api.call('rectification.decline', { clientId, section: 'medical', field: 'email', reasons: 'Because' }))).toBe('VALIDATION');
    expect((await tv.api.call('rectification.list', { clientId })).decisions).toEqual([]);
  });
});
