/** SCAFFOLD (issue #4, being built): the marketing-list export, owner only. */
import { AppError } from '../../shared/errors';
import type { HandlersFor } from '../handler-types';

function notBuiltYet(): never {
  throw new AppError('INTERNAL', 'Not built yet.');
}

export const marketingHandlers: HandlersFor<'marketing.export'> = {
  'marketing.export': { access: 'marketing.export', run: notBuiltYet },
};
