/**
 * The pack as data.json carries it: every withheld item removed (UK GDPR
 * Art 15(4)), with only a count per reason left, so a reader of the JSON learns
 * that something was withheld and why in general, never what. The PDF shows a
 * labelled gap in each item's place instead (pack-pdf.ts).
 */
import type { AccessPack, RedactionRecord, WithheldReason } from '../../contract/access-pack-schemas';

export type RedactionMap = ReadonlyMap<string, RedactionRecord>;

export function redactionMap(redactions: readonly RedactionRecord[]): RedactionMap {
  return new Map(redactions.map((r) => [r.itemId, r]));
}

export function withoutWithheld(pack: AccessPack, redactions: RedactionMap): AccessPack {
  const kept = <T extends { itemId: string }>(list: T[]) => list.filter((x) => !redactions.has(x.itemId));
  const withheld: Partial<Record<WithheldReason, number>> = {};
  for (const r of redactions.values()) withheld[r.reason] = (withheld[r.reason] ?? 0) + 1;
  return {
    ...pack,
    identity: kept(pack.identity),
    medicalHistory: { ...pack.medicalHistory, fields: kept(pack.medicalHistory.fields) },
    lifestyleHistory: { ...pack.lifestyleHistory, fields: kept(pack.lifestyleHistory.fields) },
    treatments: kept(pack.treatments).map((t) => {
      if (!t.notes || !redactions.has(t.notes.itemId)) return t;
      const { notes: _withheld, ...rest } = t;
      return rest;
    }),
    photos: kept(pack.photos),
    consents: kept(pack.consents),
    requestHistory: kept(pack.requestHistory),
    changeHistory: kept(pack.changeHistory),
    disputes: kept(pack.disputes),
    statementOfDisagreement: pack.statementOfDisagreement && !redactions.has(pack.statementOfDisagreement.itemId) ? pack.statementOfDisagreement : null,
    recordOpenings: kept(pack.recordOpenings),
    withheld,
  };
}

/** True when anything the person will receive is health data (the Sch 3 check applies). */
export function disclosesHealthData(healthItemIds: ReadonlySet<string>, redactions: RedactionMap): boolean {
  for (const id of healthItemIds) if (!isWithheld(id, redactions)) return true;
  return false;
}

/** A treatment's note goes with its treatment: `treatment.X.notes` is withheld when `treatment.X` is. */
export function isWithheld(itemId: string, redactions: RedactionMap): boolean {
  if (redactions.has(itemId)) return true;
  const parent = itemId.match(/^(treatment\.[^.]+)\.notes$/);
  return parent !== null && redactions.has(parent[1]!);
}
