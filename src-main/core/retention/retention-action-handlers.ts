/**
 * retention.destroy / anonymise / batch.* / certificates.* (docs/retention-actions.md).
 * Every method needs records.destroy (the owner), checked by the dispatcher:
 * a practitioner or receptionist calling one directly is refused and the
 * refusal is audited.
 */
import { AppError } from '../../contract/errors';
import type { HandlersFor } from '../service/handler-types';
import { serviceContext } from '../service/service-context';
import { batchRow, batchView, listBatches } from './batch-store';
import { resumeBatch, startBatch } from './batch-run';
import { listCertificates } from './certificate-data';
import { certificatePdf } from './certificate-pdf';

export const retentionActionHandlers: HandlersFor<
  | 'retention.destroy'
  | 'retention.anonymise'
  | 'retention.batch.status'
  | 'retention.batch.resume'
  | 'retention.batch.list'
  | 'retention.certificates.list'
  | 'retention.certificates.pdf'
> = {
  'retention.destroy': {
    access: 'records.destroy',
    run: (ctx, input) => startBatch(serviceContext(ctx), { kind: 'destroy', items: input.items, confirm: input.confirm, asOf: input.asOf }),
  },
  'retention.anonymise': {
    access: 'records.destroy',
    run: (ctx, input) =>
      startBatch(serviceContext(ctx), {
        kind: 'anonymise',
        items: input.clientIds.map((clientId) => ({ clientId, category: 'clinical' as const })),
        confirm: input.confirm,
        asOf: input.asOf,
      }),
  },
  'retention.batch.status': {
    access: 'records.destroy',
    run: (ctx, input) => {
      const s = serviceContext(ctx);
      const row = batchRow(s.db, input.batchId);
      if (!row) throw new AppError('NOT_FOUND', 'That retention batch could not be found. Check the destruction log.');
      return batchView(s.db, row);
    },
  },
  'retention.batch.resume': { access: 'records.destroy', run: (ctx, input) => resumeBatch(serviceContext(ctx), input.batchId, input.asOf) },
  'retention.batch.list': { access: 'records.destroy', run: (ctx) => ({ batches: listBatches(serviceContext(ctx).db) }) },
  'retention.certificates.list': { access: 'records.destroy', run: (ctx) => ({ certificates: listCertificates(serviceContext(ctx).db) }) },
  'retention.certificates.pdf': { access: 'records.destroy', run: (ctx, input) => certificatePdf(serviceContext(ctx), input.id) },
};
