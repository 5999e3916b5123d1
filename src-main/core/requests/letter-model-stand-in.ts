/**
 * STAND-IN, deleted when core/pdf/ lands (INTERFACES12.md section 3): the
 * letter model's shape and its text version, so the letters can be written and
 * tested on their text before the PDF builder exists.
 */
import type { SettingsRepo } from '../settings/settings-repo';

export interface Letterhead {
  clinicName: string;
  addressLines: string[];
  phone?: string | null;
  email?: string | null;
  icoRegistration?: string | null;
}
export interface LetterModel {
  letterhead: Letterhead;
  reference: string;
  date: string;
  to: string[];
  subject: string;
  paragraphs: string[];
  fields?: Array<[string, string]>;
}

export function letterText(l: LetterModel): string {
  return [
    l.letterhead.clinicName,
    ...l.letterhead.addressLines,
    '',
    ...l.to,
    '',
    l.date,
    `Reference: ${l.reference}`,
    '',
    l.subject,
    '',
    ...(l.fields ?? []).map(([k, v]) => `${k}: ${v}`),
    '',
    ...l.paragraphs.flatMap((p) => [p, '']),
  ].join('\n');
}

export function clinicLetterhead(settings: SettingsRepo): Letterhead {
  const c = settings.getClinic();
  return { clinicName: c.clinicName, addressLines: [...c.addressLines, c.postcode].filter(Boolean), phone: c.phone, email: c.email, icoRegistration: c.icoRegistrationNumber };
}

/** Until core/pdf lands: no PDF (an empty file), so the text can be tested. */
export function letterPdf(_letter: LetterModel): Promise<{ data: Buffer; sha256: string; pages: number }> {
  return Promise.resolve({ data: Buffer.alloc(0), sha256: '0'.repeat(64), pages: 0 });
}
