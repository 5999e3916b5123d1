/**
 * The reply to an erasure request (UK GDPR Art 12(1), 17): what was erased,
 * what is kept until when, and why, with the right to complain. Built as the
 * PDF builder's letter model (core/pdf: writeLetterPdf renders it, letterText
 * gives the copyable text). Dates DD/MM/YYYY. Pure: the caller gives the
 * clinic's letterhead (clinicLetterhead) and the reference.
 */
import { formatUkDate } from '../../contract/uk-formats';
import type { ErasurePreview } from '../../contract/erasure-types';
import { CATEGORY_LABELS, ERASED_CATEGORIES } from '../destruction/categories';
import type { Letterhead, LetterModel } from '../pdf';

export function erasureLetterModel(input: {
  letterhead: Letterhead;
  preview: ErasurePreview;
  erasedAt: string;
  reference: string;
  to: string[];
  objectedToMarketing: boolean;
}): LetterModel {
  const { preview } = input;
  const erasedOn = formatUkDate(input.erasedAt.slice(0, 10));
  const paragraphs: string[] = [
    `Thank you for your request to erase the personal data we hold about you. On ${erasedOn} we erased it as set out below.`,
    'What we have erased:',
    ...ERASED_CATEGORIES.map((c) => `• ${CATEGORY_LABELS[c]}.`),
  ];
  if (preview.removesWholeRecord) {
    paragraphs.push('We held no clinical records about you, so nothing else is kept: your record has been removed entirely.');
  } else {
    paragraphs.push(
      'What we keep, and until when:',
      ...preview.stays.map((s) => `• ${s.what}: kept until ${formatUkDate(s.keptUntil)}.`),
      'Why we keep it:',
      ...preview.legalBasis.map((b) => `• ${b}`),
      `After ${formatUkDate(preview.keptUntil)} it will be securely destroyed. Until then it is used for nothing else, and it no longer appears when our staff search for clients.`,
    );
  }
  if (input.objectedToMarketing) {
    paragraphs.push(
      'Because you objected to direct marketing, we keep a coded form of your email address and phone number (not the details themselves) on our suppression list, only so that we never send you marketing again (UK GDPR Article 21(3)).',
    );
  }
  paragraphs.push(
    'If you are unhappy with how we have handled your request, you have the right to complain to the Information Commissioner’s Office (ico.org.uk, 0303 123 1113), and to seek a remedy through the courts.',
  );
  const fields: Array<[string, string]> = [['Erased on', erasedOn]];
  if (preview.keptUntil) fields.push(['Clinical record kept until', formatUkDate(preview.keptUntil)]);
  return {
    letterhead: input.letterhead,
    reference: input.reference,
    date: input.erasedAt.slice(0, 10),
    to: input.to,
    subject: 'Your request to erase your personal data',
    paragraphs,
    fields,
    signOff: ['Yours sincerely,', input.letterhead.clinicName],
  };
}
