/**
 * Input schemas for the consent ledger, privacy notices, suppression and the
 * marketing export (issue #4; docs/compliance.md "Consent and marketing").
 */
import { z } from 'zod';
import { idSchema, isoDate, note, requiredNote, requiredText } from './field-schemas';
import { CONSENT_METHODS, CONSENT_STATES, MARKETING_CHANNELS, PURPOSE_CATEGORIES } from './consent-types';

const purposeId = z.string().min(1).max(60).regex(/^[a-z0-9][a-z0-9._-]*$/, 'Not a known purpose.');

export const consentRecordSchema = z.object({
  clientId: idSchema,
  purposeId,
  state: z.enum(CONSENT_STATES),
  /** How it was given or withdrawn: required, so every consent can be demonstrated (Art 7(1)). */
  method: z.enum(CONSENT_METHODS, { error: 'Say how the client told you (in person, paper form, online, phone, email or imported).' }),
  /**
   * When the client said it; defaults to now. An ISO instant, a London time
   * (YYYY-MM-DDTHH:MM) or a date (the start of that London day; on a day that
   * already has an event for the purpose, the time is asked for).
   */
  occurredAt: z.string().max(40).optional(),
  noticeId: idSchema.nullable().default(null),
  wording: note(5000, 'wording').default(''),
  /** A staged upload (scanned form or PDF) kept as evidence. */
  evidenceUploadId: idSchema.nullable().default(null),
  treatmentId: idSchema.nullable().default(null),
  basis: z.enum(['consent', 'soft-opt-in']).nullable().default(null),
  softOptIn: z
    .object({
      detailsCollectedDuringSale: z.boolean(),
      similarServicesOnly: z.boolean(),
      optOutOfferedAtCollection: z.boolean(),
    })
    .nullable()
    .default(null),
  tpsCheckedOn: isoDate.nullable().default(null),
  tpsRegistered: z.boolean().nullable().default(null),
  /** Required to re-grant marketing to a client who objected: a fresh, explicit consent. */
  explicitRegrant: z.boolean().default(false),
  note: note(2000, 'note').default(''),
  correctsEventId: idSchema.nullable().default(null),
});

export const consentSchemas = {
  'consent.purposes': z.undefined(),
  'consent.savePurpose': z.object({
    id: purposeId.optional(),
    label: requiredText(80, 'purpose'),
    category: z.enum(PURPOSE_CATEGORIES),
    channel: z.enum(MARKETING_CHANNELS).nullable().default(null),
    active: z.boolean().default(true),
    /** What the client is usually told; {clinic} becomes the clinic's name. Left out: unchanged (new purposes: none). */
    standardWording: note(5000, 'standard wording').optional(),
  }),
  'consent.record': consentRecordSchema,
  'consent.withdraw': z.object({
    clientId: idSchema,
    purposeId,
    method: z.enum(CONSENT_METHODS),
    treatmentId: idSchema.nullable().default(null),
    note: note(2000, 'note').default(''),
  }),
  'consent.current': z.object({ clientId: idSchema }),
  'consent.history': z.object({ clientId: idSchema, purposeId: purposeId.optional() }),
  'consent.object': z.object({ clientId: idSchema, method: z.enum(CONSENT_METHODS), note: note(2000, 'note').default('') }),
  'notices.list': z.undefined(),
  'notices.publish': z.object({
    versionLabel: requiredText(40, 'version label'),
    effectiveOn: isoDate,
    text: requiredNote(200_000, 'text of the notice'),
  }),
  'notices.affectedCount': z.object({ noticeId: idSchema }),
  /** `after`: the `next` cursor of the page before (a client id). */
  'notices.affected': z.object({ noticeId: idSchema, after: idSchema.optional() }),
  'notices.affectedCsv': z.object({ noticeId: idSchema }),
  'marketing.export': z.object({ channel: z.enum(MARKETING_CHANNELS) }),
  'clients.setDeceased': z.object({ clientId: idSchema, deceasedOn: isoDate.nullable() }),
} as const;
