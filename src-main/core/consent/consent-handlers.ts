/**
 * The consent-ledger, privacy-notice, objection and date-of-death methods of
 * the contract. `access` is checked by the dispatcher before `run`; purposes
 * for treatment and photos additionally need clinical.read / clinical.write,
 * checked in the services (purposes.ts requirePurposeAccess).
 */
import type { HandlersFor } from '../service/handler-types';
import { serviceContext } from '../service/service-context';
import { consentHistory, consentSummary, recordConsent, withdrawConsent } from './consent-service';
import { setDeceased } from './deceased';
import { listNotices, noticeAffected, noticeAffectedCount, noticeAffectedCsv, publishNotice } from './notices';
import { objectToMarketing } from './objection';
import { listPurposes, savePurpose } from './purposes';

export const consentHandlers: HandlersFor<
  | 'consent.purposes'
  | 'consent.savePurpose'
  | 'consent.record'
  | 'consent.withdraw'
  | 'consent.current'
  | 'consent.history'
  | 'consent.object'
  | 'notices.list'
  | 'notices.publish'
  | 'notices.affectedCount'
  | 'notices.affected'
  | 'notices.affectedCsv'
  | 'clients.setDeceased'
> = {
  'consent.purposes': { access: 'signed-in', run: ({ vault }) => listPurposes(vault.db) },
  'consent.savePurpose': { access: 'settings.manage', run: (ctx, input) => savePurpose(serviceContext(ctx), input) },
  'consent.record': { access: 'clients.write', run: (ctx, input) => recordConsent(serviceContext(ctx), input) },
  'consent.withdraw': { access: 'clients.write', run: (ctx, input) => withdrawConsent(serviceContext(ctx), input) },
  // Not audited: read with the record itself (the history, consent.history, is).
  'consent.current': { access: 'clients.read', run: (ctx, input) => consentSummary(serviceContext(ctx), input.clientId) },
  'consent.history': { access: 'clients.read', run: (ctx, input) => consentHistory(serviceContext(ctx), input) },
  'consent.object': { access: 'clients.write', run: (ctx, input) => objectToMarketing(serviceContext(ctx), input) },
  'notices.list': { access: 'signed-in', run: ({ vault }) => listNotices(vault.db) },
  'notices.publish': { access: 'settings.manage', run: (ctx, input) => publishNotice(serviceContext(ctx), input) },
  'notices.affectedCount': { access: 'settings.manage', run: (ctx, input) => noticeAffectedCount(serviceContext(ctx), input.noticeId) },
  'notices.affected': { access: 'settings.manage', run: (ctx, input) => noticeAffected(serviceContext(ctx), input.noticeId, input.after) },
  'notices.affectedCsv': { access: 'settings.manage', run: (ctx, input) => noticeAffectedCsv(serviceContext(ctx), input.noticeId) },
  'clients.setDeceased': { access: 'clients.write', run: (ctx, input) => setDeceased(serviceContext(ctx), input) },
};
