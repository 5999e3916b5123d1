/**
 * Medical and lifestyle history (health data: 'clinical.read' / 'clinical.write',
 * checked by the dispatcher). Reads and writes are audited by id; every changed
 * answer is kept in the change history (Art 16) like the client's details.
 */
import type { ParsedInput } from '../../contract/schemas';
import type { ServiceContext } from '../service/service-context';
import { diffFields } from './change-history';
import { clientServices } from './client-services';
import { requireClient } from './client-service';
import { checkReviewedOn, definedOnly, toNfc } from './client-validation';
import { SECTION_FIELDS } from './record-sections';
import { type HealthSection, type SectionData, type SectionDocs, sectionData } from './section-store';

export function getSection<S extends HealthSection>(ctx: ServiceContext, section: S, clientId: string): SectionDocs[S] {
  requireClient(ctx, clientId);
  ctx.audit.append({
    staffId: ctx.actor.id,
    action: `client.${section}_viewed`,
    subjectType: 'client',
    subjectId: clientId,
  });
  return clientServices(ctx).sections.get(clientId, section);
}

type SectionUpdate<S extends HealthSection> = S extends 'medical'
  ? ParsedInput<'medical.update'>
  : ParsedInput<'lifestyle.update'>;

export function updateSection<S extends HealthSection>(ctx: ServiceContext, section: S, input: SectionUpdate<S>): SectionDocs[S] {
  requireClient(ctx, input.clientId);
  const changes = toNfc(input.changes) as Partial<SectionData<S>>;
  checkReviewedOn(changes.reviewedOn, ctx.clock);
  const { sections, history } = clientServices(ctx);
  const before = sectionData<S>(sections.get(input.clientId, section));
  const after = { ...before, ...definedOnly(changes) } as SectionData<S>;
  const fields = SECTION_FIELDS[section] as readonly (keyof SectionData<S> & string)[];
  const diffs = diffFields(before, after, fields);
  if (diffs.length === 0) return sections.get(input.clientId, section);

  const at = ctx.clock.now().toISOString();
  const staffId = ctx.actor.id;
  ctx.db.transaction(() => {
    sections.put(input.clientId, section, after, staffId, at);
    history.record({ clientId: input.clientId, section, staffId, at, reason: input.reason.normalize('NFC') }, diffs);
    ctx.audit.append({
      staffId,
      action: `client.${section}_updated`,
      subjectType: 'client',
      subjectId: input.clientId,
      detail: { fields: diffs.length },
    });
  })();
  return sections.get(input.clientId, section);
}
