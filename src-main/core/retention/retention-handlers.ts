/**
 * Retention policy, queue and review methods (docs/retention.md). All owner
 * only (records.destroy), checked by the dispatcher: the queue lists whose
 * data is due for destruction, and the policy and reviews decide it.
 */
import type { HandlersFor } from '../service/handler-types';
import { serviceContext } from '../service/service-context';
import { currentPolicy, policyHistory } from './policy-store';
import { previewPolicy, setPolicy } from './policy-service';
import { retentionQueueView } from './queue-service';
import { reviewRows } from './review-service';

export const retentionHandlers: HandlersFor<
  'retention.policy.get' | 'retention.policy.history' | 'retention.policy.preview' | 'retention.policy.set' | 'retention.queue' | 'retention.review'
> = {
  'retention.policy.get': { access: 'records.destroy', run: (ctx) => currentPolicy(serviceContext(ctx).db) },
  'retention.policy.history': { access: 'records.destroy', run: (ctx) => ({ versions: policyHistory(serviceContext(ctx).db) }) },
  'retention.policy.preview': { access: 'records.destroy', run: (ctx, input) => previewPolicy(serviceContext(ctx), input.policy) },
  'retention.policy.set': { access: 'records.destroy', run: (ctx, input) => setPolicy(serviceContext(ctx), input.policy, input.confirmShort) },
  'retention.queue': { access: 'records.destroy', run: (ctx, input) => retentionQueueView(serviceContext(ctx), input) },
  'retention.review': { access: 'records.destroy', run: (ctx, input) => reviewRows(serviceContext(ctx), input) },
};
