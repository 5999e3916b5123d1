/** Input schemas for clinical alerts, the home work list and the recall CSV (issue #10 items 3, 5 and 10). */
import { z } from 'zod';
import { idSchema, requiredText } from './field-schemas';

export const alertSchemas = {
  'clients.clinicalAlerts': z.object({ clientId: idSchema }),
  'home.recentClients': z.object({ limit: z.number().int().min(1).max(50).default(20) }).default({ limit: 20 }),
  'recall.csv': z.object({ batchNumber: requiredText(60, 'batch or lot number') }),
} as const;
