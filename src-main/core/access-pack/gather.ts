/**
 * Gathers everything held on one client into the pack's model (UK GDPR Art 15(1)
 * and 15(3): a copy of the personal data), reading through the same stores the
 * record screens use, so the pack shows what the clinic holds, not a copy of
 * it. Nothing here logs a view: the export logs one action for the whole pack.
 *
 * Photos, consent evidence and signed consent forms are listed as files to be
 * streamed into the ZIP later; their bytes are not read here.
 */
import { RECORD_OPENING_ACTIONS, auditActionLabel } from '../../contract/audit-actions';
import {
  ACCESS_PACK_SCHEMA_VERSION,
  type AccessPack,
  type PackField,
  type PackFile,
  type PackItemSummary,
} from '../../contract/access-pack-schemas';
import { AppError } from '../../contract/errors';
import type { ClientIdentity, RecordSection } from '../../contract/record-types';
import { formatUkDate, formatUkInstantDate, formatUkPhone } from '../../contract/uk-formats';
import { clientSubjects } from '../audit/client-subjects';
import { ChangeHistory } from '../clients/change-history';
import { ClientRepo, identityFromRow } from '../clients/client-repo';
import { Disputes } from '../clients/disputes';
import { mergedAwayMessage } from '../clients/merge-state';
import { SectionStore } from '../clients/section-store';
import { currentConsents, listConsentEvents } from '../consent/ledger';
import { activeScopesOf, allowedPhotoScopes } from '../consent/photo-consent';
import { clientPhones, screeningHistory } from '../consent/tps';
import { listPhotoRows } from '../photos/photo-rows';
import { printCopyFileIds } from '../photos/print-copies';
import type { ServiceContext } from '../service/service-context';
import { londonToday } from '../../contract/field-schemas';
import { tpsStanding } from '../consent/tps-rules';
import { TreatmentRepo } from '../treatments/treatment-repo';
import { FIELD_LABELS, fieldLabel } from '../../contract/field-labels';
import type { AccessPackPorts, PackRequest } from './ports';
import { supplementaryFrom } from './supplementary';

/** A stored file that goes into files/ in the ZIP, and where its hash is written once it has been. */
export interface PackFileToCopy {
  itemId: string;
  fileId: string;
  zipPath: string;
  mediaType: string;
  /** A photo's print-size copy (photos/print-copies.ts), which the PDF draws instead of scaling the original. */
  printFileId?: string;
  /** Sets the item's file entry (path, bytes, SHA-256) once the file has been written to the ZIP. */
  attach(file: PackFile): void;
}

export interface GatheredPack {
  pack: AccessPack;
  files: PackFileToCopy[];
  items: PackItemSummary[];
  /** The item ids that are health data (DPA 2018 Sch 3): medical and lifestyle history, treatments, photos. */
  healthItemIds: ReadonlySet<string>;
}

const HEALTH_SECTIONS: ReadonlySet<RecordSection> = new Set(['medical', 'lifestyle']);
const ALL_SECTIONS: ReadonlySet<RecordSection> = new Set(['identity', 'medical', 'lifestyle']);

function identityValue(identity: ClientIdentity, field: keyof ClientIdentity): string {
  const v = identity[field];
  if (field === 'otherPhones') return identity.otherPhones.map((p) => `${p.label}: ${formatUkPhone(p.number)}`).join('; ');
  if (field === 'mobile') return formatUkPhone(identity.mobile);
  if (field === 'gp') return identity.gp ? [identity.gp.name, identity.gp.practice, identity.gp.address, formatUkPhone(identity.gp.phone)].filter(Boolean).join(', ') : '';
  if (Array.isArray(v)) return v.join(', ');
  return typeof v === 'string' ? v : '';
}

function extension(mediaType: string): string {
  if (mediaType === 'image/jpeg') return 'jpg';
  if (mediaType === 'image/png') return 'png';
  if (mediaType === 'application/pdf') return 'pdf';
  if (mediaType === 'image/webp') return 'webp';
  return 'bin';
}

function requesterText(r: PackRequest, clientName: string): string {
  if (r.requester.kind === 'self') return clientName;
  return `${r.requester.name} (${r.requester.relationship}) on behalf of ${clientName}`;
}

/** The client's own record, not one merged away, or REQUEST_NOT_MATCHED when the request names nobody on file yet. */
export function requestClientId(request: PackRequest): string {
  if (!request.clientId) {
    throw new AppError('ACCESS_PACK_NO_CLIENT');
  }
  return request.clientId;
}

