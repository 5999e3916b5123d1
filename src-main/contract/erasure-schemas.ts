/** Input schemas for erasure, restriction, rectification and portability (docs/erasure-and-restriction.md). */
import { z } from 'zod';
import { idSchema, isoDate, note, requiredNote } from './field-schemas';
import { RESTRICTION_REASONS, TOLD_HOW } from './erasure-types';

/** What the owner types to confirm an erasure: the UI asks for it, the core checks it again. */
export const ERASURE_CONFIRMATION = 'ERASE';

const clientAndRequest = z.object({ clientId: idSchema, requestId: idSchema.nullable().default(null) });
const sectionField = {
  section: z.enum(['identity', 'medical', 'lifestyle']),
  field: z.string().min(1).max(60),
};

export const erasureSchemas = {
  'erasure.preview': clientAndRequest,
  'erasure.apply': clientAndRequest.extend({
    confirmation: z.string().max(20).refine((v) => v.trim().toUpperCase() === ERASURE_CONFIRMATION, {
      message: `Type ${ERASURE_CONFIRMATION} to confirm the erasure.`,
    }),
  }),
  'erasure.status': z.object({ clientId: idSchema }),
  'erasure.letter': clientAndRequest,
  'restriction.get': z.object({ clientId: idSchema }),
  'restriction.set': z.object({
    clientId: idSchema,
    reason: z.enum(RESTRICTION_REASONS, { error: 'Choose why processing is restricted.' }),
    detail: note(1000, 'detail').default(''),
    requestId: idSchema.nullable().default(null),
  }),
  'restriction.lift': z.object({
    clientId: idSchema,
    clientToldOn: isoDate.nullable().default(null),
    clientToldHow: z.enum(TOLD_HOW).nullable().default(null),
  }),
  'rectification.list': z.object({ clientId: idSchema }),
  'rectification.decline': z.object({
    clientId: idSchema,
    requestId: idSchema.nullable().default(null),
    ...sectionField,
    reasons: requiredNote(2000, 'reasons the change was declined'),
  }),
  'rectification.recordStatement': z.object({
    clientId: idSchema,
    requestId: idSchema.nullable().default(null),
    ...sectionField,
    statement: requiredNote(4000, 'client’s statement'),
  }),
  'portability.export': z.object({ clientId: idSchema }),
};
