/**
 * The duplicate check and merge methods of the contract (docs/duplicates.md).
 * The check is for anyone who adds clients (reception included); previewing
 * and merging need clinical.write (owner and practitioner), enforced by the
 * dispatcher before `run`, and the merge needs the clinical key besides.
 */
import type { HandlersFor } from '../handler-types';
import { findPossibleDuplicates } from './duplicates-service';
import { mergeClients } from './merge';
import { previewMerge } from './merge-plan';

export const duplicateHandlers: HandlersFor<'clients.findPossibleDuplicates' | 'clients.mergePreview' | 'clients.merge'> = {
  'clients.findPossibleDuplicates': { access: 'clients.write', run: (ctx, input) => findPossibleDuplicates(ctx, input) },
  'clients.mergePreview': { access: 'clinical.write', run: (ctx, input) => previewMerge(ctx, input) },
  'clients.merge': { access: 'clinical.write', run: (ctx, input) => mergeClients(ctx, input) },
};
