/**
 * The erasure and its reply letter together: the letter is made as the
 * erasure finishes, from what was erased and what is kept, addressed with the
 * name read before the contact details went (a record removed whole has no
 * other copy). Later, erasure.letter makes it again for a kept record from the
 * sealed identity; the address is gone by then, so it is addressed by name.
 */
import type { ErasureResult } from '../../contract/erasure-types';
import { AppError } from '../../contract/errors';
import type { ServiceContext } from '../service/service-context';
import { type ErasureLetterContent, erasureLetterContent, erasureLetterPlainText } from './erasure-letter';
import { applyErasure, erasurePreview, erasureStatus } from './erasure-service';

interface NameRow {
  first_name: string;
  last_name: string;
  address_lines: string;
  postcode: string | null;
  marketing_objection_at: string | null;
}

function addressOf(row: NameRow): string[] {
  let lines: string[] = [];
  try {
    lines = JSON.parse(row.address_lines || '[]') as string[];
  } catch {
    lines = [];
  }
  return [`${row.first_name} ${row.last_name}`.trim(), ...lines, ...(row.postcode ? [row.postcode] : [])].filter((l) => l !== '');
}

/** The reference the letter quotes: the request's, once the register gives one, else one made from the client id. */
export function erasureReference(clientId: string, requestReference: string | null): string {
  return requestReference ?? `ERASURE-${clientId}`;
}

export function eraseWithLetter(ctx: ServiceContext, clientId: string, requestId: string | null, requestReference: string | null = null): ErasureResult {
  const before = ctx.db.prepare('SELECT first_name, last_name, address_lines, postcode, marketing_objection_at FROM clients WHERE id = ?').get(clientId) as
    | NameRow
    | undefined;
  const result = applyErasure(ctx, clientId, requestId);
  const reference = erasureReference(clientId, requestReference);
  const content = erasureLetterContent({
    preview: result.preview,
    erasedAt: result.erasedAt,
    reference,
    to: before ? addressOf(before) : [],
    objectedToMarketing: !!before?.marketing_objection_at,
  });
  return { ...result, letterText: erasureLetterPlainText(content), reference };
}

export function erasureLetterFor(
  ctx: ServiceContext,
  clientId: string,
  requestId: string | null,
  requestReference: string | null = null,
): { content: ErasureLetterContent; text: string } {
  const status = erasureStatus(ctx, clientId);
  if (!status) throw new AppError('NOT_FOUND', 'This client’s data has not been erased, so there is no erasure letter to make.');
  const preview = { ...erasurePreview(ctx, clientId, requestId), keptUntil: status.keptUntil };
  const objected = ctx.db.prepare('SELECT marketing_objection_at AS o FROM clients WHERE id = ?').get(clientId) as { o: string | null };
  const id = status.retainedIdentity;
  const content = erasureLetterContent({
    preview,
    erasedAt: status.erasedAt,
    reference: erasureReference(clientId, requestReference),
    to: id ? [`${id.firstName} ${id.lastName}`.trim()] : [],
    objectedToMarketing: !!objected.o,
  });
  return { content, text: erasureLetterPlainText(content) };
}
