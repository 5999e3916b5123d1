/**
 * A client's visit summary (number of treatments and photos, last visit date)
 * says something about their care, so the clinic may keep it from reception
 * (clinic setting receptionSeesVisitSummary, on by default because reception
 * books follow-ups). The rule is applied here, in the core, to everything that
 * returns a client record or a search hit; the renderer only shows what it gets.
 */
import type { ClientRecord, ClientSearchHit } from '../../contract/record-types';
import { can } from '../../contract/permissions';
import type { ServiceContext } from '../service/service-context';
import { legalHoldsOf } from './legal-hold-marker';

/** Staff with clinical access always see it; others (reception) only if the clinic allows. */
export function seesVisitSummary(ctx: ServiceContext): boolean {
  if (can(ctx.actor.role, 'clinical.read')) return true;
  return ctx.settings.getClinic().receptionSeesVisitSummary;
}

export function withoutVisitSummary(record: ClientRecord): ClientRecord {
  const { lastVisitOn: _visit, treatmentCount: _treatments, photoCount: _photos, ...rest } = record;
  return rest;
}

export function hitsForViewer(ctx: ServiceContext, hits: ClientSearchHit[]): ClientSearchHit[] {
  const held = legalHoldsOf(ctx, hits.map((h) => h.id));
  const marked = held.size ? hits.map((h) => (held.has(h.id) ? { ...h, legalHold: held.get(h.id)! } : h)) : hits;
  if (seesVisitSummary(ctx)) return marked;
  return marked.map(({ lastVisitOn: _visit, ...rest }) => rest);
}
