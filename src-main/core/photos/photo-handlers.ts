/**
 * SCAFFOLD (issue #3, being built): the access each method needs is final; the
 * run functions are replaced by the real services.
 */
import { AppError } from '../../shared/errors';
import type { HandlersFor } from '../handler-types';

function notBuiltYet(): never {
  throw new AppError('INTERNAL', 'Not built yet.');
}

export const photoHandlers: HandlersFor<'photos.list' | 'photos.get' | 'photos.import' | 'photos.update' | 'uploads.discard'> = {
  'photos.list': { access: 'clinical.read', run: notBuiltYet },
  'photos.get': { access: 'clinical.read', run: notBuiltYet },
  'photos.import': { access: 'clinical.write', run: notBuiltYet },
  'photos.update': { access: 'clinical.write', run: notBuiltYet },
  'uploads.discard': { access: 'signed-in', run: notBuiltYet },
};
