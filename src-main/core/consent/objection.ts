/**
 * An objection to direct marketing (Art 21(3)) is absolute: in one call every
 * marketing consent currently granted is withdrawn (one ledger event each), the
 * client is marked as having objected, and their email and phone numbers go on
 * the suppression list, which outlives erasure (suppression.ts).
 */
import type { ClientConsentSummary } from '../../contract/consent-types';
import type { ParsedInput } from '../../contract/schemas';
import { requireClient } from '../clients/client-service';
import { recordInteraction } from '../clients/interactions';
import type { SignedInContext } from '../handler-types';
import { consentSummary } from './consent-service';
import { appendConsentEvent } from './ledger';
import { addClientToSuppressionList } from '../clients/suppression';

export const OBJECTION_NOTE = 'Objected to direct marketing';

export function objectToMarketing(ctx: SignedInContext, input: ParsedInput<'consent.object'>): ClientConsentSummary {
  const { vault, session, core } = ctx;
  const client = requireClient(ctx, input.clientId);
  const at = core.clock.now().toISOString();
  const note = input.note ? `${OBJECTION_NOTE}: ${input.note.normalize('NFC')}` : OBJECTION_NOTE;
  vault.db.transaction(() => {
    // Retired marketing purposes too: nothing granted may survive an objection.
    const granted = vault.db
      .prepare(
        `SELECT cc.purpose_id FROM consent_current cc JOIN consent_purposes p ON p.id = cc.purpose_id
         WHERE cc.client_id = ? AND cc.state = 'granted' AND p.category = 'marketing'`,
      )
      .all(client.id) as { purpose_id: string }[];
    for (const g of granted) {
      appendConsentEvent(vault.db, {
        clientId: client.id,
        purposeId: g.purpose_id,
        treatmentId: null,
        state: 'withdrawn',
        basis: null,
        occurredAt: at,
        recordedAt: at,
        recordedBy: session.staff.id,
        method: input.method,
        noticeId: null,
        wording: '',
        evidenceFileId: null,
        softOptIn: null,
        tpsCheckedOn: null,
        tpsRegistered: null,
        explicitRegrant: false,
        note,
        correctsEventId: null,
      });
    }
    // The latest objection counts: it overrides any earlier explicit re-grant.
    vault.db.prepare('UPDATE clients SET marketing_objection_at = ? WHERE id = ?').run(at, client.id);
    const listed = addClientToSuppressionList(vault.db, client.id, session.staff.id, at);
    recordInteraction(vault.db, client.id, at);
    vault.audit.append({
      staffId: session.staff.id,
      action: 'consent.objection_recorded',
      subjectType: 'client',
      subjectId: client.id,
      detail: { withdrawn: granted.length, listed },
    });
  })();
  return consentSummary(ctx, client.id);
}
