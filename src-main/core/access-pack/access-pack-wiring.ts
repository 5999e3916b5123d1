/**
 * The real parts behind the access pack's ports (ports.ts): the request
 * register, the record of processing, restriction, the statement of
 * disagreement, the clinic's letterhead and the PDF builder.
 */
import { AppError } from '../../contract/errors';
import { isProcessingRestricted } from '../requests/restriction';
import type { AccessPackPorts } from './ports';

const notYetWired = (): never => {
  throw new AppError('INTERNAL', 'The request register is not part of this build yet.');
};

export const accessPackPorts: AccessPackPorts = {
  getRequest: notYetWired,
  recordOnRequest: notYetWired,
  requestHistory: () => [],
  processingRecord: notYetWired,
  isRestricted: (ctx, clientId) => isProcessingRestricted(ctx.db, clientId),
  statementOfDisagreement: () => null,
  letterhead: (ctx) => {
    const c = ctx.settings.getClinic();
    return { clinicName: c.clinicName, addressLines: [...c.addressLines, c.postcode].filter(Boolean), phone: c.phone, email: c.email, icoRegistration: c.icoRegistrationNumber };
  },
  newPdf: notYetWired,
  scaleForPage: async (image) => image,
};
