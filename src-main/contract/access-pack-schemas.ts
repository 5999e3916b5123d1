/**
 * The subject-access pack (UK GDPR Art 15; issue #12 item 6): the one source of
 * truth for what the pack holds. The core builds a value of `accessPackSchema`,
 * the PDF is drawn from it, `data.json` in the ZIP is it (less what was
 * withheld), and docs/schemas/access-pack.schema.json is generated from it with
 * `z.toJSONSchema` (access-pack-json-schema.test.ts fails when the committed file
 * differs). Bump ACCESS_PACK_SCHEMA_VERSION when a change would break a reader.
 *
 * Every item a member of staff can withhold carries an `itemId` that stays the
 * same between one review and the next (built from the stored row's id, or the
 * section and field name), so a redaction recorded on the request still finds
 * its item at export time.
 */
import { z } from 'zod';
import { idSchema, isoDate } from './field-schemas';

export const ACCESS_PACK_SCHEMA_VERSION = 1;

/** Why an item is withheld (UK GDPR Art 15(4); DPA 2018 Sch 2 para 16, Sch 3, Sch 2 para 19). */
export const WITHHELD_REASONS = ['third_party', 'serious_harm', 'legal_privilege', 'other'] as const;
export type WithheldReason = (typeof WITHHELD_REASONS)[number];

/** The label the PDF prints in the gap left by a withheld item. */
export const WITHHELD_REASON_LABELS: Record<WithheldReason, string> = {
  third_party: 'third-party data',
  serious_harm: 'serious-harm opinion',
  legal_privilege: 'legal privilege',
  other: 'other reason',
};

const itemId = z.string().min(1).max(160).describe('Stable id of an item that can be withheld');
const dateOrNull = z.string().nullable();

/** A file placed under files/ in the ZIP, with the SHA-256 of its bytes as written there. */
export const packFileSchema = z.object({
  path: z.string().describe('Path inside the ZIP, e.g. files/photos/ph_1.jpg'),
  mediaType: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type PackFile = z.infer<typeof packFileSchema>;

/** One answer or detail: identity, contact, medical or lifestyle history. */
export const packFieldSchema = z.object({ itemId, field: z.string(), label: z.string(), value: z.string() });
export type PackField = z.infer<typeof packFieldSchema>;

export const historySectionSchema = z.object({
  reviewedOn: dateOrNull.describe('When the history was last reviewed with the client (YYYY-MM-DD)'),
  updatedAt: dateOrNull,
  fields: z.array(packFieldSchema),
});

export const packTreatmentSchema = z.object({
  itemId,
  treatmentId: z.string(),
  treatedOn: z.string(),
  /** The clinician who treated the client: not third-party data (docs/access-pack.md). */
  practitionerName: z.string(),
  treatment: z.string(),
  areas: z.array(z.string()),
  product: z.string(),
  batchNumber: z.string(),
  batchExpiry: dateOrNull,
  amount: z.string(),
  aftercare: z.string(),
  followUpOn: dateOrNull,
  adverseEvent: z.string(),
  mhraReported: z.boolean(),
  medicalHistoryReviewedOn: dateOrNull,
  /** The treatment note; absent when withheld on its own. */
  notes: z.object({ itemId, text: z.string() }).optional(),
  consentForm: packFileSchema.optional(),
});
export type PackTreatment = z.infer<typeof packTreatmentSchema>;

export const packPhotoSchema = z.object({
  itemId,
  photoId: z.string(),
  takenOn: z.string(),
  stage: z.string(),
  area: z.string(),
  treatmentId: z.string().nullable(),
  consentScopes: z.array(z.string()).describe('What the photo was tagged for when taken'),
  activeConsentScopes: z.array(z.string()).describe('The tagged scopes the client still consents to'),
  width: z.number().int(),
  height: z.number().int(),
  /** Filled in as the photo is written to the ZIP. */
  file: packFileSchema.optional(),
});
export type PackPhoto = z.infer<typeof packPhotoSchema>;

export const packConsentSchema = z.object({
  itemId,
  purpose: z.string(),
  state: z.string(),
  basis: z.string().nullable(),
  occurredAt: z.string(),
  recordedAt: z.string(),
  recordedBy: z.string(),
  method: z.string(),
  noticeVersion: z.string().nullable(),
  wording: z.string(),
  note: z.string(),
  evidence: packFileSchema.optional(),
});
export type PackConsent = z.infer<typeof packConsentSchema>;

export const packPreferencesSchema = z.object({
  consentsInForce: z.array(z.object({ purpose: z.string(), state: z.string(), since: z.string() })),
  telephonePreferenceService: z.array(
    z.object({ phone: z.string(), screened: z.string(), callable: z.boolean() }),
  ),
});

export const packChangeSchema = z.object({
  itemId,
  section: z.string(),
  field: z.string(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  changedAt: z.string(),
  changedBy: z.string(),
  reason: z.string(),
});

export const packDisputeSchema = z.object({
  itemId,
  section: z.string(),
  field: z.string(),
  note: z.string(),
  recordedAt: z.string(),
  resolvedAt: z.string().nullable(),
});

export const packRequestEventSchema = z.object({ itemId, at: z.string(), what: z.string() });

export const packOpeningSchema = z.object({ itemId, at: z.string(), action: z.string(), by: z.string() });

/** Art 15(1)(a)-(h) and 15(2), drawn from the record of processing (Art 30). */
export const supplementarySchema = z.object({
  purposes: z.array(z.object({ name: z.string(), lawfulBasis: z.string(), healthCondition: z.string().nullable() })),
  dataCategories: z.array(z.string()),
  recipients: z.array(z.object({ name: z.string(), kind: z.string(), purpose: z.string(), country: z.string() })),
  transfers: z.array(z.object({ destination: z.string(), safeguard: z.string() })),
  retention: z.array(z.string()),
  rights: z.string(),
  complaint: z.string(),
  source: z.string(),
  automatedDecisions: z.string(),
});
export type Supplementary = z.infer<typeof supplementarySchema>;

export const accessPackSchema = z
  .object({
    schemaVersion: z.literal(ACCESS_PACK_SCHEMA_VERSION),
    generatedAt: z.string(),
    controller: z.object({ name: z.string(), address: z.array(z.string()), icoRegistration: z.string().nullable() }),
    request: z.object({
      reference: z.string(),
      receivedOn: z.string(),
      dueDate: z.string().nullable(),
      requester: z.string(),
    }),
    supplementary: supplementarySchema,
    identity: z.array(packFieldSchema),
    medicalHistory: historySectionSchema,
    lifestyleHistory: historySectionSchema,
    treatments: z.array(packTreatmentSchema),
    photos: z.array(packPhotoSchema),
    consents: z.array(packConsentSchema),
    preferences: packPreferencesSchema,
    requestHistory: z.array(packRequestEventSchema),
    changeHistory: z.array(packChangeSchema),
    disputes: z.array(packDisputeSchema),
    statementOfDisagreement: z.object({ itemId, text: z.string(), recordedOn: z.string() }).nullable(),
    recordOpenings: z.array(packOpeningSchema),
    /** How many items were withheld, by reason: the items themselves are not in this file. */
    withheld: z.partialRecord(z.enum(WITHHELD_REASONS), z.number().int()),
    /** response.pdf as it is in the ZIP. */
    responsePdf: packFileSchema.optional(),
  })
  .describe('Clinic Vault subject-access pack (UK GDPR Art 15)');
export type AccessPack = z.infer<typeof accessPackSchema>;

// ---- inputs ----

export const redactionInputSchema = z
  .object({
    requestId: idSchema,
    itemId,
    reason: z.enum(WITHHELD_REASONS, { message: 'Choose why this is withheld: third-party data, a serious-harm opinion, legal privilege or another reason.' }),
    reasonText: z.string().trim().max(2000).optional(),
  })
  .refine((r) => r.reason !== 'other' || (r.reasonText ?? '') !== '', {
    path: ['reasonText'],
    message: 'Say why this is withheld: "other" needs a reason in words.',
  });
export type RedactionInput = z.infer<typeof redactionInputSchema>;

/** DPA 2018 Sch 3 paras 2-3: how the clinic may disclose health data (docs/access-pack.md). */
export const healthCheckSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('reviewer_is_health_professional') }),
  z.object({
    kind: z.literal('health_opinion'),
    professionalName: z.string().trim().min(1, 'Enter the name of the health professional who gave the opinion.').max(200),
    opinionOn: isoDate,
  }),
  z.object({ kind: z.literal('already_seen') }),
]);
export type HealthCheck = z.infer<typeof healthCheckSchema>;

