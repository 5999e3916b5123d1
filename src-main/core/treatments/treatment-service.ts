/**
 * Recording and reading treatments, and recall searches. The checks that need
 * the clinic's data or clock (client, type, practitioner, under-18 rule, dates
 * against today) run here, before anything is written; the write itself is one
 * transaction with the client's last visit, last interaction and the audit entry.
 * The audit log gets ids only: never a name, a product or a note.
 */
import { AppError, type FieldIssue } from '../../contract/errors';
import { londonToday } from '../../contract/field-schemas';
import type { RecallHit, Treatment, TreatmentType } from '../../contract/record-types';
import type { ParsedInput } from '../../contract/schemas';
import { recordInteraction } from '../clients/interactions';
import type { SignedInContext } from '../handler-types';
import { newId } from '../platform/ids';
import { claimStagedUpload } from '../uploads/staging';
import { recordReviewToday, reviewTickIssues } from './review-tick';
import { treatmentStores } from './stores';
import { under18Applies } from './catalogue-rules';
import { batchKey, doctorExceptionIssues, treatmentIssues, under18Decision } from './treatment-rules';

type TreatmentInput = ParsedInput<'treatments.create'>;

function validationError(issues: FieldIssue[]): AppError {
  return new AppError('VALIDATION', issues.map((i) => i.message).join(' '), { issues });
}

function clientNotFound(): AppError {
  return new AppError('NOT_FOUND', 'That client could not be found. They may have been removed.');
}

/** The type must be in the catalogue and still offered. */
function activeType(ctx: SignedInContext, typeId: string): TreatmentType {
  const type = treatmentStores(ctx.vault).types.get(typeId);
  if (!type) throw validationError([{ field: 'typeId', message: 'Choose a treatment from the catalogue.' }]);
  if (!type.active) {
    throw validationError([
      { field: 'typeId', message: 'That treatment is no longer offered. Choose another, or ask the owner to make it active again.' },
    ]);
  }
  return type;
}

/** Who gave the treatment: an active owner or practitioner (reception does not treat). */
function practitionerIssues(ctx: SignedInContext, practitionerId: string): FieldIssue[] {
  const member = ctx.vault.staff.get(practitionerId);
  if (member && !member.removedAt && member.role !== 'reception') return [];
  return [{ field: 'practitionerId', message: 'Choose a practitioner or owner who is on the staff.' }];
}

/**
 * The under-18 rule (Botulinum Toxin and Cosmetic Fillers (Children) Act 2021;
 * see treatment-rules.ts). A refusal is recorded in the audit log, with the
 * client's id only, and nothing else is stored. Returns field issues for the
 * cases that are a mistake in the form rather than a refusal.
 */
function applyUnder18Rule(ctx: SignedInContext, input: TreatmentInput, type: TreatmentType, dateOfBirth: string | null): FieldIssue[] {
  if (!under18Applies(type)) {
    return input.doctorException ? [doctorExceptionNotNeeded()] : [];
  }
  if (!dateOfBirth) {
    // Without a date of birth the age cannot be checked, and the Act does not allow guessing.
    return [{ field: 'clientId', message: "Add the client's date of birth to their record first: it is needed to check the under-18 rule." }];
  }
  const decision = under18Decision({
    toxinOrFiller: true,
    dateOfBirth,
    treatedOn: input.treatedOn,
    hasDoctorException: input.doctorException !== null,
  });
  if (decision === 'refused') {
    ctx.vault.audit.append({
      staffId: ctx.session.staff.id,
      action: 'treatment.refused_under_18',
      subjectType: 'client',
      subjectId: input.clientId,
    });
    throw new AppError('UNDER_18');
  }
  if (decision === 'adult' && input.doctorException) return [doctorExceptionNotNeeded()];
  return input.doctorException ? doctorExceptionIssues(input.doctorException, input.treatedOn) : [];
}

/** An approval recorded where none applies would wrongly suggest the client was a child. */
function doctorExceptionNotNeeded(): FieldIssue {
  return {
    field: 'doctorException',
    message: "A doctor's approval is recorded only for toxin or filler given to someone under 18. Remove it.",
  };
}

