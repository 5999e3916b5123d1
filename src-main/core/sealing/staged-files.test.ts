/**
 * Which key a stored file's own key sits under: a file staged by someone who
 * holds the clinical key is sealed from the start (a photo waiting to be
 * imported is clinical already), and the claim settles it for its use.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreApi } from '../app';
import { newClient } from '../test-support/test-clients';
import { PDF_BYTES, stage } from '../test-support/consent-test-support';
import { type TestVault, addStaffMember, createTestVault } from '../test-support/temp-vault';
import { dropClinicalKey } from '../test-support/without-clinical-key';

let tv: TestVault;
let api: CoreApi;
let clientId: string;
const priya = { username: 'priya', password: 'priya-password-123' };
const desk = { username: 'rachel', password: 'rachel-password-123' };

const stagedFileOf = (uploadId: string) =>
  (api.core.requireSession().vault.db.prepare('SELECT file_id FROM staged_uploads WHERE id = ?').get(uploadId) as { file_id: string }).file_id;
const files = () => api.core.requireSession().vault.files;

async function signIn(who: { username: string; password: string }): Promise<void> {
  await api.call('session.signOut', undefined);
  await api.call('session.signIn', who);
}

beforeAll(async () => {
  tv = await createTestVault();
  api = tv.api;
  await addStaffMember(api, 'practitioner');
  await addStaffMember(api, 'reception');
  clientId = (await api.call('clients.create', newClient())).id;
  await signIn(priya);
}, 30_000);

afterAll(() => tv.cleanup());

describe('the key of a staged file', () => {
  it('is sealed while a practitioner’s upload waits, and stays sealed as photo consent evidence', async () => {
    const uploadId = await stage(api, PDF_BYTES, 'photo-consent.pdf');
    expect(files().isClinical(stagedFileOf(uploadId))).toBe(true);
    const event = await api.call('consent.record', { clientId, purposeId: 'photo.training', state: 'granted', method: 'paper-form', evidenceUploadId: uploadId });
    expect(files().isClinical(event.evidenceFileId!)).toBe(true);
    expect((await files().readToBuffer(event.evidenceFileId!)).equals(PDF_BYTES)).toBe(true);
  });

  it('goes back under the database key when a practitioner files it as marketing consent evidence', async () => {
    const uploadId = await stage(api, PDF_BYTES, 'marketing.pdf');
    expect(files().isClinical(stagedFileOf(uploadId))).toBe(true);
    const event = await api.call('consent.record', { clientId, purposeId: 'marketing.sms', state: 'granted', method: 'paper-form', evidenceUploadId: uploadId });
    expect(files().isClinical(event.evidenceFileId!)).toBe(false);
    // So reception, without the clinical key, can open it like one it recorded itself.
    await signIn(desk);
    dropClinicalKey(api);
    expect((await files().readToBuffer(event.evidenceFileId!)).equals(PDF_BYTES)).toBe(true);
  });

  it('stays under the database key when reception stages it', async () => {
    await signIn(desk);
    dropClinicalKey(api);
    const uploadId = await stage(api, PDF_BYTES, 'desk.pdf');
    expect(files().isClinical(stagedFileOf(uploadId))).toBe(false);
  });
});
