/**
 * The consent-ledger, privacy-notice, objection and date-of-death methods of
 * the contract. `access` is checked by the dispatcher before `run`; purposes
 * for treatment and photos additionally need clinical.read / clinical.write,
 * checked in the services (purposes.ts requirePurposeAccess).
 */
import type { HandlersFor } from '../handler-types';
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
  'consent.savePurpose': { access: 'settings.manage', run: (ctx, input) => savePurpose(ctx, input) },
  'consent.record': { access: 'clients.write', run: (ctx, input) => recordConsent(ctx, input) },
  'consent.withdraw': { access: 'clients.write', run: (ctx, input) => withdrawConsent(ctx, input) },
  // Not audited: read with the record itself (the history, consent.history, is).
  'consent.current': { access: 'clients.read', run: (ctx, input) => consentSummary(ctx, input.clientId) },
  'consent.history': { access: 'clients.read', run: (ctx, input) => consentHistory(ctx, input) },
  'consent.object': { access: 'clients.write', run: (ctx, input) => objectToMarketing(ctx, input) },
  'notices.list': { access: 'signed-in', run: ({ vault }) => listNotices(vault.db) },
  'notices.publish': { access: 'settings.manage', run: (ctx, input) => publishNotice(ctx, input) },
  'notices.affectedCount': { access: 'settings.manage', run: (ctx, input) => noticeAffectedCount(ctx, input.noticeId) },
  'notices.affected': { access: 'settings.manage', run: (ctx, input) => noticeAffected(ctx, input.noticeId, input.after) },
  'notices.affectedCsv': { access: 'settings.manage', run: (ctx, input) => noticeAffectedCsv(ctx, input.noticeId) },
  'clients.setDeceased': { access: 'clients.write', run: (ctx, input) => setDeceased(ctx, input) },
};
