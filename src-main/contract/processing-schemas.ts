/** Input schemas for the record of processing (processing.*; docs/processing-record.md). */
import { z } from 'zod';
import { note, requiredNote, requiredText, text } from './field-schemas';

const list = (what: string, max: number) =>
  z.array(requiredText(300, what), { error: `List the ${what}s.` }).max(max, `Keep the ${what}s to ${max} or fewer.`);

const purpose = z.object({
  name: requiredText(200, 'purpose'),
  lawfulBasis: requiredText(300, 'lawful basis'),
  healthCondition: text(400, 'health data condition')
    .nullable()
    .default(null)
    .transform((v) => (v === '' ? null : v)),
});

const recipient = z.object({
  name: requiredText(200, 'recipient name'),
  kind: z.enum(['processor', 'recipient'], { error: 'Say whether it is a processor (acts for the clinic) or a recipient.' }),
  purpose: requiredText(300, 'what the recipient does'),
  country: requiredText(100, 'country'),
});

const transfer = z.object({
  destination: requiredText(200, 'transfer destination'),
  safeguard: requiredText(300, 'transfer safeguard'),
});

export const processingRecordContentSchema = z.object({
  purposes: z.array(purpose).min(1, 'List at least one purpose: the record of processing says why the clinic holds personal data.').max(50),
  peopleCategories: list('category of people', 50).min(1, 'List at least one category of people (for example clients).'),
  dataCategories: list('category of data', 50).min(1, 'List at least one category of data.'),
  recipients: z.array(recipient).max(100),
  transfers: z.array(transfer).max(50),
  retention: list('retention rule', 30).min(1, 'Say how long personal data is kept (UK GDPR Art 30(1)(f)).'),
  securityMeasures: list('security measure', 50).min(1, 'List the security measures (UK GDPR Art 30(1)(g)).'),
  sources: requiredNote(2000, 'sources of personal data'),
  automatedDecisions: requiredNote(2000, 'statement on automated decisions'),
});

export const processingSchemas = {
  'processing.get': z.undefined(),
  /** expectedVersion: the version the owner started editing; a save over someone else's newer one is refused. */
  'processing.update': processingRecordContentSchema.extend({
    expectedVersion: z.number({ error: 'The version being edited is missing. Reload the page.' }).int().min(1),
  }),
  'processing.history': z.undefined(),
  'processing.exportPdf': z
    .object({ password: note(200, 'password').nullable().default(null) })
    .default({ password: null }),
} as const;