export const exportInputSchema = z.object({
  requestId: idSchema,
  /** Folder the PDF and ZIP are written to; left out by the app, which keeps them in the vault's export folder. */
  outDir: z.string().min(1).max(4000).optional(),
  protect: z.boolean().default(false),
  healthCheck: healthCheckSchema.nullable().default(null),
  /** A restricted client's data (Art 18) is disclosed only with the owner's override and reason. */
  restrictionOverride: z.string().trim().min(1).max(2000).optional(),
});
export type ExportInput = z.input<typeof exportInputSchema>;

/** The app's export: the PDF alone, answered in memory for the preview, Save and Print. */
export const pdfExportInputSchema = exportInputSchema.omit({ outDir: true });
export type PdfExportInput = z.input<typeof pdfExportInputSchema>;

export interface AccessPackPdf {
  fileName: string;
  pdfBase64: string;
  pages: number;
  sha256: string;
  /** The generated passphrase when protected: shown once, never stored. */
  passphrase: string | null;
}

export interface PackItemSummary {
  itemId: string;
  section: string;
  label: string;
  /** True when the item is health data (Sch 3 check applies). */
  health: boolean;
}

export interface RedactionRecord {
  itemId: string;
  reason: WithheldReason;
  reasonText: string | null;
  recordedAt: string;
  recordedBy: string;
}

export interface AccessPackReview {
  requestId: string;
  reference: string;
  identityVerified: boolean;
  restricted: boolean;
  items: PackItemSummary[];
  redactions: RedactionRecord[];
}

export interface AccessPackExportResult {
  pdfFile: string;
  zipFile: string;
  pdfSha256: string;
  zipSha256: string;
  pages: number;
  files: number;
  /** The generated passphrase when protected: shown once, never stored. */
  passphrase: string | null;
}

/** The contract methods of the access pack (owner only: 'sar.export'). */
export const accessPackMethodSchemas = {
  'accessPack.review': z.object({ requestId: idSchema }),
  'accessPack.redact': redactionInputSchema,
  'accessPack.unredact': z.object({ requestId: idSchema, itemId }),
  'accessPack.export': exportInputSchema,
  'accessPack.pdf': pdfExportInputSchema,
} as const;
