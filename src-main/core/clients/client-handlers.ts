/**
 * SCAFFOLD (issue #3, being built): the access each method needs is final; the
 * run functions are replaced by the real services.
 */
import { AppError } from '../../shared/errors';
import type { HandlersFor } from '../handler-types';

function notBuiltYet(): never {
  throw new AppError('INTERNAL', 'Not built yet.');
}

export const clientHandlers: HandlersFor<'clients.search' | 'clients.create' | 'clients.get' | 'clients.update' | 'clients.history' | 'clients.addDispute' | 'clients.resolveDispute' | 'medical.get' | 'medical.update' | 'lifestyle.get' | 'lifestyle.update'> = {
  'clients.search': { access: 'clients.read', run: notBuiltYet },
  'clients.create': { access: 'clients.write', run: notBuiltYet },
  'clients.get': { access: 'clients.read', run: notBuiltYet },
  'clients.update': { access: 'clients.write', run: notBuiltYet },
  'clients.history': { access: 'clients.read', run: notBuiltYet },
  'clients.addDispute': { access: 'clients.write', run: notBuiltYet },
  'clients.resolveDispute': { access: 'clients.write', run: notBuiltYet },
  'medical.get': { access: 'clinical.read', run: notBuiltYet },
  'medical.update': { access: 'clinical.write', run: notBuiltYet },
  'lifestyle.get': { access: 'clinical.read', run: notBuiltYet },
  'lifestyle.update': { access: 'clinical.write', run: notBuiltYet },
};
