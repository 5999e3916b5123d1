/**
 * The destruction certificate as the owner prints it (issue #13 item 6):
 * pdftotext reads the date, the member of staff, the policy version, the
 * count, each client's reference with its categories, the backup statement
 * and the SHA-256 of its data as in the audit log, and no client's name,
 * email or date of birth.
 */
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestVault, createTestVault, errorCodeOf } from '../test-support/temp-vault';
import { pdfText, tempPdfPath } from '../test-support/pdf-tools';
import { dbOf } from '../test-support/upload-test-support';
import { seedDueClient } from '../test-support/retention-action-test-support';

let tv: TestVault;
beforeEach(async () => {
  tv = await createTestVault();
});
afterEach(() => tv.cleanup());

describe('retention.certificates.pdf', () => {
  it('prints the batch without personal data, with the hash the audit log holds', async () => {
    const clients = [await seedDueClient(tv.api, 1, 1), await seedDueClient(tv.api, 2, 1)];
    const batch = await tv.api.call('retention.destroy', { items: clients.map((c) => ({ clientId: c.clientId, category: 'clinical' as const })), confirm: 'DESTROY' });
    const pdf = await tv.api.call('retention.certificates.pdf', { id: batch.certificateId! });
    const path = tempPdfPath(pdf.fileName);
    writeFileSync(path, Buffer.from(pdf.pdfBase64, 'base64'));
    const text = pdfText(path).replace(/\s+/g, ' ');

    expect(text).toContain('Certificate of destruction');
    expect(text).toContain('Riverside Aesthetics');
    expect(text).toContain('Date 22/11/2026');
    expect(text).toContain('Carried out by Olivia Owner');
    expect(text).toContain('Retention policy version 1');
    expect(text).toContain('Clients destroyed 2');
    for (const c of clients) {
      expect(text).toContain(`${c.clientId} contact details, marketing preferences, other non-clinical data, clinical records and photos`);
      for (const secret of [c.firstName, c.lastName, c.email, '12/02/2013']) expect(text).not.toContain(secret);
    }
    expect(text).toContain('restoring any backup destroys these clients again');
    const issued = dbOf(tv.api).prepare("SELECT detail FROM audit_log WHERE action = 'retention.certificate_issued'").get() as { detail: string };
    expect(pdf.sha256).toBe(JSON.parse(issued.detail).sha256);
    expect(text).toContain(pdf.sha256);
    const exported = dbOf(tv.api).prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'retention.certificate_exported'").get() as { n: number };
    expect(exported.n).toBe(1);
  });

  it('names an unknown certificate clearly', async () => {
    expect(await errorCodeOf(() => tv.api.call('retention.certificates.pdf', { id: 'rc_nope' }))).toBe('NOT_FOUND');
  });
});