export function createTreatment(ctx: SignedInContext, input: TreatmentInput): Treatment {
  const { vault, session, core } = ctx;
  const stores = treatmentStores(vault);
  const client = stores.treatments.client(input.clientId);
  if (!client) throw clientNotFound();
  const type = activeType(ctx, input.typeId);
  const practitionerId = input.practitionerId ?? session.staff.id;

  // The legal refusal comes before the form's other problems: nobody should
  // fix a batch number only to be told the treatment cannot be given at all.
  const issues = [
    ...applyUnder18Rule(ctx, input, type, client.dateOfBirth),
    ...practitionerIssues(ctx, practitionerId),
    ...treatmentIssues(input, type.injectable, londonToday(core.clock.now())),
    ...reviewTickIssues(ctx, input.clientId, input.medicalHistoryReviewed),
  ];
  if (issues.length > 0) throw validationError(issues);

  const now = core.clock.now().toISOString();
  const id = newId('tr');
  vault.db.transaction(() => {
    // Claimed inside the transaction: if the insert fails, the upload stays staged.
    const consentForm = input.consentFormUploadId
      ? claimStagedUpload(ctx, input.consentFormUploadId, { allow: ['pdf', 'image'], field: 'consentFormUploadId', clinical: true })
      : null;
    const medicalHistoryReviewedOn = input.medicalHistoryReviewed ? recordReviewToday(ctx, input.clientId, now) : null;
    stores.treatments.insert({
      id,
      clientId: input.clientId,
      treatedOn: input.treatedOn,
      practitionerId,
      typeId: type.id,
      areas: input.areas,
      product: input.product,
      batchNumber: input.batchNumber,
      batchKey: batchKey(input.batchNumber),
      batchExpiry: input.batchExpiry,
      amount: input.amount,
      amountUnit: input.amountUnit,
      consentFormFileId: consentForm?.fileId ?? null,
      notes: input.notes,
      aftercare: input.aftercare,
      followUpOn: input.followUpOn,
      adverseEvent: input.adverseEvent,
      mhraReported: input.mhraReported,
      mhraReference: input.mhraReference,
      // Only reached when the rule applied and the approval was needed (applyUnder18Rule).
      doctorException: input.doctorException,
      medicalHistoryReviewedOn,
      createdAt: now,
      createdBy: session.staff.id,
    });
    stores.treatments.recordVisit(input.clientId, input.treatedOn);
    recordInteraction(vault.db, input.clientId, now);
    vault.audit.append({
      staffId: session.staff.id,
      action: 'treatment.created',
      subjectType: 'treatment',
      subjectId: id,
      detail: { clientId: input.clientId },
    });
  })();
  return stores.treatments.get(id)!;
}

/** A client's treatments, newest first. Reading health data is itself recorded. */
export function listTreatments(ctx: SignedInContext, clientId: string): Treatment[] {
  const stores = treatmentStores(ctx.vault);
  if (!stores.treatments.client(clientId)) throw clientNotFound();
  const list = stores.treatments.listForClient(clientId);
  ctx.vault.audit.append({
    staffId: ctx.session.staff.id,
    action: 'client.treatments_viewed',
    subjectType: 'client',
    subjectId: clientId,
  });
  return list;
}

export function getTreatment(ctx: SignedInContext, treatmentId: string): Treatment {
  const treatment = treatmentStores(ctx.vault).treatments.get(treatmentId);
  if (!treatment) throw new AppError('NOT_FOUND');
  ctx.vault.audit.append({
    staffId: ctx.session.staff.id,
    action: 'treatment.viewed',
    subjectType: 'treatment',
    subjectId: treatment.id,
    detail: { clientId: treatment.clientId },
  });
  return treatment;
}

/**
 * Every treatment given from one batch, newest first, with the contact details
 * needed to reach the clients when a manufacturer recalls it. The batch number
 * is matched however it was typed (see batchKey).
 */
export function recallByBatch(ctx: SignedInContext, batchNumber: string): { batchNumber: string; hits: RecallHit[] } {
  const { key, hits } = recallHits(ctx, batchNumber);
  ctx.vault.audit.append({ staffId: ctx.session.staff.id, action: 'recall.searched', detail: { hits: hits.length } });
  return { batchNumber: key, hits };
}

/** The rows of a recall, unlogged: each caller logs its own action (a search, an export). */
export function recallHits(ctx: SignedInContext, batchNumber: string): { key: string; hits: RecallHit[] } {
  const key = batchKey(batchNumber);
  if (key === '') throw validationError([{ field: 'batchNumber', message: 'A batch or lot number needs letters or digits.' }]);
  return { key, hits: treatmentStores(ctx.vault).treatments.recall(key) };
}
