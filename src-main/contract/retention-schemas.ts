/** Input schemas for the retention policy, queue, reviews and legal holds (docs/retention.md). */
import { z } from 'zod';
import { idSchema, isoDate, requiredNote } from './field-schemas';
import { HOLD_KINDS, RETENTION_CATEGORIES } from './retention-types';

const months = (what: string) =>
  z
    .number({ error: `Enter the ${what} in months.` })
    .int(`Enter the ${what} as a whole number of months.`)
    .min(1, `The ${what} must be at least 1 month.`)
    .max(1200, `The ${what} cannot be more than 100 years (1200 months).`);
const birthday = (what: string) =>
  z
    .number({ error: `Enter the ${what}.` })
    .int(`Enter the ${what} as a whole number.`)
    .min(18, `The ${what} must be 18 or more: the rule is for people treated under 18.`)
    .max(40, `The ${what} cannot be more than 40.`);

export const retentionPeriodsSchema = z.object({
  clinicalMonthsAfterLastTreatment: months('period for clinical records'),
  personalMonthsAfterLastInteraction: months('period for other personal data'),
  childUntilBirthday: birthday('birthday a child’s record is kept until'),
  childAged17UntilBirthday: birthday('birthday the record of someone treated at 17 is kept until'),
  requestMonthsAfterClosing: months('period for request records'),
});

export const WITHIN_DAYS_VALUES = [0, 30, 90] as const;
const withinDays = z.union([z.literal(0), z.literal(30), z.literal(90)], { error: 'Choose 0 (passed), 30 or 90 days.' });
const category = z.enum(RETENTION_CATEGORIES, { error: 'Choose clinical, personal or requests.' });

export const retentionSchemas = {
  'retention.policy.get': z.undefined(),
  'retention.policy.history': z.undefined(),
  'retention.policy.preview': z.object({ policy: retentionPeriodsSchema }),
  'retention.policy.set': z.object({ policy: retentionPeriodsSchema, confirmShort: z.boolean().default(false) }),
  'retention.queue': z.object({
    asOf: isoDate.optional(),
    withinDays: withinDays.default(0),
    category: category.optional(),
    /** Counts only, no rows (the home page). */
    summary: z.boolean().default(false),
  }),
  'retention.review': z.object({
    clientIds: z.array(idSchema).min(1, 'Choose at least one client.').max(50_000),
    category,
    months: z.number().int('Enter a whole number of months.').min(1, 'Keep it at least 1 more month.').max(120, 'Keep it at most 120 more months; review it again then.'),
    reason: requiredNote(1000, 'reason to keep it longer'),
  }),
  'holds.place': z.object({
    clientId: idSchema,
    kind: z.enum(HOLD_KINDS, { error: 'Choose the kind of hold: complaint, claim, investigation, safeguarding or other.' }).default('other'),
    reason: requiredNote(1000, 'reason for the hold'),
    reviewOn: isoDate.nullable().default(null),
  }),
  'holds.release': z.object({ clientId: idSchema, reason: requiredNote(1000, 'reason the hold is released') }),
  'holds.list': z.object({ pastReview: z.boolean().default(false) }).default({ pastReview: false }),
  'holds.forClient': z.object({ clientId: idSchema }),
};
