/**
 * Erasure by category (UK GDPR Art 17, docs/erasure-and-restriction.md).
 * Contact details, marketing preferences and other non-clinical data are
 * destroyed; the clinical record (histories, treatments, photos, treatment
 * and photo consents) is kept until its retention date under Art 17(3)(c)
 * (health care under professional secrecy, Art 9(2)(h)) and 17(3)(e) (legal
 * claims). The owner sees exactly what goes and what stays, with dates, first.
 *
 * After erasure the clients row is the kept clinical record's anchor: its id
 * and date of birth stay; the names and NHS number that identify whose record
 * it is are kept sealed under the clinical key (client_erasures), and the row
 * is in no search index, so a search finds nothing while the clinical record
 * stays reachable by its reference (the request, or the client id) until its
 * date. With nothing clinical held there is nothing to keep: the whole record goes.
 */
import { AppError } from '../../contract/errors';
import type { ErasurePreview, ErasureResult, ErasureStatus } from '../../contract/erasure-types';
import type { Db } from '../db/types';
import { mergedAwayMessage } from '../clients/merge-state';
import { CATEGORY_LABELS, ERASED_CATEGORIES } from '../destruction/categories';
import { clientFootprint, clientsInScope, holdsClinicalRecord } from '../destruction/client-scope';
import { type RetainedIdentity, destroyClientData, retainedIdentityPlace } from '../destruction/destroy-client';
import { openJson } from '../crypto/clinical-seal';
import type { ServiceContext } from '../service/service-context';
import { getSubjectRequest, recordOnRequest } from '../requests/request-store';
import { requireNoLegalHold } from './legal-hold-check';
import { currentPolicy } from '../retention/policy-store';
import { keptUntilDate, periodInWords } from '../retention/rules';
import type { RetentionPeriods } from '../retention/retention-types';

