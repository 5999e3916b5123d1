/**
 * The erasure and its reply letter together: the letter is made as the
 * erasure finishes, from what was erased and what is kept, addressed with the
 * name read before the contact details went (a record removed whole has no
 * other copy). Later, erasure.letter makes it again for a kept record from the
 * sealed identity; the address is gone by then, so it is addressed by name.
 */
import type { ErasureResult } from '../../contract/erasure-types';
import { AppError } from '../../contract/errors';
import { type LetterModel, clinicLetterhead, letterText } from '../pdf';
import { getSubjectRequest } from '../requests/request-store';
import type { ServiceContext } from '../service/service-context';
import { erasureLetterModel } from './erasure-letter';
import { applyErasure, erasurePreview, erasureStatus } from './erasure-service';

interface NameRow {
  first_name: string;
  last_name: string;
  address_lines: string;
  postcode: string | null;
  marketing_objection_at: string | null;
}

function addressOf(row: NameRow): string[] {
  let lines: string[];
  try {
    lines = JSON.parse(row.address_lines || '[]') as string[];
  } catch {
    lines = [];
  }
  return [`${row.first_name} ${row.last_name}`.trim(), ...lines, ...(row.postcode ? [row.postcode] : [])].filter((l) => l !== '');
}

/** The reference the letter quotes: the request's (DSR-2026-0007), else one made from the client id. */
export function erasureReference(ctx: ServiceContext, clientId: string, requestId: string | null): string {
  return requestId ? getSubjectRequest(ctx, requestId).reference : `ERASURE-${clientId}`;
}

export function eraseWithLetter(ctx: ServiceContext, clientId: string, requestId: string | null): ErasureResult {
  const before = ctx.db.prepare('SELECT first_name, last_name, address_lines, postcode, marketing_objection_at FROM clients WHERE id = ?').get(clientId) as
    | NameRow
    | undefined;
  const result = applyErasure(ctx, clientId, requestId);
  const reference = erasureReference(ctx, clientId, requestId);
  const letter = erasureLetterModel({
    letterhead: clinicLetterhead(ctx.settings),
    preview: result.preview,
    erasedAt: result.erasedAt,
    reference,
    to: before ? addressOf(before) : [],
    objectedToMarketing: !!before?.marketing_objection_at,
  });
  const { letterhead: _letterhead, ...content } = letter;
  return { ...result, letterText: letterText(letter), reference, letter: { ...content, fields: content.fields ?? [] } };
}

export function erasureLetterFor(ctx: ServiceContext, clientId: string, requestId: string | null): { letter: LetterModel; text: string } {
  const status = erasureStatus(ctx, clientId);
  if (!status) throw new AppError('NOT_FOUND', 'This client’s data has not been erased, so there is no erasure letter to make.');
  const preview = { ...erasurePreview(ctx, clientId, requestId), keptUntil: status.keptUntil };
  const objected = ctx.db.prepare('SELECT marketing_objection_at AS o FROM clients WHERE id = ?').get(clientId) as { o: string | null };
  const id = status.retainedIdentity;
  const letter = erasureLetterModel({
    letterhead: clinicLetterhead(ctx.settings),
    preview,
    erasedAt: status.erasedAt,
    reference: erasureReference(ctx, clientId, requestId ?? status.requestId),
    to: id ? [`${id.firstName} ${id.lastName}`.trim()] : [],
    objectedToMarketing: !!objected.o,
  });
  return { letter, text: letterText(letter) };
}
