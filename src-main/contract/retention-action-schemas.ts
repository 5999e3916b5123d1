/** Input schemas for the retention batch actions (docs/retention-actions.md). */
import { z } from 'zod';
import { idSchema, isoDate } from './field-schemas';
import { RETENTION_ACTION_CATEGORIES } from './retention-action-types';

/** What the owner types to start a destruction or an anonymisation: the UI asks for it, the core checks it. */
export const DESTROY_CONFIRMATION = 'DESTROY';
export const ANONYMISE_CONFIRMATION = 'ANONYMISE';

const MAX_BATCH = 5000;
const asOf = isoDate.optional();

export const retentionActionSchemas = {
  'retention.destroy': z.object({
    items: z
      .array(z.object({ clientId: idSchema, category: z.enum(RETENTION_ACTION_CATEGORIES, { error: 'Choose clinical, personal or requests.' }) }))
      .min(1, 'Choose at least one client to destroy.')
      .max(MAX_BATCH, `Destroy at most ${MAX_BATCH} clients at a time.`),
    confirm: z.string().max(40),
    asOf,
  }),
  'retention.anonymise': z.object({
    clientIds: z.array(idSchema).min(1, 'Choose at least one client to anonymise.').max(MAX_BATCH, `Anonymise at most ${MAX_BATCH} clients at a time.`),
    confirm: z.string().max(40),
    asOf,
  }),
  'retention.batch.status': z.object({ batchId: idSchema }),
  'retention.batch.resume': z.object({ batchId: idSchema, asOf }),
  'retention.batch.list': z.undefined(),
  'retention.certificates.list': z.undefined(),
  'retention.certificates.pdf': z.object({ id: idSchema }),
} as const;
