/**
 * The last-interaction date drives retention (docs/compliance.md, "Records and
 * the rights of the people in them": other personal data is kept 3 years after
 * the last interaction). Every
 * service that touches a client (a treatment, a contact-detail change, a
 * consent change, a request) calls this in the same transaction.
 */
import type { Db } from '../db/types';

export function recordInteraction(db: Db, clientId: string, atIso: string): void {
  db.prepare('UPDATE clients SET last_interaction_at = max(last_interaction_at, ?) WHERE id = ?').run(atIso, clientId);
}
