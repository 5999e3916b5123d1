/**
 * Letters for a request (issue #12 items 4 and 7). Filled in after the PDF
 * builder lands (INTERFACES12.md section 3); until then the method says so.
 */
import { AppError } from '../../contract/errors';
import type { RequestLetter } from '../../contract/request-types';
import type { ParsedInput } from '../../contract/schemas';
import type { ServiceContext } from '../service/service-context';
import { getSubjectRequest } from './request-store';

export function requestLetter(ctx: ServiceContext, input: ParsedInput<'requests.letter'>): RequestLetter {
  getSubjectRequest(ctx, input.id, input.asOf);
  throw new AppError('INTERNAL', 'Letters are not available in this build yet.');
}
