/**
 * Input schemas of the duplicate check and the merge (issue #10 item 2,
 * docs/duplicates.md). Spread into `schemas` (schemas.ts).
 */
import { z } from 'zod';
import { email, idSchema, isoDate, text, ukPhone } from './field-schemas';
import { MERGE_FIELDS } from './duplicate-types';

const side = z.enum(['kept', 'merged']);

/** Ids of the records the person confirmed are a different person ("This is a different person"). */
export const notDuplicateOf = z.array(idSchema).max(50, 'Too many records named as different people.').default([]);

export const duplicateSchemas = {
  /** What has been typed so far: every field optional, so the check can run before the form is complete. */
  'clients.findPossibleDuplicates': z.object({
    firstName: text(100, 'first name').default(''),
    lastName: text(100, 'last name').default(''),
    preferredName: text(100, 'preferred name').default(''),
    dateOfBirth: z.union([z.literal(''), isoDate]).default(''),
    email: email.default(''),
    mobile: ukPhone.default(''),
    /** The record being edited, which is never its own duplicate. */
    excludeClientId: idSchema.optional(),
  }),
  'clients.mergePreview': z.object({ keptId: idSchema, mergedId: idSchema }),
  'clients.merge': z.object({
    keptId: idSchema,
    mergedId: idSchema,
    planToken: z.string().min(1).max(128),
    /** Fields to take from the merged-away record; every other field keeps the kept record's value. */
    take: z.partialRecord(z.enum(MERGE_FIELDS), side).default({}),
    /** Where both records have the history, whose to keep (the other stays with the merged-away record). */
    sections: z.object({ medical: side.default('kept'), lifestyle: side.default('kept') }).default({ medical: 'kept', lifestyle: 'kept' }),
  }),
} as const;
