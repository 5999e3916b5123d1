import { describe, expect, it } from 'vitest';
import type { SettingsRepo } from '../settings/settings-repo';
import { pdfInfo, pdfText, tempPdfPath, tryPdfText, writeToFile } from '../test-support/pdf-tools';
import { clinicLetterhead, letterText, writeLetterPdf, type LetterModel } from './letter';

const LETTER: LetterModel = {
  letterhead: { clinicName: 'Harbourside Aesthetics', addressLines: ['1 Quay Street', 'Bristol', 'BS1 4DJ'], phone: '0117 496 0123', email: 'hello@example.com', icoRegistration: 'ZA123456' },
  reference: 'DSR-2026-0007',
  date: '2026-03-02',
  to: ['Małgorzata Wójcik', '12 Park Row', 'Bristol BS1 5LJ'],
  subject: 'Your request for your personal data',
  paragraphs: ['We received your request on 01/03/2026.', 'Please send a copy of photo ID.'],
  fields: [['Reply due by', '01/04/2026']],
};

describe('letters', () => {
  it('prints the letterhead, addressee, date as DD/MM/YYYY, reference, subject and body', async () => {
    const path = tempPdfPath();
    const result = await writeToFile(path, (out) => writeLetterPdf(LETTER, out));
    expect(result.pages).toBe(1);
    const text = pdfText(path);
    for (const s of ['Harbourside Aesthetics', 'ICO registration ZA123456', 'Małgorzata Wójcik', '02/03/2026', 'DSR-2026-0007', 'Your request for your personal data', 'Please send a copy of photo ID.', 'Reply due by', '01/04/2026', 'Page 1 of 1']) {
      expect(text).toContain(s);
    }
  });

  it('with a password the letter is AES-256 encrypted', async () => {
    const path = tempPdfPath();
    await writeToFile(path, (out) => writeLetterPdf(LETTER, out, 'tell-by-phone'));
    expect(tryPdfText(path).status).not.toBe(0);
    expect(pdfInfo(path, 'tell-by-phone')['Encrypted']).toMatch(/AES-256/);
  });

  it('gives the same letter as copyable text', () => {
    expect(letterText(LETTER)).toBe(
      [
        'Harbourside Aesthetics\n1 Quay Street\nBristol\nBS1 4DJ\nTel 0117 496 0123\nhello@example.com\nICO registration ZA123456',
        'Małgorzata Wójcik\n12 Park Row\nBristol BS1 5LJ',
        'Date: 02/03/2026\nOur reference: DSR-2026-0007',
        'Your request for your personal data',
        'We received your request on 01/03/2026.',
        'Please send a copy of photo ID.',
        'Reply due by: 01/04/2026',
      ].join('\n\n') + '\n',
    );
  });

  it('builds the letterhead from the clinic settings, leaving out what is blank', () => {
    const settings = {
      getClinic: () => ({ clinicName: 'Harbourside Aesthetics', addressLines: ['1 Quay Street', ''], postcode: 'BS1 4DJ', phone: '', email: 'hello@example.com', icoRegistrationNumber: 'ZA123456' }),
    } as unknown as SettingsRepo;
    expect(clinicLetterhead(settings)).toEqual({
      clinicName: 'Harbourside Aesthetics',
      addressLines: ['1 Quay Street', 'BS1 4DJ'],
      phone: null,
      email: 'hello@example.com',
      icoRegistration: 'ZA123456',
    });
  });
});
