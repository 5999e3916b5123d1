/**
 * Legal hold methods (docs/retention.md, "Legal holds"). Owner only
 * (records.destroy), checked by the dispatcher: placing and releasing a hold
 * decides whether records may be destroyed.
 */
import type { HandlersFor } from '../service/handler-types';
import { serviceContext } from '../service/service-context';
import { holdsOf, listHolds, placeHold, releaseHold } from './hold-service';
import { openHoldOf } from './legal-hold';

export const holdHandlers: HandlersFor<'holds.place' | 'holds.release' | 'holds.list' | 'holds.forClient'> = {
  'holds.place': { access: 'records.destroy', run: (ctx, input) => placeHold(serviceContext(ctx), input) },
  'holds.release': { access: 'records.destroy', run: (ctx, input) => releaseHold(serviceContext(ctx), input) },
  'holds.list': { access: 'records.destroy', run: (ctx, input) => ({ holds: listHolds(serviceContext(ctx), input) }) },
  'holds.forClient': {
    access: 'records.destroy',
    run: (ctx, input) => {
      const s = serviceContext(ctx);
      return { current: openHoldOf(s.db, input.clientId), history: holdsOf(s, input.clientId) };
    },
  },
};
