/**
 * Which of a photo's uses are allowed right now. A photo is tagged with the
 * scopes the client agreed to when it was taken; the ledger says which still
 * stand. 'clinical-record' is always allowed: the clinical record is held for
 * health care (Art 9(2)(h)), not on consent. The others (insurer, training,
 * website and social media) only while the client's photo.<scope> purpose is
 * currently granted, so a withdrawal removes that use from every photo at once.
 */
import { PHOTO_CONSENT_SCOPES, type PhotoConsentScope } from '../../contract/record-types';
import type { Db } from '../db/types';

/** The photo scopes the client currently allows, 'clinical-record' always included. One indexed lookup. */
export function allowedPhotoScopes(db: Db, clientId: string): ReadonlySet<PhotoConsentScope> {
  const rows = db
    .prepare(
      `SELECT purpose_id FROM consent_current
       WHERE client_id = ? AND purpose_id LIKE 'photo.%' AND scope_key = '' AND state = 'granted'`,
    )
    .all(clientId) as { purpose_id: string }[];
  const allowed = new Set<PhotoConsentScope>(['clinical-record']);
  for (const r of rows) {
    const scope = r.purpose_id.slice('photo.'.length);
    if ((PHOTO_CONSENT_SCOPES as readonly string[]).includes(scope)) allowed.add(scope as PhotoConsentScope);
  }
  return allowed;
}

/** The tagged scopes that are currently allowed, in the order they were tagged. */
export function activeScopesOf(tagged: readonly PhotoConsentScope[], allowed: ReadonlySet<PhotoConsentScope>): PhotoConsentScope[] {
  return tagged.filter((s) => allowed.has(s));
}
