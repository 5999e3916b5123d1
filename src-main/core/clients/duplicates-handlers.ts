/**
 * The duplicate check of the contract (docs/duplicates.md), for anyone who
 * adds clients (reception included). Merging is core/merge/.
 */
import type { HandlersFor } from '../service/handler-types';
import { serviceContext } from '../service/service-context';
import { findPossibleDuplicates } from './duplicates-service';

export const duplicateHandlers: HandlersFor<'clients.findPossibleDuplicates'> = {
  'clients.findPossibleDuplicates': { access: 'clients.write', run: (ctx, input) => findPossibleDuplicates(serviceContext(ctx), input) },
};