/** Why the clinical record stays, with the periods of the owner's retention policy (docs/retention.md). */
export function legalBasis(policy: RetentionPeriods): string[] {
  return [
    'UK GDPR Article 17(3)(c) and Article 9(2)(h): clinical records are kept for your health care, under professional secrecy.',
    'UK GDPR Article 17(3)(e): they are kept for the establishment, exercise or defence of legal claims about your treatment.',
    `They are kept for ${periodInWords(policy.clinicalMonthsAfterLastTreatment)} after your last treatment (for someone treated under 18, until their ${ordinal(policy.childUntilBirthday)} birthday, or ${ordinal(policy.childAged17UntilBirthday)} if they were 17 when treatment ended, if later: NHS England Records Management Code of Practice 2023), then securely destroyed.`,
  ];
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

interface ClientBasics {
  id: string;
  date_of_birth: string | null;
}

function requireErasable(db: Db, clientId: string): ClientBasics {
  const row = db.prepare('SELECT id, date_of_birth FROM clients WHERE id = ?').get(clientId) as ClientBasics | undefined;
  if (!row) throw new AppError('NOT_FOUND', 'That client could not be found. Their record may already have been erased.');
  const merged = mergedAwayMessage(db, clientId);
  if (merged) throw new AppError('NOT_FOUND', merged);
  return row;
}

function lastClinicalOn(db: Db, scope: readonly string[], lastTreatedOn: string | null): string | null {
  if (lastTreatedOn) return lastTreatedOn;
  const row = db
    .prepare(
      `SELECT max(d) AS d FROM (
         SELECT max(taken_on) AS d FROM photos WHERE client_id IN (SELECT value FROM json_each(?))
         UNION ALL SELECT max(substr(updated_at, 1, 10)) FROM client_sections WHERE client_id IN (SELECT value FROM json_each(?)))`,
    )
    .get(JSON.stringify(scope), JSON.stringify(scope)) as { d: string | null };
  return row.d;
}

export function isErased(db: Db, clientId: string): boolean {
  return db.prepare('SELECT 1 FROM client_erasures WHERE client_id = ?').get(clientId) !== undefined;
}

/**
 * A request given with the erasure must be this client's: the step is then
 * recorded on it (the register's history and audit log).
 */
function requireRequestFor(ctx: ServiceContext, clientId: string, requestId: string | null): void {
  if (!requestId) return;
  const request = getSubjectRequest(ctx, requestId);
  if (request.clientId !== clientId) {
    throw new AppError('VALIDATION', `Request ${request.reference} is not this client’s. Open the erasure from the request itself.`, {
      issues: [{ field: 'requestId', message: 'That request is for another person.' }],
    });
  }
}

export function erasurePreview(ctx: ServiceContext, clientId: string, requestId: string | null): ErasurePreview {
  const client = requireErasable(ctx.db, clientId);
  requireRequestFor(ctx, clientId, requestId);
  const scope = clientsInScope(ctx.db, clientId);
  const f = clientFootprint(ctx.db, scope);
  // The destruction's own test (destroy-client.ts), so the preview promises exactly what the erasure keeps.
  const clinical = holdsClinicalRecord(ctx.db, scope);
  const policy = currentPolicy(ctx.db);
  const kept = clinical ? keptUntilDate(lastClinicalOn(ctx.db, scope, f.lastTreatedOn), client.date_of_birth, policy) : { date: null, rule: 'none' as const };
  const until = kept.date ?? '';
  const stays = clinical
    ? [
        { what: 'Name, date of birth and NHS number, kept only to identify the clinical record (sealed, not searchable)', count: 1, keptUntil: until },
        { what: 'Medical and lifestyle history', count: f.sections, keptUntil: until },
        { what: 'Treatments, with products and batch numbers', count: f.treatments, keptUntil: until },
        { what: 'Photos', count: f.photos, keptUntil: until },
        { what: 'Treatment and photo consents', count: f.clinicalConsents, keptUntil: until },
        { what: 'Changes to the clinical record', count: f.clinicalChanges, keptUntil: until },
      ].filter((s, i) => i === 0 || s.count > 0)
    : [];
  return {
    clientId,
    requestId,
    alreadyErased: isErased(ctx.db, clientId),
    removesWholeRecord: !clinical,
    goes: [
      { category: 'contact', label: CATEGORY_LABELS.contact, count: f.contactFields + f.identityChanges + f.tpsScreenings },
      { category: 'marketing', label: CATEGORY_LABELS.marketing, count: f.marketingConsents + f.marketingFiles + f.tpsStatements },
      { category: 'other', label: CATEGORY_LABELS.other, count: f.distinctPairs },
    ],
    stays,
    keptUntil: kept.date,
    keptUntilRule: kept.rule,
    lastTreatedOn: f.lastTreatedOn,
    legalBasis: clinical ? legalBasis(policy) : [],
    mergedRecords: f.mergedRecords,
  };
}

/** Owner only (records.destroy, checked by the dispatcher; the role is checked here again). */
export function applyErasure(ctx: ServiceContext, clientId: string, requestId: string | null): Omit<ErasureResult, 'letterText' | 'reference' | 'letter'> {
  if (ctx.actor.role !== 'owner') throw new AppError('FORBIDDEN');
  requireNoLegalHold(ctx, clientId);
  const preview = erasurePreview(ctx, clientId, requestId);
  if (preview.alreadyErased) throw new AppError('ALREADY_ERASED');
  const report = destroyClientData(ctx, clientId, ERASED_CATEGORIES, {
    auditAction: 'erasure.applied',
    requestId,
    keptUntil: preview.keptUntil,
    // In the erasure's own transaction: the request's history says it happened exactly when it did.
    alsoInTransaction: requestId
      ? (report) =>
          recordOnRequest(ctx, requestId, {
            kind: 'erasure.applied',
            detail: { clientId, keptUntil: preview.keptUntil, filesDestroyed: report.filesDestroyed, clientRemoved: report.clientRemoved },
          })
      : undefined,
  });
  return { preview, erasedAt: ctx.clock.now().toISOString(), filesDestroyed: report.filesDestroyed, clientRemoved: report.clientRemoved };
}

interface ErasureRow {
  client_id: string;
  erased_at: string;
  kept_until: string | null;
  request_id: string | null;
  identity_sealed: string | null;
}

export function erasureStatus(ctx: ServiceContext, clientId: string): ErasureStatus | null {
  const row = ctx.db.prepare('SELECT * FROM client_erasures WHERE client_id = ?').get(clientId) as ErasureRow | undefined;
  if (!row) return null;
  const key = ctx.keys.clinical;
  return {
    clientId,
    erasedAt: row.erased_at,
    keptUntil: row.kept_until,
    requestId: row.request_id,
    retainedIdentity: key && row.identity_sealed ? openJson<RetainedIdentity>(key, retainedIdentityPlace(clientId), row.identity_sealed) : null,
  };
}
