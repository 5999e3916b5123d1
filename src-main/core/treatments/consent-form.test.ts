import { afterEach, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../contract/schemas';
import type { CoreApi } from '../app';
import { addStaffMember, createTestVault, type TestVault } from '../test-support/temp-vault';
import { createTestClient } from '../test-support/treatment-test-clients';

let tv: TestVault | undefined;
afterEach(() => {
  tv?.cleanup();
  tv = undefined;
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

const peel = (clientId: string, consentFormUploadId: string): MethodInput<'treatments.create'> => ({
  clientId,
  treatedOn: '2026-11-20',
  typeId: 'tt_chemical_peel',
  consentFormUploadId,
  medicalHistoryReviewed: true,
});

async function stage(api: CoreApi, bytes: Buffer, fileName: string): Promise<string> {
  const r = await api.upload(bytes, { fileName });
  if (!r.ok) throw new Error(`upload failed: ${r.error.code} ${r.error.message}`);
  return r.value.uploadId;
}

const staged = (api: CoreApi) =>
  (api.core.requireSession().vault.db.prepare('SELECT count(*) AS n FROM staged_uploads').get() as { n: number }).n;

describe("a treatment's signed consent form", () => {
  it('claims a staged PDF or image and keeps it with the treatment', async () => {
    tv = await createTestVault();
    const clientId = await createTestClient(tv.api);
    for (const [bytes, name] of [[PDF, 'consent.pdf'], [PNG, 'consent-scan.png']] as const) {
      const uploadId = await stage(tv.api, bytes, name);
      const t = await tv.api.call('treatments.create', peel(clientId, uploadId));
      expect(t.consentFormFileId).toMatch(/\S/);
      expect(await tv.api.core.requireSession().vault.files.readToBuffer(t.consentFormFileId!)).toEqual(bytes);
    }
    expect(staged(tv.api)).toBe(0);
  });

  it('refuses another kind of file by field, stores nothing, and leaves the upload staged', async () => {
    tv = await createTestVault();
    const clientId = await createTestClient(tv.api);
    const uploadId = await stage(tv.api, Buffer.from('just some text'), 'consent.pdf');
    const r = await tv.api.dispatch('treatments.create', peel(clientId, uploadId));
    expect(!r.ok && r.error.code).toBe('VALIDATION');
    expect(!r.ok && r.error.issues?.map((i) => i.field)).toEqual(['consentFormUploadId']);
    expect(staged(tv.api)).toBe(1);
    expect(await tv.api.call('treatments.list', { clientId })).toEqual([]);
  });

  it("does not use up the upload when the treatment is refused, nor accept someone else's", async () => {
    tv = await createTestVault();
    const young = await createTestClient(tv.api, { dateOfBirth: '2010-01-01' });
    const uploadId = await stage(tv.api, PDF, 'consent.pdf');
    const refused = await tv.api.dispatch('treatments.create', { ...peel(young, uploadId), typeId: 'tt_toxin', product: 'X', batchNumber: 'B1', batchExpiry: '2027-01-01' });
    expect(!refused.ok && refused.error.code).toBe('UNDER_18');
    expect(staged(tv.api)).toBe(1);
    const priya = await addStaffMember(tv.api, 'practitioner');
    await tv.api.call('session.signIn', { username: priya.username, password: priya.password });
    const r = await tv.api.dispatch('treatments.create', peel(young, uploadId));
    expect(!r.ok && r.error.code).toBe('NOT_FOUND');
  });
});
