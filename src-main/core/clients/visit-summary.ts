/**
 * A client's visit summary (number of treatments and photos, last visit date)
 * says something about their care, so the clinic may keep it from reception
 * (clinic setting receptionSeesVisitSummary, on by default because reception
 * books follow-ups). The rule is applied here, in the core, to everything that
 * returns a client record or a search hit; the renderer only shows what it gets.
 */
import type { ClientRecord, ClientSearchHit } from '../../contract/record-types';
import { can } from '../../contract/permissions';
import type { SignedInContext } from '../handler-types';

/** Staff with clinical access always see it; others (reception) only if the clinic allows. */
export function seesVisitSummary(ctx: SignedInContext): boolean {
  if (can(ctx.session.staff.role, 'clinical.read')) return true;
  return ctx.vault.settings.getClinic().receptionSeesVisitSummary;
}

export function withoutVisitSummary(record: ClientRecord): ClientRecord {
  const { lastVisitOn: _visit, treatmentCount: _treatments, photoCount: _photos, ...rest } = record;
  return rest;
}

export function hitsForViewer(ctx: SignedInContext, hits: ClientSearchHit[]): ClientSearchHit[] {
  if (seesVisitSummary(ctx)) return hits;
  return hits.map(({ lastVisitOn: _visit, ...rest }) => rest);
}
