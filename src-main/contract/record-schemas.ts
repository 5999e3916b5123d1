/**
 * Input schemas for client records, treatments, photos and search (issue #3).
 * Format checks live here; rules that need the clinic's clock or data (a date
 * of birth in the future, the under-18 rule, a batch that had expired) are
 * checked in the core with field-level messages.
 */
import { z } from 'zod';
import { changesOf, email, idSchema, isoDate, messengerHandle, nhsNumber, note, requiredNote, requiredText, text, ukPhone, ukPostcode } from './field-schemas';
import { PHOTO_CONSENT_SCOPES, PHOTO_STAGES } from './record-types';
import { notDuplicateOf } from './duplicate-schemas';

/** Free notes are generous: a 10,000-character note must be kept whole. */
export const NOTE_MAX = 20_000;

const gpSchema = z.object({
  name: text(100, 'GP’s name').default(''),
  practice: text(200, 'GP practice').default(''),
  address: note(400, 'GP practice address').default(''),
  phone: ukPhone.default(''),
});

export const clientIdentitySchema = z.object({
  firstName: requiredText(100, 'first name'),
  lastName: requiredText(100, 'last name'),
  preferredName: text(100, 'preferred name').default(''),
  dateOfBirth: isoDate,
  gender: text(50, 'gender').default(''),
  addressLines: z.array(text(200, 'address line')).max(4, 'Use at most 4 address lines.').default([]),
  postcode: ukPostcode.default(''),
  email: email.default(''),
  mobile: ukPhone.default(''),
  otherPhones: z.array(z.object({ label: text(30, 'phone label').default(''), number: ukPhone })).max(4).default([]),
  messengerHandle: messengerHandle.default(''),
  nhsNumber: nhsNumber.default(''),
  occupation: text(100, 'occupation').default(''),
  treatmentInterests: z.array(text(60, 'treatment interest')).max(20).default([]),
  gp: gpSchema.nullable().default(null),
  notes: note(NOTE_MAX, 'notes').default(''),
});

const yesNo = z.enum(['yes', 'no', 'unknown', 'not-applicable']);

export const medicalHistorySchema = z.object({
  conditions: note(NOTE_MAX, 'conditions').default(''),
  medications: note(NOTE_MAX, 'medications').default(''),
  allergies: note(NOTE_MAX, 'allergies').default(''),
  pregnant: yesNo.default('unknown'),
  breastfeeding: yesNo.default('unknown'),
  previousAestheticTreatments: note(NOTE_MAX, 'previous aesthetic treatments').default(''),
  contraindications: note(NOTE_MAX, 'contraindications').default(''),
  notes: note(NOTE_MAX, 'notes').default(''),
  reviewedOn: isoDate.nullable().default(null),
});

export const lifestyleHistorySchema = z.object({
  smoking: z.enum(['never', 'former', 'current', 'unknown']).default('unknown'),
  alcohol: text(200, 'alcohol intake').default(''),
  sunExposure: z.enum(['low', 'moderate', 'high', 'unknown']).default('unknown'),
  skincareRoutine: note(NOTE_MAX, 'skincare routine').default(''),
  notes: note(NOTE_MAX, 'notes').default(''),
  reviewedOn: isoDate.nullable().default(null),
});

/** Why a change was made: optional, kept in the change history. */
const reason = text(500, 'reason for the change').default('');

