/**
 * The client-record methods of the contract. Access is checked by the
 * dispatcher before `run` (handler-types.ts): medical and lifestyle history
 * need clinical.*, so reception is refused (and the refusal audit-logged)
 * before any of this runs. The services hold the rules.
 */
import type { HandlersFor } from '../service/handler-types';
import { serviceContext } from '../service/service-context';
import { clientServices } from './client-services';
import { addDispute, clientHistory, createClient, getClient, resolveDispute, updateClient } from './client-service';
import { getSection, updateSection } from './section-service';
import { hitsForViewer } from './visit-summary';

export const clientHandlers: HandlersFor<'clients.search' | 'clients.create' | 'clients.get' | 'clients.update' | 'clients.history' | 'clients.addDispute' | 'clients.resolveDispute' | 'medical.get' | 'medical.update' | 'lifestyle.get' | 'lifestyle.update'> = {
  // Not audited: the box searches as the user types, and a search reveals no record
  // beyond the list; opening a client (clients.get) is what is logged.
  'clients.search': {
    access: 'clients.read',
    run: (ctx, input) => ({ results: hitsForViewer(serviceContext(ctx), clientServices(ctx.vault).search.search(input.query, input.limit)) }),
  },
  'clients.create': { access: 'clients.write', run: (ctx, input) => createClient(serviceContext(ctx), input) },
  'clients.get': { access: 'clients.read', run: (ctx, input) => getClient(serviceContext(ctx), input.clientId) },
  'clients.update': { access: 'clients.write', run: (ctx, input) => updateClient(serviceContext(ctx), input) },
  'clients.history': { access: 'clients.read', run: (ctx, input) => clientHistory(serviceContext(ctx), input.clientId) },
  'clients.addDispute': { access: 'clients.write', run: (ctx, input) => addDispute(serviceContext(ctx), input) },
  'clients.resolveDispute': { access: 'clients.write', run: (ctx, input) => resolveDispute(serviceContext(ctx), input) },
  'medical.get': { access: 'clinical.read', run: (ctx, input) => getSection(serviceContext(ctx), 'medical', input.clientId) },
  'medical.update': { access: 'clinical.write', run: (ctx, input) => updateSection(serviceContext(ctx), 'medical', input) },
  'lifestyle.get': { access: 'clinical.read', run: (ctx, input) => getSection(serviceContext(ctx), 'lifestyle', input.clientId) },
  'lifestyle.update': { access: 'clinical.write', run: (ctx, input) => updateSection(serviceContext(ctx), 'lifestyle', input) },
};
