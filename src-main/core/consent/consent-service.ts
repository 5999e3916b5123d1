/**
 * Recording, withdrawing and reading consents. Every consent can be
 * demonstrated (Art 7(1)): who recorded it, when the client said it, how, what
 * they were told (notice version and wording) and the evidence. Withdrawing is
 * one call with the same checks, as easy as giving (Art 7(3)).
 */
import type { ClientConsentSummary, ConsentEvent, RecordedConsent } from '../../contract/consent-types';
import { AppError, type FieldIssue } from '../../contract/errors';
import { londonToday } from '../../contract/field-schemas';
import type { ParsedInput } from '../../contract/schemas';
import { requireClient } from '../clients/client-service';
import { recordInteraction } from '../clients/interactions';
import type { ServiceContext } from '../service/service-context';
import { claimStagedUpload } from '../uploads/staged-uploads';
import {
  type RecordInput,
  recordIssues,
  resolveOccurredAt,
  restartEvidenceIssues,
  sameDayIssue,
  softOptInEndedIssue,
  takesBasis,
} from './consent-rules';
import { type Scope, overriddenBy, sameDayEvent, softOptInEnd } from './consent-order';
import { appendConsentEvent, currentConsents, getConsentEvent, listConsentEvents } from './ledger';
import { isClinicalPurpose, mayHandlePurpose, requirePurpose, requirePurposeAccess } from './purposes';

function invalid(issues: FieldIssue[]): AppError {
  return new AppError('VALIDATION', issues.map((i) => i.message).join(' '), { issues });
}

/** Checks that need the database: the notice, the treatment and the corrected event. */
function linkIssues(ctx: ServiceContext, input: RecordInput): FieldIssue[] {
  const { db } = ctx;
  const issues: FieldIssue[] = [];
  if (input.noticeId !== null && !db.prepare('SELECT 1 FROM privacy_notices WHERE id = ?').get(input.noticeId)) {
    issues.push({ field: 'noticeId', message: 'Choose one of the privacy notices the clinic has published.' });
  }
  if (input.treatmentId !== null) {
    const t = db.prepare('SELECT client_id FROM treatments WHERE id = ?').get(input.treatmentId) as { client_id: string } | undefined;
    if (t?.client_id !== input.clientId) issues.push({ field: 'treatmentId', message: 'Choose one of this client’s treatments.' });
  }
  if (input.correctsEventId !== null) {
    const e = getConsentEvent(db, input.correctsEventId);
    if (!e || e.clientId !== input.clientId || e.purposeId !== input.purposeId) {
      issues.push({ field: 'correctsEventId', message: 'A correction must name an earlier record of the same client and purpose.' });
    }
  }
  return issues;
}

