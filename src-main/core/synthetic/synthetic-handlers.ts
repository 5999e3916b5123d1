/** The synthetic-clinic method of the contract (seed-service.ts holds the rules). */
import type { HandlersFor } from '../service/handler-types';
import { serviceContext } from '../service/service-context';
import { seedSyntheticClinic } from './seed-service';

export const syntheticHandlers: HandlersFor<'vault.seedSynthetic'> = {
  'vault.seedSynthetic': { access: 'synthetic.seed', run: (ctx, input) => seedSyntheticClinic(serviceContext(ctx), ctx.core, input) },
};
