/**
 * Portability (UK GDPR Art 20): what the client provided, not the clinician's
 * assessments; written as one folder or nothing (a stop or an error half-way
 * leaves no folder and no partial files).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestVault, createTestVault, errorCodeOf } from '../test-support/temp-vault';
import { signInAs } from '../test-support/test-clients';
import { writePortabilityFolder } from './portability-export';

let tv: TestVault;
let out: string;
beforeEach(async () => {
  tv = await createTestVault();
  out = mkdtempSync(join(tmpdir(), 'cv-portability-'));
});
afterEach(() => {
  tv.cleanup();
  rmSync(out, { recursive: true, force: true });
});

async function client() {
  const c = await tv.api.call('clients.create', { firstName: 'Zoë', lastName: 'Hartley', dateOfBirth: '1988-04-12', email: 'zoe@example.co.uk', notes: 'Staff note: prefers mornings' });
  await tv.api.call('medical.update', { clientId: c.id, changes: { medications: 'None', notes: 'Clinician: good candidate' } });
  await tv.api.call('lifestyle.update', { clientId: c.id, changes: { smoking: 'never', notes: 'Clinician: sun damage' } });
  await tv.api.call('consent.record', { clientId: c.id, purposeId: 'marketing.email', state: 'granted', method: 'online-form', wording: 'Email me offers' });
  return c.id;
}

describe('portability.export', () => {
  it('holds the identity, the answers the client gave and the consents, not staff notes or assessments', async () => {
    const clientId = await client();
    const exp = await tv.api.call('portability.export', { clientId });
    const data = JSON.parse(exp.files.find((f) => f.name === 'data.json')!.text);
    expect(data).toMatchObject({ schemaVersion: 1, identity: { firstName: 'Zoë', email: 'zoe@example.co.uk' }, medical: { medications: 'None' }, lifestyle: { smoking: 'never' } });
    expect(data.consents).toEqual([expect.objectContaining({ purpose: 'Marketing by email', state: 'granted', method: 'online-form', wording: 'Email me offers' })]);
    const all = exp.files.map((f) => f.text).join('\n');
    expect(all).not.toContain('Staff note');
    expect(all).not.toContain('Clinician:');
    expect(exp.files.find((f) => f.name === 'identity.csv')!.text.startsWith('\uFEFFfield,value\r\n')).toBe(true);
  });

  it('is refused to practitioner and reception (the owner answers requests)', async () => {
    const clientId = await client();
    await signInAs(tv.api, 'reception');
    expect(await errorCodeOf(() => tv.api.call('portability.export', { clientId }))).toBe('FORBIDDEN');
  });

  it('writes one folder atomically: a stop half-way leaves nothing', async () => {
    const clientId = await client();
    const exp = await tv.api.call('portability.export', { clientId });
    let written = 0;
    expect(await errorCodeOf(() => writePortabilityFolder(exp, out, () => ++written > 2))).toBe('CANCELLED');
    expect(readdirSync(out)).toEqual([]);
    const folder = writePortabilityFolder(exp, out);
    expect(readdirSync(out)).toEqual([exp.folderName]);
    expect(readdirSync(folder)).toHaveLength(5);
  });
});
