/** Input schemas for TPS screening and reg 21(4) statements (docs/phones-and-tps.md). */
import { z } from 'zod';
import { CONSENT_METHODS } from './consent-types';
import { idSchema, isoDate, note, text, ukPhone } from './field-schemas';
import { TPS_SOURCES } from './tps-types';

const phone = ukPhone.refine((v) => v !== '', { message: 'Enter the phone number.' });

export const tpsSchemas = {
  'tps.status': z.object({ clientId: idSchema }),
  'tps.screen': z.object({
    clientId: idSchema,
    phone,
    checkedOn: isoDate,
    registered: z.boolean({ error: 'Say whether the number is registered with the TPS.' }),
    source: z.enum(TPS_SOURCES, { error: 'Say where the screening came from (TPS website, screening service, TPS file or other).' }),
    reference: text(200, 'screening reference').default(''),
  }),
  'tps.noObjection': z.object({
    clientId: idSchema,
    phone,
    state: z.enum(['granted', 'withdrawn']),
    method: z.enum(CONSENT_METHODS, { error: 'Say how the client told you (in person, paper form, online, phone, email or imported).' }),
    /** When the client said it; defaults to now. An ISO instant or date. */
    occurredAt: z.string().max(40).optional(),
    noticeId: idSchema.nullable().default(null),
    wording: note(5000, 'wording').default(''),
    evidenceUploadId: idSchema.nullable().default(null),
    note: note(2000, 'note').default(''),
  }),
} as const;
