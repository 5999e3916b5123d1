import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../contract/schemas';
import { pdfInfo, pdfText, tempPdfPath, tryPdfText } from '../test-support/pdf-tools';
import { createTestVault, errorCodeOf, type TestVault } from '../test-support/temp-vault';
import { signInAs, signInAsOwner } from '../test-support/test-clients';
import { dbOf } from '../test-support/upload-test-support';

let tv: TestVault;
beforeEach(async () => {
  tv = await createTestVault();
});
afterEach(() => tv.cleanup());

async function editOf(change: Partial<MethodInput<'processing.update'>> = {}): Promise<MethodInput<'processing.update'>> {
  const { updatedAt: _u, version, updatedBy: _b, ...content } = await tv.api.call('processing.get', undefined);
  return { ...content, expectedVersion: version, ...change };
}

function auditActions(): Array<{ action: string; detail: string | null }> {
  return dbOf(tv.api).prepare(`SELECT action, detail FROM audit_log WHERE action LIKE 'processing_record.%' ORDER BY seq`).all() as never;
}

describe('record of processing (Art 30)', () => {
  it('starts with the clinic defaults: treatment under contract with the Sch 1 health condition, processors, retention, security', async () => {
    const record = await tv.api.call('processing.get', undefined);
    expect(record.version).toBe(1);
    expect(record.updatedBy).toBeNull();
    const treatment = record.purposes[0];
    expect(treatment?.lawfulBasis).toContain('Art 6(1)(b)');
    expect(treatment?.healthCondition).toContain('Art 9(2)(h)');
    expect(treatment?.healthCondition).toContain('Sch 1 Part 1 para 2');
    expect(record.purposes.find((p) => p.name.startsWith('Marketing'))?.lawfulBasis).toContain('Consent');
    expect(record.peopleCategories).toContain('Clients');
    expect(record.dataCategories.some((d) => d.startsWith('Photographs'))).toBe(true);
    expect(record.recipients.map((r) => r.name)).toEqual(expect.arrayContaining(['Online booking system', 'Accounting software', 'Email service', 'SMS service', 'Insurers']));
    expect(record.retention.some((r) => r.includes('10 years after the last treatment'))).toBe(true);
    expect(record.retention.some((r) => r.includes('3 years after the last interaction'))).toBe(true);
    expect(record.retention.some((r) => r.includes('25th birthday'))).toBe(true);
    expect(record.securityMeasures.some((s) => s.includes('SQLCipher'))).toBe(true);
    expect(record.automatedDecisions).toMatch(/^None/);
  });

  it('saves an edit as a new version, keeps the old one, and audits the version number only', async () => {
    const edit = await editOf();
    edit.recipients = [...edit.recipients, { name: 'Cloud backup service', kind: 'processor', purpose: 'Encrypted off-site backups', country: 'Ireland' }];
    edit.transfers = [{ destination: 'Ireland (EEA)', safeguard: 'UK adequacy regulations' }];
    const saved = await tv.api.call('processing.update', edit);
    expect(saved).toMatchObject({ version: 2, updatedBy: 'Olivia Owner', updatedAt: '2026-11-22T09:00:00.000Z' });
    expect(saved.recipients.at(-1)?.name).toBe('Cloud backup service');
    expect((await tv.api.call('processing.get', undefined)).transfers).toEqual([{ destination: 'Ireland (EEA)', safeguard: 'UK adequacy regulations' }]);
    const { versions } = await tv.api.call('processing.history', undefined);
    expect(versions.map((v) => [v.version, v.savedBy])).toEqual([[2, 'Olivia Owner'], [1, null]]);
    // Version 1 is still there as it was.
    const first = dbOf(tv.api).prepare('SELECT record FROM processing_record_versions WHERE version = 1').get() as { record: string };
    expect(JSON.parse(first.record).recipients.some((r: { name: string }) => r.name === 'Cloud backup service')).toBe(false);
    expect(auditActions()).toEqual([{ action: 'processing_record.updated', detail: JSON.stringify({ version: 2 }) }]);
  });

  it('never lets a stored version be changed or deleted', async () => {
    const db = dbOf(tv.api);
    expect(() => db.prepare(`UPDATE processing_record_versions SET record = '{}' WHERE version = 1`).run()).toThrow(/keeps its history/);
    expect(() => db.prepare('DELETE FROM processing_record_versions').run()).toThrow(/keeps its history/);
  });

  it('refuses a save over a newer version someone else made, changing nothing', async () => {
    const stale = await editOf({ sources: 'From the client.' });
    await tv.api.call('processing.update', await editOf({ sources: 'Saved first.' }));
    expect(await errorCodeOf(() => tv.api.call('processing.update', stale))).toBe('PROCESSING_RECORD_CHANGED');
    const now = await tv.api.call('processing.get', undefined);
    expect(now).toMatchObject({ version: 2, sources: 'Saved first.' });
  });

  it('refuses bad input with a message, changing nothing: no purpose, a blank lawful basis, no retention, an unknown recipient kind', async () => {
    const cases: Array<Partial<MethodInput<'processing.update'>>> = [
      { purposes: [] },
      { purposes: [{ name: 'Treatment', lawfulBasis: '  ', healthCondition: null }] },
      { retention: [] },
      { recipients: [{ name: 'Someone', kind: 'friend' as never, purpose: 'x', country: 'UK' }] },
      { securityMeasures: ['ok', 'bad\u202eone'] },
    ];
    for (const change of cases) {
      const err = await tv.api.call('processing.update', await editOf(change)).catch((e: unknown) => e as { code: string; issues?: Array<{ message: string }> });
      expect(err).toMatchObject({ code: 'VALIDATION' });
      expect((err as { issues?: unknown[] }).issues?.length).toBeGreaterThan(0);
    }
    expect((await tv.api.call('processing.get', undefined)).version).toBe(1);
    expect(auditActions()).toEqual([]);
  });

  it('lets every role read it, but only the owner edit or export it (enforced in the core)', async () => {
    const edit = await editOf();
    for (const role of ['reception', 'practitioner'] as const) {
      await signInAsOwner(tv.api);
      await signInAs(tv.api, role);
      expect((await tv.api.call('processing.get', undefined)).version).toBe(1);
      expect(await errorCodeOf(() => tv.api.call('processing.update', edit))).toBe('FORBIDDEN');
      expect(await errorCodeOf(() => tv.api.call('processing.exportPdf', { password: null }))).toBe('FORBIDDEN');
    }
    await signInAsOwner(tv.api);
    expect((await tv.api.call('processing.get', undefined)).version).toBe(1);
  });

  it('exports a PDF of the record in force, audited with its SHA-256', async () => {
    const pdf = await tv.api.call('processing.exportPdf', { password: null });
    const path = tempPdfPath('art30.pdf');
    writeFileSync(path, Buffer.from(pdf.pdfBase64, 'base64'));
    // Lines wrap where the page ends them: compare with the white space folded.
    const text = pdfText(path).replace(/\s+/g, ' ');
    for (const s of ['Riverside Aesthetics', 'Record of processing activities', 'Purposes and lawful basis', 'Art 6(1)(b)', 'Sch 1 Part 1 para 2', 'Online booking system', '10 years after the last treatment', 'SQLCipher', 'Version 1', `Page 1 of ${pdf.pages}`]) {
      expect(text).toContain(s);
    }
    expect(pdf.fileName).toBe('record-of-processing-v1.pdf');
    expect(auditActions()).toEqual([{ action: 'processing_record.exported', detail: JSON.stringify({ version: 1, sha256: pdf.sha256, protected: false }) }]);
  });

  it('exports a password-protected PDF when asked', async () => {
    const pdf = await tv.api.call('processing.exportPdf', { password: 'art30-secret' });
    const path = tempPdfPath('art30-protected.pdf');
    writeFileSync(path, Buffer.from(pdf.pdfBase64, 'base64'));
    expect(tryPdfText(path).status).not.toBe(0);
    expect(pdfInfo(path, 'art30-secret')['Encrypted']).toMatch(/AES-256/);
  });
});
