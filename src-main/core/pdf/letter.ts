/**
 * Letters on the clinic's letterhead (acknowledgement, refusal or fee,
 * erasure reply, the access pack's cover): one model, printed as a PDF or
 * given as plain text the owner can paste into an email.
 */
import { formatUkDate, formatUkPhone } from '../../contract/uk-formats';
import type { SettingsRepo } from '../settings/settings-repo';
import { PdfBuilder } from './pdf-builder';
import type { Letterhead, PdfResult } from './pdf-types';

export interface LetterModel {
  letterhead: Letterhead;
  reference: string;
  /** YYYY-MM-DD; printed DD/MM/YYYY. */
  date: string;
  to: string[];
  subject: string;
  paragraphs: string[];
  fields?: Array<[string, string]>;
  /** "Yours sincerely," and the clinic's name: printed last, after the summary table, so nothing follows the signature. */
  signOff?: string[];
}

/** Write the letter as a one-or-more-page PDF; with a password it is AES-256 encrypted. */
export function writeLetterPdf(letter: LetterModel, out: NodeJS.WritableStream, password?: string | null): Promise<PdfResult> {
  const pdf = new PdfBuilder({ title: letter.subject, reference: letter.reference, letterhead: letter.letterhead, password: password ?? null });
  pdf.letterheadBlock();
  for (const line of letter.to) pdf.paragraph(line);
  pdf.paragraph('');
  pdf.fields([
    ['Date', formatUkDate(letter.date)],
    ['Our reference', letter.reference],
  ]);
  pdf.heading(letter.subject, 3);
  for (const p of letter.paragraphs) pdf.paragraph(p);
  if (letter.fields && letter.fields.length > 0) pdf.fields(letter.fields);
  for (const line of letter.signOff ?? []) pdf.paragraph(line);
  return pdf.finish(out);
}

/** The same letter as plain text, for copying into an email. */
export function letterText(letter: LetterModel): string {
  const lh = letter.letterhead;
  const head = [
    lh.clinicName,
    ...lh.addressLines.filter((l) => l.trim() !== ''),
    ...(lh.phone ? [`Tel ${lh.phone}`] : []),
    ...(lh.email ? [lh.email] : []),
    ...(lh.icoRegistration ? [`ICO registration ${lh.icoRegistration}`] : []),
  ];
  const fields = (letter.fields ?? []).map(([label, value]) => `${label}: ${value}`);
  return [
    head.join('\n'),
    letter.to.join('\n'),
    `Date: ${formatUkDate(letter.date)}\nOur reference: ${letter.reference}`,
    letter.subject,
    ...letter.paragraphs,
    ...(fields.length > 0 ? [fields.join('\n')] : []),
    ...(letter.signOff && letter.signOff.length > 0 ? [letter.signOff.join('\n')] : []),
  ]
    .filter((block) => block !== '')
    .join('\n\n')
    .concat('\n');
}

/** The letterhead from the clinic's settings (name, address with postcode, phone, email, ICO number). */
export function clinicLetterhead(settings: SettingsRepo): Letterhead {
  const clinic = settings.getClinic();
  const address = [...clinic.addressLines, clinic.postcode].map((l) => l.trim()).filter((l) => l !== '');
  return {
    clinicName: clinic.clinicName,
    addressLines: address,
    // Stored in E.164 (+441174960000); printed the UK way (0117 496 0000).
    phone: clinic.phone.trim() ? formatUkPhone(clinic.phone) : null,
    email: clinic.email.trim() || null,
    icoRegistration: clinic.icoRegistrationNumber.trim() || null,
  };
}
