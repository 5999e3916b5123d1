/**
 * The records an audit entry "about a client" can have as its subject: the
 * client, and each of their treatments and photos (a treatment or photo viewed
 * is logged against the treatment or photo, with the client's id only in its
 * detail). Read through the treatments_by_client and photos_by_client indexes.
 */
import type { Db } from '../db/types';

export function clientSubjects(db: Db, clientId: string): string[] {
  const treatments = db.prepare('SELECT id FROM treatments WHERE client_id = ?').all(clientId) as { id: string }[];
  const photos = db.prepare('SELECT id FROM photos WHERE client_id = ?').all(clientId) as { id: string }[];
  return [clientId, ...treatments.map((r) => r.id), ...photos.map((r) => r.id)];
}
