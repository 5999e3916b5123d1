/**
 * The merge's preview: both records side by side, field by field, and what
 * would move. Nothing is written (but the preview is audit-logged: it shows
 * two records). The merge itself (merge.ts) takes the preview's plan token
 * and is refused if either record changed since, so the person confirms
 * exactly what they were shown: the merge is reversible until confirmed
 * because until then nothing has happened (docs/duplicates.md).
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../contract/errors';
import { MERGE_FIELDS, type MergePreview, type SectionPresence } from '../../contract/duplicate-types';
import type { ParsedInput } from '../../contract/schemas';
import type { ServiceContext } from '../service/service-context';
import { displayValue } from '../clients/change-history';
import { identityFromRow, type ClientRow } from '../clients/client-repo';
import { requireClient, toRecord } from '../clients/client-service';

/** The two records of a merge, refused when they are the same record. */
export function requireMergePair(ctx: ServiceContext, keptId: string, mergedId: string): { kept: ClientRow; merged: ClientRow } {
  if (keptId === mergedId) {
    throw new AppError('VALIDATION', 'Choose two different records to merge.', { issues: [{ field: 'mergedId', message: 'Choose two different records to merge.' }] });
  }
  return { kept: requireClient(ctx, keptId), merged: requireClient(ctx, mergedId) };
}

interface Counts {
  treatments: number;
  photos: number;
  consentEvents: number;
  historyEntries: number;
  disputes: number;
  requests: number;
  lastConsentSeq: number | null;
  sections: string;
}

function countsOf(ctx: ServiceContext, clientId: string): Counts {
  return ctx.db
    .prepare(
      `SELECT (SELECT count(*) FROM treatments WHERE client_id = @id) AS treatments,
              (SELECT count(*) FROM photos WHERE client_id = @id) AS photos,
              (SELECT count(*) FROM consent_events WHERE client_id = @id) AS consentEvents,
              (SELECT max(seq) FROM consent_events WHERE client_id = @id) AS lastConsentSeq,
              (SELECT count(*) FROM field_changes WHERE client_id = @id) AS historyEntries,
              (SELECT count(*) FROM field_disputes WHERE client_id = @id) AS disputes,
              (SELECT count(*) FROM subject_requests WHERE client_id = @id) AS requests,
              (SELECT coalesce(group_concat(section || '@' || updated_at, ','), '') FROM client_sections WHERE client_id = @id) AS sections`,
    )
    .get({ id: clientId }) as Counts;
}

function presence(kept: Counts, merged: Counts, section: 'medical' | 'lifestyle'): SectionPresence {
  const k = kept.sections.includes(`${section}@`);
  const m = merged.sections.includes(`${section}@`);
  return k && m ? 'both' : k ? 'kept' : m ? 'merged' : 'none';
}

/** Names the current state of both records: any change to either gives another token. */
export function planToken(ctx: ServiceContext, kept: ClientRow, merged: ClientRow): string {
  const state = [kept, merged].map((row) => [row.id, row.updated_at, row.deceased_on, row.marketing_objection_at, countsOf(ctx, row.id)]);
  return createHash('sha256').update(JSON.stringify(state)).digest('hex').slice(0, 32);
}

export function previewMerge(ctx: ServiceContext, input: ParsedInput<'clients.mergePreview'>): MergePreview {
  const { kept, merged } = requireMergePair(ctx, input.keptId, input.mergedId);
  const keptIdentity = identityFromRow(kept);
  const mergedIdentity = identityFromRow(merged);
  const keptCounts = countsOf(ctx, kept.id);
  const mergedCounts = countsOf(ctx, merged.id);
  for (const id of [kept.id, merged.id]) {
    ctx.audit.append({
      staffId: ctx.actor.id,
      action: 'client.merge_previewed',
      subjectType: 'client',
      subjectId: id,
      detail: { otherClientId: id === kept.id ? merged.id : kept.id },
    });
  }
  return {
    kept: toRecord(ctx, kept),
    merged: toRecord(ctx, merged),
    fields: MERGE_FIELDS.map((field) => {
      const k = displayValue(keptIdentity[field]);
      const m = displayValue(mergedIdentity[field]);
      return { field, kept: k, merged: m, same: k === m };
    }),
    sections: { medical: presence(keptCounts, mergedCounts, 'medical'), lifestyle: presence(keptCounts, mergedCounts, 'lifestyle') },
    moves: {
      treatments: mergedCounts.treatments,
      photos: mergedCounts.photos,
      consentEvents: mergedCounts.consentEvents,
      historyEntries: mergedCounts.historyEntries,
      disputes: mergedCounts.disputes,
      requests: mergedCounts.requests,
    },
    planToken: planToken(ctx, kept, merged),
  };
}
