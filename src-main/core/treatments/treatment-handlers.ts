/**
 * The treatment methods of the contract: the catalogue, treatments and recall
 * searches. Access is checked by the dispatcher before `run` (handler-types.ts);
 * the services hold the rules.
 */
import type { HandlersFor } from '../service/handler-types';
import { serviceContext } from '../service/service-context';
import { saveTreatmentType } from './catalogue-service';
import { recallCsv } from './recall-csv';
import { treatmentStores } from './stores';
import { createTreatment, getTreatment, listTreatments, recallByBatch } from './treatment-service';

export const treatmentHandlers: HandlersFor<'treatmentTypes.list' | 'treatmentTypes.save' | 'treatments.list' | 'treatments.get' | 'treatments.create' | 'recall.byBatch' | 'recall.csv'> = {
  // Everyone signed in sees the catalogue (reception books treatments by type).
  'treatmentTypes.list': { access: 'signed-in', run: ({ vault }) => treatmentStores(vault).types.list() },
  'treatmentTypes.save': { access: 'settings.manage', run: (ctx, input) => saveTreatmentType(serviceContext(ctx), input) },
  'treatments.list': { access: 'clinical.read', run: (ctx, input) => listTreatments(serviceContext(ctx), input.clientId) },
  'treatments.get': { access: 'clinical.read', run: (ctx, input) => getTreatment(serviceContext(ctx), input.treatmentId) },
  'treatments.create': { access: 'clinical.write', run: (ctx, input) => createTreatment(serviceContext(ctx), input) },
  'recall.byBatch': { access: 'clinical.read', run: (ctx, input) => recallByBatch(serviceContext(ctx), input.batchNumber) },
  'recall.csv': { access: 'clinical.read', run: (ctx, input) => recallCsv(serviceContext(ctx), input.batchNumber) },
};
