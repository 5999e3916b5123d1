/**
 * Making a request's letter (issue #12 items 4 and 7, docs/requests.md): the
 * model from request-letter-models.ts, its copyable text, and its PDF on the
 * clinic's letterhead, returned base64 for the renderer to save like a CSV.
 * Each letter made is kept in the request's history with the PDF's SHA-256.
 */
import { AppError } from '../../contract/errors';
import type { RequestLetter, SubjectRequest } from '../../contract/request-types';
import type { ParsedInput } from '../../contract/schemas';
import { formatUkDate } from '../../contract/uk-formats';
import type { ServiceContext } from '../service/service-context';
import { clinicLetterhead, letterText, type LetterModel } from '../pdf';
import { letterPdf } from './letter-pdf';
import { acknowledgementLetter, feeLetter, type LetterAddress, refusalLetter } from './request-letter-models';
import { appendRequestHistory, getSubjectRequest, requireRequestRow, todayFor } from './request-store';

/** Who the letter goes to: a third party by name; the client with their postal address when the record has one. */
function addressOf(ctx: ServiceContext, request: SubjectRequest): LetterAddress {
  if (request.requester.kind === 'third_party') return { lines: [request.requester.name] };
  if (!request.clientId) return { lines: [request.displayName] };
  const row = ctx.db.prepare('SELECT address_lines, postcode FROM clients WHERE id = ?').get(request.clientId) as
    | { address_lines: string; postcode: string | null }
    | undefined;
  let lines: string[] = [];
  try {
    const parsed: unknown = JSON.parse(row?.address_lines ?? '[]');
    if (Array.isArray(parsed)) lines = parsed.filter((l): l is string => typeof l === 'string' && l.trim() !== '');
  } catch {
    lines = [];
  }
  return { lines: [request.displayName, ...lines, ...(row?.postcode ? [row.postcode] : [])] };
}

function modelFor(ctx: ServiceContext, request: SubjectRequest, input: ParsedInput<'requests.letter'>, today: string): LetterModel {
  const letterhead = clinicLetterhead(ctx.settings);
  const to = addressOf(ctx, request);
  switch (input.kind) {
    case 'acknowledgement':
      return acknowledgementLetter(request, letterhead, today, to);
    case 'fee':
      return feeLetter(request, letterhead, today, to, input.reasons);
    case 'refusal': {
      const ground = input.ground ?? request.fee?.reason;
      if (!ground) throw new AppError('VALIDATION', 'Say whether the request is manifestly unfounded or manifestly excessive.', { issues: [{ field: 'ground', message: 'Choose one.' }] });
      return refusalLetter(request, letterhead, today, to, input.reasons, ground);
    }
  }
}

export async function requestLetter(ctx: ServiceContext, input: ParsedInput<'requests.letter'>): Promise<RequestLetter> {
  const today = todayFor(ctx, input.asOf);
  const request = getSubjectRequest(ctx, input.id, input.asOf);
  const model = modelFor(ctx, request, input, today);
  const pdf = await letterPdf(model);
  const warnings: string[] = [];
  if (input.kind !== 'acknowledgement' && request.dueDate && today > request.dueDate) {
    warnings.push(`The time limit for responding ended on ${formatUkDate(request.dueDate)}: send this letter without further delay.`);
  }
  appendRequestHistory(ctx, requireRequestRow(ctx.db, request.id), 'letter.made', { letterKind: input.kind, sha256: pdf.sha256, pages: pdf.pages }, 'request.letter_made');
  return {
    text: letterText(model),
    pdfBase64: pdf.data.toString('base64'),
    fileName: `${request.reference}-${input.kind}.pdf`,
    warnings,
  };
}
