/**
 * Input schemas of the audit log's methods (issue #10 item 6, docs/audit-viewer.md).
 * The viewer's page, the CSV export and the History tab's "who has opened this
 * record" share one filter shape.
 */
import { z } from 'zod';
import { idSchema } from './field-schemas';

const auditFilter = {
  beforeSeq: z.number().int().positive().optional(),
  action: z.string().max(64).optional(),
  staffId: idSchema.optional(),
  subjectId: idSchema.optional(),
  /** Entries about this client: the record itself and their treatments and photos (the viewer's client picker). */
  clientId: idSchema.optional(),
  /** ISO dates (YYYY-MM-DD), inclusive. */
  from: z.iso.date('Use a real date.').optional(),
  to: z.iso.date('Use a real date.').optional(),
};

/** Entries per piece of a CSV export: each call stays short, so the window shows progress and can stop. */
export const AUDIT_CSV_CHUNK = 2000;

export const auditSchemas = {
  'audit.list': z
    .object({ limit: z.number().int().min(1).max(500).default(100), ...auditFilter })
    .default({ limit: 100 }),
  'audit.verify': z.undefined(),
  /** Who opened or read this client's record, newest first (the owner's History tab panel). */
  'audit.recordOpenings': z.object({
    clientId: idSchema,
    limit: z.number().int().min(1).max(200).default(50),
    beforeSeq: z.number().int().positive().optional(),
  }),
  /** One piece of the filtered view as CSV; the first call (no beforeSeq) is logged as the export. */
  'audit.exportCsv': z.object(auditFilter).default({}),
} as const;
