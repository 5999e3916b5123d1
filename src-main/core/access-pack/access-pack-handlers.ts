/**
 * The access pack's contract methods. All are the owner's ('sar.export',
 * checked by the dispatcher before run): only the owner reviews, redacts and
 * exports a subject-access pack (issue #12 item 12). Reception and
 * practitioners calling them directly are refused with FORBIDDEN.
 */
import type { HandlersFor } from '../handler-types';
import { serviceContext } from '../service/service-context';
import { accessPackPorts } from './access-pack-wiring';
import { exportAccessPack, exportPackPdf } from './export-pack';
import { addRedaction, removeRedaction, reviewPack } from './redactions';

export const accessPackHandlers: HandlersFor<'accessPack.review' | 'accessPack.redact' | 'accessPack.unredact' | 'accessPack.export' | 'accessPack.pdf'> = {
  'accessPack.review': { access: 'sar.export', run: (ctx, input) => reviewPack(serviceContext(ctx), accessPackPorts, input.requestId) },
  'accessPack.redact': { access: 'sar.export', run: (ctx, input) => addRedaction(serviceContext(ctx), accessPackPorts, input) },
  'accessPack.unredact': { access: 'sar.export', run: (ctx, input) => removeRedaction(serviceContext(ctx), accessPackPorts, input) },
  'accessPack.export': { access: 'sar.export', run: (ctx, input) => exportAccessPack(serviceContext(ctx), accessPackPorts, input) },
  'accessPack.pdf': { access: 'sar.export', run: (ctx, input) => exportPackPdf(serviceContext(ctx), accessPackPorts, input) },
};
