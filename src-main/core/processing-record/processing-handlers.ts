/**
 * processing.*: the record of processing (Art 30). Everyone signed in may read
 * it (it holds no personal data, and staff should know it); only the owner
 * (settings.manage) edits and exports it.
 */
import type { HandlersFor } from '../service/handler-types';
import { serviceContext } from '../service/service-context';
import { listProcessingRecordVersions, readProcessingRecord, updateProcessingRecord } from './processing-record';
import { exportProcessingRecordPdf } from './processing-record-pdf';

export const processingHandlers: HandlersFor<'processing.get' | 'processing.update' | 'processing.history' | 'processing.exportPdf'> = {
  'processing.get': { access: 'signed-in', run: (ctx) => readProcessingRecord(serviceContext(ctx)) },
  'processing.history': { access: 'signed-in', run: (ctx) => ({ versions: listProcessingRecordVersions(serviceContext(ctx)) }) },
  'processing.update': {
    access: 'settings.manage',
    run: (ctx, input) => {
      const { expectedVersion, ...content } = input;
      return updateProcessingRecord(serviceContext(ctx), content, expectedVersion);
    },
  },
  'processing.exportPdf': {
    access: 'settings.manage',
    run: (ctx, input) => exportProcessingRecordPdf(serviceContext(ctx), input.password),
  },
};