export function recordConsent(ctx: ServiceContext, input: RecordInput, method = 'consent.record'): RecordedConsent {
  const client = requireClient(ctx, input.clientId);
  const purpose = requirePurpose(ctx.db, input.purposeId);
  // Photo and treatment consents are part of the clinical record.
  requirePurposeAccess(ctx, purpose, 'write', method);
  // A retired purpose takes no new grants, but a withdrawal is always honoured.
  if (!purpose.active && input.state === 'granted') {
    throw invalid([{ field: 'purposeId', message: 'That consent purpose is no longer in use.' }]);
  }
  const now = ctx.clock.now();
  const occurred = resolveOccurredAt(input.occurredAt, now);
  const objectedAt = (ctx.db.prepare('SELECT marketing_objection_at AS at FROM clients WHERE id = ?').get(client.id) as { at: string | null }).at;
  const marketing = purpose.category === 'marketing';
  const scope: Scope = { clientId: client.id, purposeId: purpose.id, scopeKey: input.treatmentId ?? '' };
  const issues = [
    ...('issue' in occurred ? [occurred.issue] : []),
    ...recordIssues(input, purpose, londonToday(now)),
    ...linkIssues(ctx, input),
  ];
  const ended = 'at' in occurred && marketing ? softOptInEnd(ctx.db, scope, occurred.at, objectedAt) : null;
  if ('at' in occurred && occurred.dateOnly !== null) {
    // Order of events is asked for, never guessed (docs/consent-rules.md).
    const sameDay = sameDayIssue(occurred.dateOnly, purpose.label, sameDayEvent(ctx.db, scope, occurred.dateOnly, objectedAt, marketing));
    if (sameDay) issues.push(sameDay);
  }
  // PECR reg 22(3): a refusal ends the soft opt-in.
  const softOptInEnded = softOptInEndedIssue(input, purpose, ended);
  if (softOptInEnded) issues.push(softOptInEnded);
  if (issues.length > 0) throw invalid(issues);
  const occurredAt = 'at' in occurred ? occurred.at : now.toISOString();

  if (objectedAt !== null && marketing && input.state === 'granted') {
    // Art 21(3): after an objection, marketing restarts only on a fresh, explicit consent.
    if (!input.explicitRegrant) throw new AppError('SUPPRESSED');
    if (occurredAt < objectedAt) {
      throw invalid([{ field: 'occurredAt', message: 'A fresh consent must have been given after the client objected to marketing.' }]);
    }
  }
  // The fresh consent that restarts marketing must show what the client agreed to.
  const evidence = restartEvidenceIssues(input, purpose, ended);
  if (evidence.length > 0) throw invalid(evidence);

  const recordedAt = now.toISOString();
  const id = ctx.db.transaction(() => {
    // Claimed inside the transaction: if anything fails, the upload stays staged.
    const evidence = input.evidenceUploadId
      ? claimStagedUpload(ctx, input.evidenceUploadId, {
          allow: ['pdf', 'image'],
          field: 'evidenceUploadId',
          // Photo and treatment consent evidence is clinical; marketing evidence stays readable by reception.
          clinical: isClinicalPurpose(purpose),
        })
      : null;
    const eventId = appendConsentEvent(ctx.db, {
      clientId: client.id,
      purposeId: purpose.id,
      treatmentId: input.treatmentId,
      state: input.state,
      // A grant of email or SMS marketing rests on consent unless the soft opt-in is recorded.
      basis: input.state !== 'granted' ? null : (input.basis ?? (takesBasis(purpose) ? 'consent' : null)),
      occurredAt,
      recordedAt,
      recordedBy: ctx.actor.id,
      method: input.method,
      noticeId: input.noticeId,
      wording: input.wording.normalize('NFC'),
      evidenceFileId: evidence?.fileId ?? null,
      softOptIn: input.basis === 'soft-opt-in' ? input.softOptIn : null,
      tpsCheckedOn: input.tpsCheckedOn,
      tpsRegistered: input.tpsRegistered,
      explicitRegrant: input.explicitRegrant,
      note: input.note.normalize('NFC'),
      correctsEventId: input.correctsEventId,
    });
    // A consent change is a contact with the client (retention clock).
    recordInteraction(ctx.db, client.id, recordedAt);
    ctx.audit.append({
      staffId: ctx.actor.id,
      action: 'consent.recorded',
      subjectType: 'client',
      subjectId: client.id,
      detail: { purposeId: purpose.id, state: input.state, eventId },
    });
    return eventId;
  })();
  // A backdated event can be outranked by a later one: the caller says so rather than "recorded granted".
  return { ...getConsentEvent(ctx.db, id)!, overriddenBy: overriddenBy(ctx.db, scope, id) };
}

/** Art 7(3): withdrawing is one call, as easy as giving. */
export function withdrawConsent(ctx: ServiceContext, input: ParsedInput<'consent.withdraw'>): RecordedConsent {
  return recordConsent(
    ctx,
    {
      clientId: input.clientId,
      purposeId: input.purposeId,
      state: 'withdrawn',
      method: input.method,
      noticeId: null,
      wording: '',
      evidenceUploadId: null,
      treatmentId: input.treatmentId,
      basis: null,
      softOptIn: null,
      tpsCheckedOn: null,
      tpsRegistered: null,
      explicitRegrant: false,
      note: input.note,
      correctsEventId: null,
    },
    'consent.withdraw',
  );
}

/** The client's current consents, the ones this role may see (not audited: it is part of the record view). */
export function consentSummary(ctx: ServiceContext, clientId: string): ClientConsentSummary {
  const row = ctx.db.prepare('SELECT marketing_objection_at AS at FROM clients WHERE id = ?').get(clientId) as
    | { at: string | null }
    | undefined;
  if (!row) throw new AppError('NOT_FOUND', 'That client could not be found. They may have been removed.');
  return {
    clientId,
    suppressed: row.at !== null,
    suppressedAt: row.at,
    current: currentConsents(ctx.db, clientId).filter((c) => mayHandlePurpose(ctx, c.purpose, 'read')),
  };
}

export function consentHistory(ctx: ServiceContext, input: ParsedInput<'consent.history'>): ConsentEvent[] {
  requireClient(ctx, input.clientId);
  if (input.purposeId !== undefined) {
    const purpose = requirePurpose(ctx.db, input.purposeId);
    requirePurposeAccess(ctx, purpose, 'read', 'consent.history');
  }
  const visible = new Map<string, boolean>();
  const events = listConsentEvents(ctx.db, input.clientId, input.purposeId).filter((e) => {
    if (!visible.has(e.purposeId)) {
      const p = requirePurpose(ctx.db, e.purposeId);
      visible.set(e.purposeId, mayHandlePurpose(ctx, p, 'read'));
    }
    return visible.get(e.purposeId)!;
  });
  ctx.audit.append({
    staffId: ctx.actor.id,
    action: 'consent.viewed',
    subjectType: 'client',
    subjectId: input.clientId,
    detail: { count: events.length },
  });
  return events;
}
