/** TPS screening per number and reg 21(4) statements (docs/phones-and-tps.md). */
import type { HandlersFor } from '../service/handler-types';
import { serviceContext } from '../service/service-context';
import { clientTpsStatus, recordTpsNoObjection, recordTpsScreening } from './tps';

export const tpsHandlers: HandlersFor<'tps.status' | 'tps.screen' | 'tps.noObjection'> = {
  // Not audited, like consent.current: read with the record itself.
  'tps.status': { access: 'clients.read', run: (ctx, input) => clientTpsStatus(serviceContext(ctx), input.clientId) },
  'tps.screen': { access: 'clients.write', run: (ctx, input) => recordTpsScreening(serviceContext(ctx), input) },
  'tps.noObjection': { access: 'clients.write', run: (ctx, input) => recordTpsNoObjection(serviceContext(ctx), input) },
};