export const treatmentInputSchema = z.object({
  clientId: idSchema,
  treatedOn: isoDate,
  /** Defaults to the signed-in practitioner. */
  practitionerId: idSchema.optional(),
  typeId: idSchema,
  areas: z.array(requiredText(60, 'area')).max(20).default([]),
  product: text(200, 'product').default(''),
  batchNumber: text(60, 'batch or lot number').default(''),
  batchExpiry: isoDate.nullable().default(null),
  amount: z.number().positive('Enter an amount above zero.').max(10_000).nullable().default(null),
  amountUnit: z.enum(['units', 'ml', 'mg', 'vials', 'other']).nullable().default(null),
  /** A staged upload (signed consent form: PDF or image) to keep with the treatment. */
  consentFormUploadId: idSchema.nullable().default(null),
  notes: note(NOTE_MAX, 'treatment notes').default(''),
  aftercare: note(NOTE_MAX, 'aftercare').default(''),
  followUpOn: isoDate.nullable().default(null),
  adverseEvent: note(NOTE_MAX, 'adverse event').default(''),
  mhraReported: z.boolean().default(false),
  mhraReference: text(60, 'MHRA reference').default(''),
  /**
   * "I have reviewed the medical history today": required when the history's
   * last review is older than the clinic's setting (docs/clinical-alerts.md).
   */
  medicalHistoryReviewed: z.boolean().default(false),
  /** The only exception to the under-18 rule: a registered doctor's assessment and approval. */
  doctorException: z
    .object({
      doctorName: requiredText(100, "doctor's name"),
      gmcNumber: z.string().trim().regex(/^\d{7}$/, 'GMC numbers are 7 digits.'),
      assessedOn: isoDate,
      reason: requiredNote(1000, "doctor's reason"),
    })
    .nullable()
    .default(null),
});

export const treatmentTypeInputSchema = z.object({
  id: idSchema.optional(),
  name: requiredText(80, 'treatment name'),
  injectable: z.boolean(),
  /** "Contains botulinum toxin or is a dermal filler?": null is no answer, refused for an injectable. */
  toxinOrFiller: z.boolean().nullable().default(null),
  active: z.boolean().default(true),
});

export const photoImportSchema = z.object({
  clientId: idSchema,
  uploadId: idSchema,
  treatmentId: idSchema.nullable().default(null),
  area: requiredText(60, 'area photographed'),
  stage: z.enum(PHOTO_STAGES),
  takenOn: isoDate,
  consentScopes: z.array(z.enum(PHOTO_CONSENT_SCOPES)).min(1, 'Choose at least one use.').default(['clinical-record']),
  consentReference: text(100, 'consent reference').default(''),
});

const clientRef = z.object({ clientId: idSchema });
const sectionField = z.object({
  clientId: idSchema,
  section: z.enum(['identity', 'medical', 'lifestyle']),
  field: z.string().min(1).max(60),
});

export const recordSchemas = {
  'clients.search': z.object({ query: z.string().max(200).default(''), limit: z.number().int().min(1).max(100).default(20) }),
  // notDuplicateOf: the possible duplicates the person confirmed are someone else (docs/duplicates.md).
  'clients.create': clientIdentitySchema.extend({ notDuplicateOf }),
  'clients.get': clientRef,
  'clients.update': z.object({ clientId: idSchema, changes: changesOf(clientIdentitySchema), reason, notDuplicateOf }),
  'clients.history': clientRef,
  'clients.addDispute': sectionField.extend({ note: requiredNote(2000, 'what the client disputes') }),
  'clients.resolveDispute': z.object({ clientId: idSchema, disputeId: idSchema }),
  'medical.get': clientRef,
  'medical.update': z.object({ clientId: idSchema, changes: changesOf(medicalHistorySchema), reason }),
  'lifestyle.get': clientRef,
  'lifestyle.update': z.object({ clientId: idSchema, changes: changesOf(lifestyleHistorySchema), reason }),
  'treatmentTypes.list': z.undefined(),
  'treatmentTypes.save': treatmentTypeInputSchema,
  'treatments.list': clientRef,
  'treatments.get': z.object({ treatmentId: idSchema }),
  'treatments.create': treatmentInputSchema,
  'recall.byBatch': z.object({ batchNumber: requiredText(60, 'batch or lot number') }),
  'photos.list': clientRef,
  'photos.get': z.object({ photoId: idSchema }),
  'photos.import': photoImportSchema,
  'photos.update': z.object({
    photoId: idSchema,
    treatmentId: idSchema.nullable().optional(),
    area: requiredText(60, 'area photographed').optional(),
    stage: z.enum(PHOTO_STAGES).optional(),
    consentScopes: z.array(z.enum(PHOTO_CONSENT_SCOPES)).min(1, 'Choose at least one use.').optional(),
    consentReference: text(100, 'consent reference').optional(),
  }),
  'uploads.discard': z.object({ uploadId: idSchema }),
} as const;
