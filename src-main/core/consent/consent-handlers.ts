/**
 * SCAFFOLD (issue #4, being built): the access each method needs is final; the
 * run functions are replaced by the real services. Purposes for treatment and
 * photos additionally need clinical.write, checked in the service.
 */
import { AppError } from '../../shared/errors';
import type { HandlersFor } from '../handler-types';

function notBuiltYet(): never {
  throw new AppError('INTERNAL', 'Not built yet.');
}

export const consentHandlers: HandlersFor<
  | 'consent.purposes'
  | 'consent.savePurpose'
  | 'consent.record'
  | 'consent.withdraw'
  | 'consent.current'
  | 'consent.history'
  | 'consent.object'
  | 'notices.list'
  | 'notices.publish'
  | 'notices.affected'
  | 'clients.setDeceased'
> = {
  'consent.purposes': { access: 'signed-in', run: notBuiltYet },
  'consent.savePurpose': { access: 'settings.manage', run: notBuiltYet },
  'consent.record': { access: 'clients.write', run: notBuiltYet },
  'consent.withdraw': { access: 'clients.write', run: notBuiltYet },
  'consent.current': { access: 'clients.read', run: notBuiltYet },
  'consent.history': { access: 'clients.read', run: notBuiltYet },
  'consent.object': { access: 'clients.write', run: notBuiltYet },
  'notices.list': { access: 'signed-in', run: notBuiltYet },
  'notices.publish': { access: 'settings.manage', run: notBuiltYet },
  'notices.affected': { access: 'settings.manage', run: notBuiltYet },
  'clients.setDeceased': { access: 'clients.write', run: notBuiltYet },
};
