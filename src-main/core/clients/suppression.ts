/**
 * The suppression list (Art 21(3): an objection to direct marketing is
 * absolute, and the person must never be contacted again, even after erasure).
 * It holds only salted SHA-256 hashes of email addresses and phone numbers, with
 * no link to the clients table, so it survives erasure and reveals nobody.
 *
 * The rule the marketing export follows (see `suppressedForPurposeSql`): a
 * client who objected (clients.marketing_objection_at set) is excluded from
 * every marketing channel, except a channel whose current event is a grant
 * recorded as an explicit re-grant (explicit_regrant = 1) that happened at or
 * after the latest objection. The objection timestamp itself is never cleared:
 * each re-grant lifts the objection for its own channel only, and a new
 * objection (a later timestamp) overrides every earlier re-grant.
 */
import { createHash } from 'node:crypto';
import { normaliseEmail, normaliseUkPhone } from '../../contract/uk-formats';
import type { OtherPhone } from '../../contract/record-types';
import type { Db } from '../db/types';
import { newId } from '../platform/ids';

export type SuppressionKind = 'email' | 'phone';

function saltOf(db: Db): string {
  const row = db.prepare("SELECT value FROM meta WHERE key = 'suppression_salt'").get() as { value: string } | undefined;
  if (!row) throw new Error('the vault has no suppression salt (migration 0004)');
  return row.value;
}

export function hashContact(salt: string, kind: SuppressionKind, normalised: string): string {
  return createHash('sha256').update(`${salt}\u0000${kind}\u0000${normalised}`).digest('hex');
}

interface ContactRow {
  email: string | null;
  mobile: string | null;
  other_phones: string | null;
}

/** The normalised email and phone numbers of a client's row, as the list hashes them. */
export function contactKeys(row: ContactRow): { kind: SuppressionKind; value: string }[] {
  const keys: { kind: SuppressionKind; value: string }[] = [];
  const email = normaliseEmail(row.email ?? '');
  if (email) keys.push({ kind: 'email', value: email });
  let others: OtherPhone[];
  try {
    const parsed: unknown = row.other_phones ? JSON.parse(row.other_phones) : [];
    others = Array.isArray(parsed) ? (parsed as OtherPhone[]) : [];
  } catch {
    others = [];
  }
  const phones = [row.mobile ?? '', ...others.map((o) => o?.number ?? '')];
  for (const phone of phones) {
    const n = phone ? normaliseUkPhone(phone) : null;
    if (n && !keys.some((k) => k.kind === 'phone' && k.value === n)) keys.push({ kind: 'phone', value: n });
  }
  return keys;
}

function contactRow(db: Db, clientId: string): ContactRow | undefined {
  return db.prepare('SELECT email, mobile, other_phones FROM clients WHERE id = ?').get(clientId) as ContactRow | undefined;
}

/** Adds the client's email and every phone number to the list; returns how many were new. */
export function addClientToSuppressionList(db: Db, clientId: string, staffId: string, at: string): number {
  const row = contactRow(db, clientId);
  if (!row) return 0;
  const salt = saltOf(db);
  const insert = db.prepare(
    'INSERT INTO suppression_list (id, kind, value_hash, added_at, added_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, value_hash) DO NOTHING',
  );
  let added = 0;
  for (const k of contactKeys(row)) added += insert.run(newId('sup'), k.kind, hashContact(salt, k.kind, k.value), at, staffId).changes;
  return added;
}

/** Whether an email address or phone number (as typed) is on the list. */
export function isContactSuppressed(db: Db, kind: SuppressionKind, value: string): boolean {
  const normalised = kind === 'email' ? normaliseEmail(value) : normaliseUkPhone(value);
  if (!normalised) return false;
  return !!db
    .prepare('SELECT 1 FROM suppression_list WHERE kind = ? AND value_hash = ?')
    .get(kind, hashContact(saltOf(db), kind, normalised));
}

/**
 * Art 21(3): a client created, or whose email or phone changes, to a contact
 * detail on the list is marked as having objected, so they are never
 * re-imported into marketing. Call in the same transaction as the write.
 * Returns true when the client is (now or already) suppressed.
 */
export function applySuppressionList(db: Db, clientId: string, at: string = new Date().toISOString()): boolean {
  const row = db.prepare('SELECT email, mobile, other_phones, marketing_objection_at FROM clients WHERE id = ?').get(clientId) as
    | (ContactRow & { marketing_objection_at: string | null })
    | undefined;
  if (!row) return false;
  if (row.marketing_objection_at !== null) return true;
  const salt = saltOf(db);
  const lookup = db.prepare('SELECT 1 FROM suppression_list WHERE kind = ? AND value_hash = ?');
  const listed = contactKeys(row).some((k) => lookup.get(k.kind, hashContact(salt, k.kind, k.value)));
  if (listed) db.prepare('UPDATE clients SET marketing_objection_at = ? WHERE id = ?').run(at, clientId);
  return listed;
}

/**
 * SQL that is true when the client may NOT be sent marketing under the purpose
 * whose consent_current row is `currentAlias`, because they objected and that
 * channel was not explicitly re-granted after the objection. Give the aliases
 * of the clients row and of the consent_current row (joined on the client and
 * the purpose, scope_key = '').
 */
export function suppressedForPurposeSql(clientAlias: string, currentAlias: string): string {
  // consent_current carries the facts of the event in force (kept by the ledger's trigger).
  return `(${clientAlias}.marketing_objection_at IS NOT NULL AND NOT coalesce(
    ${currentAlias}.state = 'granted' AND ${currentAlias}.explicit_regrant = 1
      AND ${currentAlias}.occurred_at >= ${clientAlias}.marketing_objection_at, 0))`;
}

/** The same rule for one client and purpose. */
export function isSuppressedForPurpose(db: Db, clientId: string, purposeId: string): boolean {
  const row = db
    .prepare(
      `SELECT ${suppressedForPurposeSql('c', 'cc')} AS suppressed
       FROM clients c
       LEFT JOIN consent_current cc ON cc.client_id = c.id AND cc.purpose_id = ? AND cc.scope_key = ''
       WHERE c.id = ?`,
    )
    .get(purposeId, clientId) as { suppressed: number } | undefined;
  return row ? row.suppressed === 1 : false;
}
