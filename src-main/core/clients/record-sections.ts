/**
 * The three sections of a client's record, the fields each holds, and who may
 * see them: identity is for every role; medical and lifestyle history are
 * health data (special category), for roles with 'clinical.read' only.
 */
import { AppError } from '../../contract/errors';
import { type Permission, can } from '../../contract/permissions';
import { lifestyleHistorySchema, medicalHistorySchema } from '../../contract/record-schemas';
import type { RecordSection } from '../../contract/record-types';
import type { ServiceContext } from '../service/service-context';
import { IDENTITY_FIELDS } from './client-repo';

export const SECTION_FIELDS: Record<RecordSection, readonly string[]> = {
  identity: IDENTITY_FIELDS,
  medical: Object.keys(medicalHistorySchema.shape),
  lifestyle: Object.keys(lifestyleHistorySchema.shape),
};

export const SECTION_LABELS: Record<RecordSection, string> = {
  identity: 'details',
  medical: 'medical history',
  lifestyle: 'lifestyle history',
};

export function isSectionField(section: RecordSection, field: string): boolean {
  return SECTION_FIELDS[section].includes(field);
}

const ALL: ReadonlySet<RecordSection> = new Set(['identity', 'medical', 'lifestyle']);
const IDENTITY_ONLY: ReadonlySet<RecordSection> = new Set(['identity']);

/** The sections whose history and disputes the signed-in person may see. */
export function visibleSections(ctx: ServiceContext): ReadonlySet<RecordSection> {
  return can(ctx.actor.role, 'clinical.read') ? ALL : IDENTITY_ONLY;
}

/**
 * For calls whose access depends on the section named in the input (a dispute
 * about a medical field): refuses like the dispatcher does, and logs the
 * refusal the same way, because it is how a misuse of the API shows.
 */
export function requireSectionAccess(ctx: ServiceContext, section: RecordSection, kind: 'read' | 'write', method: string): void {
  if (section === 'identity') return;
  const permission: Permission = kind === 'read' ? 'clinical.read' : 'clinical.write';
  if (!can(ctx.actor.role, permission)) {
    ctx.audit.append({ staffId: ctx.actor.id, action: 'access.denied', detail: { method } });
    throw new AppError('FORBIDDEN');
  }
}
