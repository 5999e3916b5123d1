/**
 * The photos table and its mapping to the contract's PhotoSummary. Thumbnails
 * live in the encrypted file store, so turning a row into a summary reads one.
 *
 * The area photographed is clinical detail like a treatment's areas, and the
 * consent reference is free text beside it, so both are stored sealed under
 * the clinical key (docs/clinical-sealing.md), bound to the photo and its
 * client. Rows in memory (PhotoRow) hold them open: they are sealed on the way
 * into the table and opened on the way out, here and nowhere else.
 */
import { AppError } from '../../contract/errors';
import {
  PHOTO_CONSENT_SCOPES,
  type PhotoConsentScope,
  type PhotoStage,
  type PhotoSummary,
} from '../../contract/record-types';
import type { Db } from '../db/types';
import { type ClinicalKeyHolder, type SealPlace, clinicalKeyOf, openText, sealText } from '../crypto/clinical-seal';
import { activeScopesOf } from '../consent/photo-consent';

export interface PhotoRow {
  id: string;
  client_id: string;
  treatment_id: string | null;
  file_id: string;
  thumb_file_id: string;
  area: string;
  stage: PhotoStage;
  taken_on: string;
  width: number;
  height: number;
  media_type: string;
  consent_scopes: string;
  consent_reference: string;
  created_at: string;
  created_by: string;
}

type SealedPhotoColumn = 'area' | 'consent_reference';

export function photoPlace(row: Pick<PhotoRow, 'id' | 'client_id'>, column: SealedPhotoColumn): SealPlace {
  return { table: 'photos', column, clientId: row.client_id, rowId: row.id };
}

/** The sealed columns as the table holds them. */
export function storedPhotoText(
  keys: ClinicalKeyHolder,
  row: Pick<PhotoRow, 'id' | 'client_id' | 'area' | 'consent_reference'>,
): Pick<PhotoRow, 'area' | 'consent_reference'> {
  const key = clinicalKeyOf(keys);
  return {
    area: sealText(key, photoPlace(row, 'area'), row.area),
    consent_reference: sealText(key, photoPlace(row, 'consent_reference'), row.consent_reference),
  };
}

function opened(keys: ClinicalKeyHolder, row: PhotoRow): PhotoRow {
  const key = clinicalKeyOf(keys);
  return {
    ...row,
    area: openText(key, photoPlace(row, 'area'), row.area),
    consent_reference: openText(key, photoPlace(row, 'consent_reference'), row.consent_reference),
  };
}

export function dataUrl(mediaType: string, bytes: Buffer): string {
  return `data:${mediaType};base64,${bytes.toString('base64')}`;
}

/** Scopes as stored; anything unknown (a hand-edited row) is dropped rather than trusted. */
function scopesOf(json: string): PhotoConsentScope[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed)
    ? parsed.filter((s): s is PhotoConsentScope => (PHOTO_CONSENT_SCOPES as readonly unknown[]).includes(s))
    : [];
}

/** `allowed`: the client's photo scopes allowed now (consent/photo-consent.ts allowedPhotoScopes). */
export function toSummary(row: PhotoRow, thumbnail: Buffer, allowed: ReadonlySet<PhotoConsentScope>): PhotoSummary {
  const consentScopes = scopesOf(row.consent_scopes);
  return {
    id: row.id,
    clientId: row.client_id,
    treatmentId: row.treatment_id,
    area: row.area,
    stage: row.stage,
    takenOn: row.taken_on,
    width: row.width,
    height: row.height,
    mediaType: row.media_type,
    consentScopes,
    activeScopes: activeScopesOf(consentScopes, allowed),
    consentReference: row.consent_reference,
    thumbnailDataUrl: dataUrl('image/jpeg', thumbnail),
    createdAt: row.created_at,
  };
}

export function getPhotoRow(db: Db, photoId: string, keys: ClinicalKeyHolder): PhotoRow {
  const row = db.prepare('SELECT * FROM photos WHERE id = ?').get(photoId) as PhotoRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', 'That photo could not be found. It may have been removed.');
  return opened(keys, row);
}

export function listPhotoRows(db: Db, clientId: string, keys: ClinicalKeyHolder): PhotoRow[] {
  const rows = db
    .prepare('SELECT * FROM photos WHERE client_id = ? ORDER BY taken_on, created_at, id')
    .all(clientId) as PhotoRow[];
  return rows.map((r) => opened(keys, r));
}

export function insertPhotoRow(db: Db, row: PhotoRow, keys: ClinicalKeyHolder): void {
  db.prepare(
    `INSERT INTO photos (id, client_id, treatment_id, file_id, thumb_file_id, area, stage, taken_on, width, height,
       media_type, consent_scopes, consent_reference, created_at, created_by)
     VALUES (@id, @client_id, @treatment_id, @file_id, @thumb_file_id, @area, @stage, @taken_on, @width, @height,
       @media_type, @consent_scopes, @consent_reference, @created_at, @created_by)`,
  ).run({ ...row, ...storedPhotoText(keys, row) });
}

export function requireClient(db: Db, clientId: string): void {
  // A record merged into another (client_merges, docs/duplicates.md) is closed too.
  if (!db.prepare('SELECT 1 FROM clients c WHERE id = ? AND NOT EXISTS (SELECT 1 FROM client_merges m WHERE m.merged_id = c.id)').get(clientId)) {
    throw new AppError('NOT_FOUND', 'That client could not be found. They may have been removed.');
  }
}

/** A photo may be linked only to one of its own client's treatments. */
export function checkTreatmentLink(db: Db, clientId: string, treatmentId: string | null): void {
  if (treatmentId === null) return;
  const row = db.prepare('SELECT client_id FROM treatments WHERE id = ?').get(treatmentId) as
    { client_id: string } | undefined;
  if (!row || row.client_id !== clientId) {
    const message = 'Choose one of this client’s treatments, or none.';
    throw new AppError('VALIDATION', message, { issues: [{ field: 'treatmentId', message }] });
  }
}
