/**
 * Clinical alerts and the home work list (issue #10 items 3 and 5). Alerts are
 * health data ('clinical.read': reception is refused, and the refusal logged,
 * by the dispatcher); the recent-clients list is identity only.
 */
import type { HandlersFor } from '../service/handler-types';
import { serviceContext } from '../service/service-context';
import { getClinicalAlerts } from './clinical-alerts';
import { recentClients } from './recent-clients';

export const workListHandlers: HandlersFor<'clients.clinicalAlerts' | 'home.recentClients'> = {
  'clients.clinicalAlerts': { access: 'clinical.read', run: (ctx, input) => getClinicalAlerts(serviceContext(ctx), input.clientId) },
  'home.recentClients': { access: 'clients.read', run: (ctx, input) => recentClients(serviceContext(ctx), input.limit) },
};
