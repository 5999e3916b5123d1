/**
 * SCAFFOLD (issue #3, being built): the access each method needs is final; the
 * run functions are replaced by the real services.
 */
import { AppError } from '../../shared/errors';
import type { HandlersFor } from '../handler-types';

function notBuiltYet(): never {
  throw new AppError('INTERNAL', 'Not built yet.');
}

export const treatmentHandlers: HandlersFor<'treatmentTypes.list' | 'treatmentTypes.save' | 'treatments.list' | 'treatments.get' | 'treatments.create' | 'recall.byBatch'> = {
  'treatmentTypes.list': { access: 'signed-in', run: notBuiltYet },
  'treatmentTypes.save': { access: 'settings.manage', run: notBuiltYet },
  'treatments.list': { access: 'clinical.read', run: notBuiltYet },
  'treatments.get': { access: 'clinical.read', run: notBuiltYet },
  'treatments.create': { access: 'clinical.write', run: notBuiltYet },
  'recall.byBatch': { access: 'clinical.read', run: notBuiltYet },
};
