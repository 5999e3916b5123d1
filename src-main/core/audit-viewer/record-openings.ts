/**
 * "Who has opened this record?" (issue #10 item 6): the entries in which a
 * member of staff opened or read part of one client's record, newest first,
 * with the staff member's name, for the owner's panel on the History tab.
 *
 * Most of these entries have the client as their subject; a treatment or photo
 * viewed has the treatment or photo as its subject, so the client's treatment
 * and photo ids are asked for too, each through the subject index.
 */
import { RECORD_OPENING_ACTIONS } from '../../contract/audit-actions';
import type { AuditPage } from '../../contract/types';
import type { ParsedInput } from '../../contract/schemas';
import { requireClient } from '../clients/client-service';
import type { SignedInContext } from '../handler-types';
import { pageWithNames } from './audit-names';
import { clientSubjects } from '../audit/client-subjects';

export function recordOpenings(ctx: SignedInContext, input: ParsedInput<'audit.recordOpenings'>): AuditPage {
  const client = requireClient(ctx, input.clientId);
  const page = ctx.vault.audit.listAbout(clientSubjects(ctx.vault.db, client.id), RECORD_OPENING_ACTIONS, input.limit, input.beforeSeq);
  return pageWithNames(ctx.vault.db, ctx.session, page);
}
