/** Input schemas for clinical alerts and the home work list (issue #10 items 3 and 5). */
import { z } from 'zod';
import { idSchema } from './field-schemas';

export const alertSchemas = {
  'clients.clinicalAlerts': z.object({ clientId: idSchema }),
  'home.recentClients': z.object({ limit: z.number().int().min(1).max(50).default(20) }).default({ limit: 20 }),
} as const;
