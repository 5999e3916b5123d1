/**
 * The letters of a data subject request, as letter models the PDF builder
 * prints and letterText turns into copyable text (issue #12 items 4 and 7;
 * docs/requests.md). Pure: the request, the clinic's letterhead, the day and
 * the owner's reasons in, the letter out.
 *
 * - Acknowledgement: the reference, the due date (or what the clock waits
 *   for), and what ID or authority is needed.
 * - Refusal (UK GDPR Art 12(5)): the reasons the request is manifestly
 *   unfounded or excessive, the right to complain to the ICO and to seek a
 *   judicial remedy (Art 12(4)), sent within the time limit.
 * - Fee (Art 12(5)(a)): the reasonable fee, why, and that the clock starts
 *   when it is paid.
 */
import { AppError } from '../../contract/errors';
import type { FeeReason, RequestType, SubjectRequest } from '../../contract/request-types';
import { formatUkDate } from '../../contract/uk-formats';
import type { LetterModel, Letterhead } from '../pdf';

const WHAT: Record<RequestType, string> = {
  access: 'a copy of the personal data we hold about you (the right of access)',
  rectification: 'to correct personal data you say is inaccurate (the right to rectification)',
  erasure: 'to erase your personal data (the right to erasure)',
  restriction: 'to restrict how we use your personal data (the right to restriction)',
  objection: 'to stop using your personal data for a purpose you object to (the right to object)',
  portability: 'your personal data in a form you can take elsewhere (the right to data portability)',
  consent_withdrawal: 'to withdraw your consent',
  complaint: 'a complaint about how we handle your personal data',
};

const FEE_REASON_WORDS: Record<FeeReason, string> = {
  manifestly_unfounded: 'manifestly unfounded',
  manifestly_excessive: 'manifestly excessive',
};

/** UK GDPR Art 12(4) and 77-79: said in every refusal, and in the fee letter. */
const RIGHTS_PARAGRAPH =
  'If you are unhappy with this decision, you have the right to complain to the Information Commissioner’s Office (ICO), Wycliffe House, Water Lane, Wilmslow SK9 5AF, telephone 0303 123 1113, ico.org.uk/make-a-complaint. You also have the right to seek to enforce your rights through the courts (a judicial remedy).';

const ICO_PARAGRAPH =
  'If you are unhappy with how we handle your request, you can tell us, and you have the right to complain to the Information Commissioner’s Office (ico.org.uk, 0303 123 1113).';

export interface LetterAddress {
  /** The person the letter goes to, and their postal address when the record has one. */
  lines: string[];
}

function salutation(request: SubjectRequest): string {
  return request.requester.kind === 'third_party' ? `Dear ${request.requester.name},` : `Dear ${request.displayName},`;
}

function aboutWhom(request: SubjectRequest): string {
  return request.requester.kind === 'third_party' ? `on behalf of ${request.displayName}` : '';
}

function listOfTypes(request: SubjectRequest): string {
  const items = request.types.map((t) => WHAT[t]);
  if (items.length === 1) return items[0]!;
  return `${items.slice(0, -1).join('; ')}; and ${items.at(-1)!}`;
}

function signOff(letterhead: Letterhead): string[] {
  return ['Yours sincerely,', letterhead.clinicName];
}

function base(request: SubjectRequest, letterhead: Letterhead, today: string, to: LetterAddress, subject: string): LetterModel {
  return { letterhead, reference: request.reference, date: today, to: to.lines, subject, paragraphs: [salutation(request)] };
}

