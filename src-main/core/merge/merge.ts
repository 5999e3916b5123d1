/**
 * Merging two records of the same person (issue #10 item 2, docs/duplicates.md).
 * One transaction: it all happens or none of it does.
 *
 *  - The kept record takes, field by field, the value the person chose; each
 *    field that changes is in its change history, with the merge as the reason.
 *  - Treatments, photos, change history and disputes of the merged-away
 *    record move to the kept one, their clinical values sealed again for it
 *    (merge-move.ts); so do the medical and lifestyle histories, where the kept
 *    record has none or the person chose the merged-away one.
 *  - The consent ledger is copied across and the merged-away record's consents
 *    closed (merge-consent.ts); the objection to marketing and the suppression
 *    list follow the person.
 *  - Subject requests logged against the merged-away record move to the kept
 *    one, each with an entry in its own history (merge-requests.ts).
 *  - The merged-away record leaves the search index and is listed in
 *    client_merges; its row and its original details stay, so nothing is lost,
 *    but every call naming it is refused with a pointer to the kept record.
 *  - Both records' histories get an entry naming the other record, and the
 *    audit log one entry for each (ids only).
 *
 * Owner and practitioner only: the handler needs clinical.write, and moving
 * sealed values needs the clinical key, which a reception session does not hold.
 */
import { AppError } from '../../contract/errors';
import { MERGE_FIELDS, type MergeField, type MergeSide } from '../../contract/duplicate-types';
import type { ClientIdentity, ClientRecord } from '../../contract/record-types';
import type { ParsedInput } from '../../contract/schemas';
import type { ServiceContext } from '../service/service-context';
import { applySuppressionList } from '../clients/suppression';
import { clinicalKeyOf } from '../crypto/clinical-seal';
import { diffFields } from '../clients/change-history';
import { identityFromRow } from '../clients/client-repo';
import { clientServices } from '../clients/client-services';
import { toRecord } from '../clients/client-service';
import { checkClientRules } from '../clients/client-validation';
import { moveConsentLedger } from './merge-consent';
import { moveClinicalRows, moveSection } from './merge-move';
import { moveSubjectRequests } from './merge-requests';
import { planToken, requireMergePair } from './merge-plan';
import { indexClient, searchDocumentFor, unindexClient } from '../clients/search-index';

/** The field a merge's history entries are filed under, on each record. */
export const MERGED_WITH_FIELD = 'mergedWith';
export const MERGED_INTO_FIELD = 'mergedInto';

/** The kept record's identity after the merge: its own values, except the fields taken from the other. */
export function mergedIdentity(kept: ClientIdentity, merged: ClientIdentity, take: Partial<Record<MergeField, MergeSide>>): ClientIdentity {
  const out: ClientIdentity = { ...kept };
  for (const field of MERGE_FIELDS) {
    if (take[field] === 'merged') (out as unknown as Record<string, unknown>)[field] = merged[field];
  }
  return out;
}

export function mergeClients(ctx: ServiceContext, input: ParsedInput<'clients.merge'>): ClientRecord {
  const { db } = ctx;
  const key = clinicalKeyOf(ctx.keys);
  const staffId = ctx.actor.id;
  const at = ctx.clock.now().toISOString();
  const { repo, history } = clientServices(ctx);

  const result = db.transaction(() => {
    // Checked inside the transaction, so nothing can change between the check and the merge.
    const { kept, merged } = requireMergePair(ctx, input.keptId, input.mergedId);
    if (planToken(ctx, kept, merged) !== input.planToken) {
      throw new AppError('CONFLICT', 'One of these records changed after the merge was previewed. Look at the preview again before merging.');
    }
    const before = identityFromRow(kept);
    const after = mergedIdentity(before, identityFromRow(merged), input.take);
    const diffs = diffFields(before, after, MERGE_FIELDS);
    // A date of birth or other value taken from the other record still meets today's rules.
    checkClientRules(Object.fromEntries(diffs.map((d) => [d.field, after[d.field as MergeField]])) as Partial<ClientIdentity>, ctx.clock);

    const moved = moveClinicalRows(db, key, merged.id, kept.id);
    const medical = moveSection(db, key, 'medical', kept.id, merged.id, input.sections.medical);
    const lifestyle = moveSection(db, key, 'lifestyle', kept.id, merged.id, input.sections.lifestyle);
    const consentEvents = moveConsentLedger(db, merged.id, kept.id, staffId, at);
    const requests = moveSubjectRequests(ctx, merged.id, kept.id);

    repo.update(kept.id, after, at);
    // Facts about the person, not choices: the later visit and contact, and a recorded death, carry over.
    db.prepare(
      `UPDATE clients SET
         last_visit_on = (SELECT max(last_visit_on) FROM clients WHERE id IN (@kept, @merged)),
         last_interaction_at = (SELECT max(last_interaction_at) FROM clients WHERE id IN (@kept, @merged)),
         deceased_on = coalesce(deceased_on, (SELECT deceased_on FROM clients WHERE id = @merged))
       WHERE id = @kept`,
    ).run({ kept: kept.id, merged: merged.id });
    indexClient(db, kept.rowid, searchDocumentFor(after));
    unindexClient(db, merged.rowid);
    applySuppressionList(db, kept.id, at); // Art 21(3): a contact detail taken over may be on the list

    db.prepare('INSERT INTO client_merges (merged_id, kept_id, merged_at, merged_by, choices) VALUES (?, ?, ?, ?, ?)').run(
      merged.id,
      kept.id,
      at,
      staffId,
      JSON.stringify({ fields: input.take, medical, lifestyle }),
    );

    const reason = 'Merged with a duplicate record of the same person';
    history.record({ clientId: kept.id, section: 'identity', staffId, at, reason }, [...diffs, { field: MERGED_WITH_FIELD, oldValue: null, newValue: merged.id }]);
    history.record({ clientId: merged.id, section: 'identity', staffId, at, reason }, [{ field: MERGED_INTO_FIELD, oldValue: null, newValue: kept.id }]);

    const detail = {
      fields: diffs.length,
      treatments: moved.treatments ?? 0,
      photos: moved.photos ?? 0,
      consentEvents,
      historyEntries: moved.field_changes ?? 0,
      disputes: moved.field_disputes ?? 0,
      requests,
    };
    ctx.audit.append({ staffId, action: 'client.merged', subjectType: 'client', subjectId: kept.id, detail: { mergedClientId: merged.id, ...detail } });
    ctx.audit.append({ staffId, action: 'client.merged_away', subjectType: 'client', subjectId: merged.id, detail: { keptClientId: kept.id } });
    return kept.id;
  })();
  return toRecord(ctx, repo.get(result)!);
}
