/**
 * Erasure, restriction, rectification and portability methods
 * (docs/erasure-and-restriction.md). Access is checked by the dispatcher:
 * erasing, restricting and lifting need records.destroy (the owner);
 * rectification decisions and portability exports are subject-request
 * responses (sar.export, the owner); reading a restriction, an erasure or a
 * statement needs clients.read.
 */
import type { HandlersFor } from '../service/handler-types';
import { serviceContext } from '../service/service-context';
import type { ServiceContext } from '../service/service-context';
import { liftRestriction, openRestriction, restrictionHistory, setRestriction } from '../requests/restriction';
import { declineRectification, rectificationFor, recordStatement } from '../rectification/rectification-store';
import { portabilityExport } from '../portability/portability-export';
import { erasurePreview, erasureStatus } from './erasure-service';
import { eraseWithLetter, erasureLetterFor } from './erasure-reply';
import { AppError } from '../../contract/errors';

function requireClientRow(ctx: ServiceContext, clientId: string): void {
  if (!ctx.db.prepare('SELECT 1 FROM clients WHERE id = ?').get(clientId)) throw new AppError('NOT_FOUND', 'That client could not be found.');
}

export const erasureHandlers: HandlersFor<
  | 'erasure.preview'
  | 'erasure.apply'
  | 'erasure.status'
  | 'erasure.letter'
  | 'restriction.get'
  | 'restriction.set'
  | 'restriction.lift'
  | 'rectification.list'
  | 'rectification.decline'
  | 'rectification.recordStatement'
  | 'portability.export'
> = {
  'erasure.preview': {
    access: 'records.destroy',
    run: (ctx, input) => {
      const s = serviceContext(ctx);
      const preview = erasurePreview(s, input.clientId, input.requestId);
      s.audit.append({ staffId: s.actor.id, action: 'erasure.previewed', subjectType: 'client', subjectId: input.clientId });
      return preview;
    },
  },
  'erasure.apply': {
    access: 'records.destroy',
    run: (ctx, input) => eraseWithLetter(serviceContext(ctx), input.clientId, input.requestId),
  },
  'erasure.status': { access: 'clients.read', run: (ctx, input) => erasureStatus(serviceContext(ctx), input.clientId) },
  'erasure.letter': { access: 'records.destroy', run: (ctx, input) => ({ text: erasureLetterFor(serviceContext(ctx), input.clientId, input.requestId).text }) },
  'restriction.get': {
    access: 'clients.read',
    run: (ctx, input) => {
      const s = serviceContext(ctx);
      requireClientRow(s, input.clientId);
      return { current: openRestriction(s.db, input.clientId), history: restrictionHistory(s.db, input.clientId) };
    },
  },
  'restriction.set': {
    access: 'records.destroy',
    run: (ctx, input) => {
      const s = serviceContext(ctx);
      requireClientRow(s, input.clientId);
      return setRestriction(s, input);
    },
  },
  'restriction.lift': { access: 'records.destroy', run: (ctx, input) => liftRestriction(serviceContext(ctx), input) },
  'rectification.list': {
    access: 'clients.read',
    run: (ctx, input) => {
      const s = serviceContext(ctx);
      requireClientRow(s, input.clientId);
      return rectificationFor(s, input.clientId);
    },
  },
  'rectification.decline': { access: 'sar.export', run: (ctx, input) => declineRectification(serviceContext(ctx), input) },
  'rectification.recordStatement': { access: 'sar.export', run: (ctx, input) => recordStatement(serviceContext(ctx), input) },
  'portability.export': { access: 'sar.export', run: (ctx, input) => portabilityExport(serviceContext(ctx), input.clientId) },
};