export function acknowledgementLetter(request: SubjectRequest, letterhead: Letterhead, today: string, to: LetterAddress): LetterModel {
  const letter = base(request, letterhead, today, to, `Your request about personal data — reference ${request.reference}`);
  const who = aboutWhom(request);
  letter.paragraphs.push(
    `Thank you for your request${who ? ` ${who}` : ''}, which we received on ${formatUkDate(request.receivedOn)}. You asked for ${listOfTypes(request)}. Please quote the reference ${request.reference} if you contact us about it.`,
  );
  const fields: Array<[string, string]> = [
    ['Reference', request.reference],
    ['Received', formatUkDate(request.receivedOn)],
  ];
  const waitingForId = request.identity.requestedOn !== null && request.identity.receivedOn === null;
  if (waitingForId) {
    const needed = request.identityNeeded || 'proof of your identity';
    letter.paragraphs.push(
      `Before we can act on your request we need to be sure we are giving your information to the right person. Please send us: ${needed}. The time limit for our response starts on the day we receive it, and we will write to tell you the date.`,
    );
    fields.push(['ID needed', needed]);
  }
  if (request.requester.kind === 'third_party' && (!request.requester.authority || (request.authority.requestedOn && !request.authority.receivedOn))) {
    letter.paragraphs.push(
      `Because you are asking on behalf of ${request.displayName}, we also need evidence that you are entitled to act for them, such as their signed authority or a lasting power of attorney. We cannot release their information until we have it.`,
    );
    fields.push(['Authority needed', 'Evidence that you may act for them']);
  }
  const stopped = request.deadline.clockStoppedFor;
  if (request.dueDate && stopped === null) {
    const complaintOnly = request.types.every((t) => t === 'complaint');
    letter.paragraphs.push(
      complaintOnly
        ? `We will look into your complaint and tell you what we have found. This letter is our acknowledgement of it.`
        : `We will respond by ${formatUkDate(request.dueDate)}.${request.deadline.extensionNoticeBy ? ` If your request turns out to be complex, the law allows us up to two further months; if we need them, we will tell you why by ${formatUkDate(request.deadline.extensionNoticeBy)}.` : ''}`,
    );
    fields.push([complaintOnly ? 'Acknowledged by' : 'Response due by', formatUkDate(request.dueDate)]);
  } else if (stopped === 'clarification') {
    letter.paragraphs.push('We have asked you to clarify your request. The time limit is paused until we receive your answer, and we will tell you the new date.');
  } else if (stopped === 'fee') {
    letter.paragraphs.push('We have written to you separately about a fee. The time limit starts on the day we receive it.');
  }
  letter.paragraphs.push(ICO_PARAGRAPH);
  letter.fields = fields;
  letter.signOff = signOff(letterhead);
  return letter;
}

function requireReasons(reasons: string): string {
  if (reasons.trim() === '') {
    throw new AppError('VALIDATION', 'Write the reasons the request is manifestly unfounded or excessive: the letter must give them to the person (UK GDPR Art 12(4)).', {
      issues: [{ field: 'reasons', message: 'Enter the reasons.' }],
    });
  }
  return reasons.trim();
}

export function refusalLetter(request: SubjectRequest, letterhead: Letterhead, today: string, to: LetterAddress, reasons: string, ground: FeeReason): LetterModel {
  const why = requireReasons(reasons);
  const letter = base(request, letterhead, today, to, `Your request about personal data — reference ${request.reference}: our decision`);
  letter.paragraphs.push(
    `We received your request${aboutWhom(request) ? ` ${aboutWhom(request)}` : ''} on ${formatUkDate(request.receivedOn)}, for ${listOfTypes(request)}.`,
    `We have decided not to act on it, because we consider it ${FEE_REASON_WORDS[ground]} (UK GDPR Article 12(5)). Our reasons are:`,
    why,
    RIGHTS_PARAGRAPH,
  );
  letter.signOff = signOff(letterhead);
  letter.fields = [
    ['Reference', request.reference],
    ['Received', formatUkDate(request.receivedOn)],
    ['Decision', `Refused: ${FEE_REASON_WORDS[ground]}`],
    ...(request.dueDate ? ([['Response due by', formatUkDate(request.dueDate)]] as Array<[string, string]>) : []),
  ];
  return letter;
}

export function feeLetter(request: SubjectRequest, letterhead: Letterhead, today: string, to: LetterAddress, reasons: string): LetterModel {
  if (!request.fee) {
    throw new AppError('VALIDATION', 'Record the fee on the request first (the amount, and whether the request is manifestly unfounded or excessive).');
  }
  const why = requireReasons(reasons);
  const pounds = `£${(request.fee.amountPence / 100).toFixed(2)}`;
  const letter = base(request, letterhead, today, to, `Your request about personal data — reference ${request.reference}: a fee`);
  letter.paragraphs.push(
    `We received your request${aboutWhom(request) ? ` ${aboutWhom(request)}` : ''} on ${formatUkDate(request.receivedOn)}, for ${listOfTypes(request)}.`,
    `We consider the request ${FEE_REASON_WORDS[request.fee.reason]} (UK GDPR Article 12(5)). Rather than refuse it, we will deal with it on payment of a reasonable fee of ${pounds}, based on the administrative cost of doing so. Our reasons are:`,
    why,
    `We will not act on the request until we receive the fee. The one-month time limit for our response starts on the day it arrives. If you do not wish to pay, please let us know.`,
    RIGHTS_PARAGRAPH,
  );
  letter.signOff = signOff(letterhead);
  letter.fields = [
    ['Reference', request.reference],
    ['Received', formatUkDate(request.receivedOn)],
    ['Fee', pounds],
    ['Fee asked for on', formatUkDate(request.fee.requestedOn)],
  ];
  return letter;
}
