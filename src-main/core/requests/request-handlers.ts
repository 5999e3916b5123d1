/**
 * The register of data subject requests (docs/requests.md). Anyone at the desk
 * (requests.log: owner, practitioner, reception) logs a request, records the ID
 * that arrived and sees the register; every other step is the owner's
 * (sar.export), enforced by the dispatcher before `run`.
 */
import type { HandlersFor } from '../handler-types';
import { serviceContext } from '../service/service-context';
import { requestLetter } from './request-letters';
import { listRequests, requestDashboard } from './request-list';
import { addRequest, recordIdentity, updateRequest } from './request-service';
import { getSubjectRequest, requestHistory } from './request-store';

type RequestMethod =
  | 'requests.add'
  | 'requests.recordIdentity'
  | 'requests.update'
  | 'requests.get'
  | 'requests.list'
  | 'requests.dashboard'
  | 'requests.letter';

export const requestHandlers: HandlersFor<RequestMethod> = {
  'requests.add': { access: 'requests.log', run: (ctx, input) => addRequest(serviceContext(ctx), input) },
  'requests.recordIdentity': { access: 'requests.log', run: (ctx, input) => recordIdentity(serviceContext(ctx), input) },
  'requests.update': { access: 'sar.export', run: (ctx, input) => updateRequest(serviceContext(ctx), input) },
  'requests.get': {
    access: 'requests.log',
    run: (ctx, input) => {
      const sc = serviceContext(ctx);
      return { request: getSubjectRequest(sc, input.id, input.asOf), history: requestHistory(sc.db, input.id) };
    },
  },
  'requests.list': { access: 'requests.log', run: (ctx, input) => listRequests(serviceContext(ctx), input) },
  'requests.dashboard': { access: 'requests.log', run: (ctx, input) => requestDashboard(serviceContext(ctx), input.asOf) },
  'requests.letter': { access: 'sar.export', run: (ctx, input) => requestLetter(serviceContext(ctx), input) },
};
