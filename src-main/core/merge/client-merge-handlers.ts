/**
 * Merging two records of one person (docs/duplicates.md). Previewing and
 * merging need clinical.write (owner and practitioner), enforced by the
 * dispatcher before `run`, and the merge needs the clinical key besides.
 * Its own folder because it moves every domain's rows (clients, treatments,
 * photos, consent) and so sits above them: none of them imports it.
 */
import type { HandlersFor } from '../service/handler-types';
import { serviceContext } from '../service/service-context';
import { mergeClients } from './merge';
import { previewMerge } from './merge-plan';

export const clientMergeHandlers: HandlersFor<'clients.mergePreview' | 'clients.merge'> = {
  'clients.mergePreview': { access: 'clinical.write', run: (ctx, input) => previewMerge(serviceContext(ctx), input) },
  'clients.merge': { access: 'clinical.write', run: (ctx, input) => mergeClients(serviceContext(ctx), input) },
};
