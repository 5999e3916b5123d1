/**
 * The access pack's contract methods. All are the owner's ('sar.export',
 * checked by the dispatcher before run): only the owner reviews, redacts and
 * exports a subject-access pack (issue #12 item 12). Reception and
 * practitioners calling them directly are refused with FORBIDDEN.
 */
import type { HandlersFor } from '../service/handler-types';
import { serviceContext } from '../service/service-context';
import { accessPackPorts } from './access-pack-wiring';
import { exportAccessPack, exportPackPdf } from './export-pack';
import { requestClientId } from './gather';
import { addRedaction, removeRedaction, reviewPack } from './redactions';
import { startPrintCopyJob } from '../photos/print-copy-job';
import type { ServiceContext } from '../service/service-context';

/**
 * The review is the first step of every pack in the app: print copies for
 * photos held from before migration 0023 are made in the background from here
 * (photos/print-copy-job.ts), this client's first, ready for the export.
 */
function reviewAndPrepare(ctx: ServiceContext, requestId: string) {
  const review = reviewPack(ctx, accessPackPorts, requestId);
  startPrintCopyJob(
    { db: ctx.db, files: ctx.files, clock: ctx.clock, logger: ctx.logger, actorId: ctx.actor.id },
    { firstClientId: requestClientId(accessPackPorts.getRequest(ctx, requestId)) },
  ).catch((err: unknown) => ctx.logger.warn('print copy job failed', { error: err instanceof Error ? err.message : String(err) }));
  return review;
}

export const accessPackHandlers: HandlersFor<'accessPack.review' | 'accessPack.redact' | 'accessPack.unredact' | 'accessPack.export' | 'accessPack.pdf'> = {
  'accessPack.review': { access: 'sar.export', run: (ctx, input) => reviewAndPrepare(serviceContext(ctx), input.requestId) },
  'accessPack.redact': { access: 'sar.export', run: (ctx, input) => addRedaction(serviceContext(ctx), accessPackPorts, input) },
  'accessPack.unredact': { access: 'sar.export', run: (ctx, input) => removeRedaction(serviceContext(ctx), accessPackPorts, input) },
  'accessPack.export': { access: 'sar.export', run: (ctx, input) => exportAccessPack(serviceContext(ctx), accessPackPorts, input) },
  'accessPack.pdf': { access: 'sar.export', run: (ctx, input) => exportPackPdf(serviceContext(ctx), accessPackPorts, input) },
};