export function gatherPack(ctx: ServiceContext, ports: AccessPackPorts, request: PackRequest): GatheredPack {
  const clientId = requestClientId(request);
  const { db, keys } = ctx;
  const row = new ClientRepo(db).get(clientId);
  if (!row) throw new AppError('NOT_FOUND', 'The client this request is for could not be found. They may have been removed.');
  const merged = mergedAwayMessage(db, clientId);
  if (merged) throw new AppError('NOT_FOUND', merged);

  const items: PackItemSummary[] = [];
  const health = new Set<string>();
  const files: PackFileToCopy[] = [];
  const item = (itemId: string, section: string, label: string, isHealth: boolean) => {
    items.push({ itemId, section, label, health: isHealth });
    if (isHealth) health.add(itemId);
    return itemId;
  };

  const identity = identityFromRow(row);
  const clientName = `${identity.firstName} ${identity.lastName}`.trim();
  const identityFields: PackField[] = (Object.keys(FIELD_LABELS.identity) as (keyof ClientIdentity)[]).map((field) => ({
    itemId: item(`identity.${field}`, 'Identity and contact', fieldLabel('identity', field), false),
    field,
    label: fieldLabel('identity', field),
    value: identityValue(identity, field),
  }));

  const sections = new SectionStore(db, keys);
  const historyOf = (section: 'medical' | 'lifestyle', heading: string) => {
    const doc = sections.get(clientId, section) as unknown as Record<string, unknown> & { reviewedOn: string | null; updatedAt: string | null };
    return {
      reviewedOn: doc.reviewedOn,
      updatedAt: doc.updatedAt,
      fields: Object.keys(FIELD_LABELS[section]).map((field) => ({
        itemId: item(`${section}.${field}`, heading, fieldLabel(section, field), true),
        field,
        label: fieldLabel(section, field),
        value: String(doc[field] ?? ''),
      })),
    };
  };
  const medicalHistory = historyOf('medical', 'Medical history');
  const lifestyleHistory = historyOf('lifestyle', 'Lifestyle history');

  const treatments = new TreatmentRepo(db, keys).listForClient(clientId).map((t) => {
    const itemId = item(`treatment.${t.id}`, 'Treatments', `${t.typeName} on ${formatUkDate(t.treatedOn)}`, true);
    const entry: AccessPack['treatments'][number] = {
      itemId,
      treatmentId: t.id,
      treatedOn: t.treatedOn,
      practitionerName: t.practitionerName,
      treatment: t.typeName,
      areas: t.areas,
      product: t.product,
      batchNumber: t.batchNumber,
      batchExpiry: t.batchExpiry,
      amount: t.amount === null ? '' : `${t.amount} ${t.amountUnit ?? ''}`.trim(),
      aftercare: t.aftercare,
      followUpOn: t.followUpOn,
      adverseEvent: t.adverseEvent,
      mhraReported: t.mhraReported,
      medicalHistoryReviewedOn: t.medicalHistoryReviewedOn,
    };
    if (t.notes !== '') entry.notes = { itemId: item(`treatment.${t.id}.notes`, 'Treatments', `Note on ${t.typeName}, ${formatUkDate(t.treatedOn)}`, true), text: t.notes };
    if (t.consentFormFileId) {
      files.push({ itemId, fileId: t.consentFormFileId, zipPath: `files/consent-forms/${t.id}`, mediaType: '', attach: (f) => (entry.consentForm = f) });
    }
    return entry;
  });

  const allowed = allowedPhotoScopes(db, clientId);
  const printCopies = printCopyFileIds(db, clientId);
  const photos = listPhotoRows(db, clientId, keys).map((p) => {
    const scopes = JSON.parse(p.consent_scopes) as AccessPack['photos'][number]['consentScopes'];
    const entry: AccessPack['photos'][number] = {
      itemId: item(`photo.${p.id}`, 'Photos', `Photo (${p.stage}) taken ${formatUkDate(p.taken_on)}`, true),
      photoId: p.id,
      takenOn: p.taken_on,
      stage: p.stage,
      area: p.area,
      treatmentId: p.treatment_id,
      consentScopes: scopes,
      activeConsentScopes: activeScopesOf(scopes as Parameters<typeof activeScopesOf>[0], allowed),
      width: p.width,
      height: p.height,
    };
    files.push({
      itemId: entry.itemId,
      fileId: p.file_id,
      zipPath: `files/photos/${p.id}.${extension(p.media_type)}`,
      mediaType: p.media_type,
      printFileId: printCopies.get(p.id),
      attach: (f) => (entry.file = f),
    });
    return entry;
  });

  const consents = listConsentEvents(db, clientId).map((e) => {
    const entry: AccessPack['consents'][number] = {
      itemId: item(`consent.${e.id}`, 'Consent', `${e.purposeLabel}: ${e.state} ${formatUkInstantDate(e.occurredAt)}`, false),
      purpose: e.purposeLabel,
      state: e.state,
      basis: e.basis,
      occurredAt: e.occurredAt,
      recordedAt: e.recordedAt,
      recordedBy: e.recordedByName,
      method: e.method,
      noticeVersion: e.noticeVersion,
      wording: e.wording,
      note: e.note,
    };
    if (e.evidenceFileId) {
      files.push({ itemId: entry.itemId, fileId: e.evidenceFileId, zipPath: `files/consent-evidence/${e.id}`, mediaType: '', attach: (f) => (entry.evidence = f) });
    }
    return entry;
  });

  const today = londonToday(ctx.clock.now());
  const preferences: AccessPack['preferences'] = {
    consentsInForce: currentConsents(db, clientId)
      .filter((c) => c.treatmentId === null)
      .map((c) => ({ purpose: c.purpose.label, state: c.state, since: c.since ?? '' })),
    telephonePreferenceService: clientPhones(row).map(({ phone, label }) => {
      const latest = screeningHistory(db, phone)[0] ?? null;
      const standing = tpsStanding(latest, today);
      return { phone: `${label}: ${formatUkPhone(phone)}`, screened: latest ? `${standing} (checked ${latest.checkedOn})` : standing, callable: standing === 'clear' };
    }),
  };

  const changeHistory = new ChangeHistory(db, keys).list(clientId, ALL_SECTIONS).map((c) => ({
    itemId: item(`change.${c.id}`, 'Change history', `${c.section} ${c.field} changed ${formatUkInstantDate(c.changedAt)}`, HEALTH_SECTIONS.has(c.section)),
    section: c.section,
    field: c.field,
    oldValue: c.oldValue,
    newValue: c.newValue,
    changedAt: c.changedAt,
    changedBy: c.changedByName,
    reason: c.reason,
  }));
  const disputes = new Disputes(db, keys).list(clientId, ALL_SECTIONS).map((d) => ({
    itemId: item(`dispute.${d.id}`, 'Disputes', `Dispute about ${d.field}`, HEALTH_SECTIONS.has(d.section)),
    section: d.section,
    field: d.field,
    note: d.note,
    recordedAt: d.recordedAt,
    resolvedAt: d.resolvedAt,
  }));

  const statement = ports.statementOfDisagreement(ctx, clientId);
  const requestHistory = ports.requestHistory(ctx, request.id).map((h) => ({
    itemId: item(`request-event.${h.id}`, 'Request history', h.what, false),
    at: h.at,
    what: h.what,
  }));

  const page = ctx.audit.listAbout(clientSubjects(db, clientId), RECORD_OPENING_ACTIONS, 1000);
  const staffNames = new Map(
    (db.prepare('SELECT id, display_name FROM staff').all() as Array<{ id: string; display_name: string }>).map((s) => [s.id, s.display_name]),
  );
  const recordOpenings = page.entries.map((e) => {
    const what = auditActionLabel(e.action);
    return {
      itemId: item(`opening.${e.seq}`, 'Who opened the record', `${what} ${formatUkInstantDate(e.at)}`, false),
      at: e.at,
      action: what,
      by: (e.staffId && staffNames.get(e.staffId)) ?? '',
    };
  });

  const letterhead = ports.letterhead(ctx);
  const pack: AccessPack = {
    schemaVersion: ACCESS_PACK_SCHEMA_VERSION,
    generatedAt: ctx.clock.now().toISOString(),
    controller: { name: letterhead.clinicName, address: letterhead.addressLines, icoRegistration: letterhead.icoRegistration ?? null },
    request: { reference: request.reference, receivedOn: request.receivedOn, dueDate: request.dueDate, requester: requesterText(request, clientName) },
    supplementary: supplementaryFrom(ports.processingRecord(ctx)),
    identity: identityFields,
    medicalHistory,
    lifestyleHistory,
    treatments,
    photos,
    consents,
    preferences,
    requestHistory,
    changeHistory,
    disputes,
    statementOfDisagreement: statement
      ? { itemId: item(`statement.${statement.id}`, 'Statement of disagreement', 'Statement of disagreement', false), text: statement.text, recordedOn: statement.recordedOn }
      : null,
    recordOpenings,
    withheld: {},
  };
  return { pack, files, items, healthItemIds: health };
}
